package io.claimgate.filter;

/** Where the interceptor learns who its consumer is; asked once per {@code onConsume}. */
interface PrincipalSource {
    /** The principal now, or null when it is not known (records are then held back). Never throws. */
    FilterPrincipal current();

    /** For log lines: where the principal comes from. */
    String describe();

    /** {@code claimgate.filter.principal}. */
    static PrincipalSource fixed(String name) {
        FilterPrincipal principal = FilterPrincipal.named(name, FilterOptions.PRINCIPAL);
        return new PrincipalSource() {
            @Override
            public FilterPrincipal current() {
                return principal;
            }

            @Override
            public String describe() {
                return FilterOptions.PRINCIPAL + "=" + name;
            }
        };
    }
}
