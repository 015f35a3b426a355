package io.claimgate.policy.cel;

/** What an expression must produce; checked when it is compiled, and again on each evaluation. */
public enum ResultKind {
    /** A condition: {@code when}, {@code skip_when}, {@code oauth.claim.check}. */
    BOOL("a bool"),
    /** A list of names or globs ({@code names_from}); a single string counts as a one-element list. */
    STRING_LIST("a list of strings");

    private final String description;

    ResultKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
