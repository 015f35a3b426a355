package io.claimgate.common.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Applies {@link StrimziOptions#TABLE} to the JAAS options, once, in {@link OptionSource#of}: a
 * Strimzi name becomes claimgate's option (with the value converted), is dropped where it asks for
 * what claimgate does anyway, or fails start-up.
 */
final class StrimziTranslation {
    private StrimziTranslation() {
    }

    /**
     * @param options the JAAS options as claimgate reads them
     * @param origins for an option whose value the translation made: the names it came from
     */
    static final class Translated {
        private final Map<String, String> options;
        private final Map<String, String> origins;

        Translated(Map<String, String> options, Map<String, String> origins) {
            this.options = options;
            this.origins = origins;
        }

        Map<String, String> options() {
            return options;
        }

        Map<String, String> origins() {
            return origins;
        }
    }

    /**
     * The JAAS options with every Strimzi name applied: read as claimgate's option, or dropped
     * where it asks for what claimgate does anyway; a refused name or value fails here.
     *
     * @param kind what the options are called in messages ({@link OptionSource#JAAS_OPTION})
     * @throws InvalidOptionException naming the first offending Strimzi option (alphabetically)
     */
    static Translated translate(Map<String, String> jaas, String kind) {
        Map<String, String> out = new LinkedHashMap<>(jaas);
        Map<String, String> origins = new LinkedHashMap<>();
        for (String name : new TreeSet<>(jaas.keySet())) {
            StrimziOptions.Treatment treatment = StrimziOptions.TABLE.get(name);
            if (treatment == null) {
                continue;
            }
            String value = jaas.get(name).trim();
            if (value.isEmpty() && !(treatment instanceof StrimziOptions.Same)
                    && !name.equals(StrimziOptions.ENDPOINT_IDENTIFICATION)) {
                out.remove(name);   // blank counts as absent, as for every option; Strimzi's "" here means "off"
                continue;
            }
            if (treatment instanceof StrimziOptions.Same) {
                StrimziOptions.Same same = (StrimziOptions.Same) treatment;
                StrimziOptions.Result result = same.value().apply(value);
                check(name, result, kind);
                if (!result.value().equals(value)) {
                    out.put(name, result.value());   // only a rewrite: another entry may have added to it
                }
            } else if (treatment instanceof StrimziOptions.Renamed) {
                StrimziOptions.Renamed renamed = (StrimziOptions.Renamed) treatment;
                if (present(jaas.get(renamed.option()))) {
                    throw new InvalidOptionException(name, "names the same thing as " + renamed.option()
                            + " (Strimzi's name for it); set only " + renamed.option());
                }
                StrimziOptions.Result result = renamed.value().apply(value);
                check(name, result, kind);
                out.remove(name);
                out.put(renamed.option(), result.value());
                origins.put(renamed.option(), name + " (Strimzi's name)");
            } else if (treatment instanceof StrimziOptions.Implied) {
                StrimziOptions.Implied implied = (StrimziOptions.Implied) treatment;
                if (!implied.accepted().test(value)) {
                    throw new InvalidOptionException(name, "Strimzi's option, set to '" + value + "': "
                            + implied.otherwise());
                }
                out.remove(name);
            } else if (treatment instanceof StrimziOptions.Refused) {
                StrimziOptions.Refused refused = (StrimziOptions.Refused) treatment;
                throw new InvalidOptionException(name, "Strimzi's option is not supported: " + refused.message());
            } else {
                special(name, value, jaas, out, origins, kind);
            }
        }
        return new Translated(out, origins);
    }

    private static void special(String name, String value, Map<String, String> jaas, Map<String, String> out,
                                Map<String, String> origins, String kind) {
        if (name.equals(StrimziOptions.FALLBACK_USERNAME_CLAIM)) {
                String primary = jaas.get(OptionNames.USERNAME_CLAIM);
                if (!present(primary)) {
                    throw new InvalidOptionException(name, "is only used with " + OptionNames.USERNAME_CLAIM
                            + " (as in Strimzi); or write both as " + OptionNames.USERNAME_CLAIM + "=<claim>," + value);
                }
                StrimziOptions.Result fallback = ((StrimziOptions.Same) StrimziOptions.TABLE.get(OptionNames.USERNAME_CLAIM)).value().apply(value);
                check(name, fallback, kind);
                out.remove(name);
                out.put(OptionNames.USERNAME_CLAIM, out.get(OptionNames.USERNAME_CLAIM) + "," + fallback.value());
                origins.put(OptionNames.USERNAME_CLAIM, OptionNames.USERNAME_CLAIM + " and " + name);
        } else if (name.equals(StrimziOptions.FALLBACK_USERNAME_PREFIX)) {
                if (!present(jaas.get(StrimziOptions.FALLBACK_USERNAME_CLAIM))) {
                    throw new InvalidOptionException(name, "is only used with " + StrimziOptions.FALLBACK_USERNAME_CLAIM
                            + " (as in Strimzi); remove it");
                }
                String primary = present(jaas.get(OptionNames.USERNAME_PREFIX))
                        ? jaas.get(OptionNames.USERNAME_PREFIX).trim() : "";
                if (!primary.equals(value)) {
                    throw new InvalidOptionException(name, "Strimzi puts it only before names taken from "
                            + StrimziOptions.FALLBACK_USERNAME_CLAIM + ", and " + OptionNames.USERNAME_PREFIX
                            + " only before names from " + OptionNames.USERNAME_CLAIM + "; claimgate has one prefix"
                            + " for the whole chain (" + OptionNames.USERNAME_PREFIX + "), so it can take this only"
                            + " when both prefixes are the same. Mapping it to " + OptionNames.USERNAME_PREFIX
                            + " would rename the other principals and their ACLs would stop matching");
                }
                out.remove(name);
        } else if (name.equals(StrimziOptions.CHECK_AUDIENCE)) {
                if (!StrimziOptions.isBoolean(value)) {
                    throw new InvalidOptionException(name, "expected true or false, got '" + value + "'");
                }
                out.remove(name);
                if (value.equalsIgnoreCase("true")) {
                    if (present(jaas.get(OptionNames.VALID_AUDIENCE))) {
                        throw new InvalidOptionException(name, "true asks for aud to contain "
                                + OptionNames.CLIENT_ID + ", but " + OptionNames.VALID_AUDIENCE
                                + " is set too; set only " + OptionNames.VALID_AUDIENCE);
                    }
                    String clientId = jaas.get(OptionNames.CLIENT_ID);
                    if (!present(clientId)) {
                        throw new InvalidOptionException(name, "true needs " + OptionNames.CLIENT_ID + " as a "
                                + kind + " (the audience to expect); or set " + OptionNames.VALID_AUDIENCE);
                    }
                    out.put(OptionNames.VALID_AUDIENCE, clientId.trim());
                    origins.put(OptionNames.VALID_AUDIENCE, name + "=true and " + OptionNames.CLIENT_ID);
                }
        } else if (name.equals(StrimziOptions.CHECK_ISSUER)) {
                if (!StrimziOptions.isBoolean(value)) {
                    throw new InvalidOptionException(name, "expected true or false, got '" + value + "'");
                }
                boolean issuerSet = present(jaas.get(OptionNames.VALID_ISSUER_URI))
                        || present(jaas.get(OptionNames.ISSUER_URI));
                if (value.equalsIgnoreCase("true") != issuerSet) {
                    throw new InvalidOptionException(name, "claimgate checks iss exactly when "
                            + OptionNames.VALID_ISSUER_URI + " (or " + OptionNames.ISSUER_URI + ") is set: "
                            + (issuerSet ? "remove " + OptionNames.VALID_ISSUER_URI + " to skip the check"
                            : "set " + OptionNames.VALID_ISSUER_URI + " to the expected iss")
                            + ", and remove this option");
                }
                out.remove(name);
        } else {
            throw new IllegalStateException("no special treatment for " + name);
        }
    }

    private static void check(String name, StrimziOptions.Result result, String kind) {
        if (result.problem() != null) {
            throw new InvalidOptionException(name, result.problem() + " (from " + kind + " " + name + ")");
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

}
