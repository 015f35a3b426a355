package io.claimgate.common.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Every option name of Strimzi's kafka-oauth 0.17 and 0.18 callback handlers, and how claimgate
 * takes it: read with the same meaning (its own name, or translated to claimgate's option), or
 * refused at start-up with a message naming what to use instead. One table; nothing Strimzi
 * names is silently ignored, since an ignored option would leave a default standing where the
 * user chose otherwise.
 *
 * <p>{@link StrimziTranslation} applies the table to the JAAS options once, before anything
 * reads them.
 * It looks at JAAS options only: Strimzi also reads system properties and environment variables,
 * which claimgate does not scan for Strimzi's names.
 */
public final class StrimziOptions {

    /** How claimgate takes one Strimzi option. */
    public interface Treatment {
        /** For the documentation and the migration guide. */
        String note();
    }

    /**
     * claimgate reads this very name with the same meaning. {@code value} rewrites a value
     * claimgate would read differently into its own form, or refuses it (returns a problem).
     */
    public static final class Same implements Treatment {
        private final String note;
        private final ValueRule value;

        public Same(String note, ValueRule value) {
            this.note = note;
            this.value = value;
        }

        public String note() {
            return note;
        }

        public ValueRule value() {
            return value;
        }
    }

    /** Read as claimgate's {@code option}, the value converted; setting both fails start-up. */
    public static final class Renamed implements Treatment {
        private final String option;
        private final ValueRule value;
        private final String note;

        public Renamed(String option, ValueRule value, String note) {
            this.option = option;
            this.value = value;
            this.note = note;
        }

        public String option() {
            return option;
        }

        public ValueRule value() {
            return value;
        }

        public String note() {
            return note;
        }
    }

    /**
     * Asks for what claimgate does anyway, for the values {@code accepted} allows (then the option
     * is dropped); any other value is refused with {@code otherwise}.
     */
    public static final class Implied implements Treatment {
        private final Predicate<String> accepted;
        private final String otherwise;
        private final String note;

        public Implied(Predicate<String> accepted, String otherwise, String note) {
            this.accepted = accepted;
            this.otherwise = otherwise;
            this.note = note;
        }

        public Predicate<String> accepted() {
            return accepted;
        }

        public String otherwise() {
            return otherwise;
        }

        public String note() {
            return note;
        }
    }

    /** Refused whatever its value, with a message naming claimgate's option (or saying there is none). */
    public static final class Refused implements Treatment {
        private final String message;

        public Refused(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }

        @Override
        public String note() {
            return message;
        }
    }

    /** Depends on other options ({@link StrimziTranslation} says how); {@code note} says what it becomes. */
    public static final class Special implements Treatment {
        private final String note;

        public Special(String note) {
            this.note = note;
        }

        public String note() {
            return note;
        }
    }

    /** Rewrites or refuses a value: a claimgate value, or a problem ({@link Result#refused}). */
    public interface ValueRule {
        Result apply(String value);

        ValueRule AS_IS = Result::value;
    }

    /** A rewritten value, or the reason it is refused. */
    public static final class Result {
        private final String value;
        private final String problem;

        public Result(String value, String problem) {
            this.value = value;
            this.problem = problem;
        }

        public String value() {
            return value;
        }

        public String problem() {
            return problem;
        }

        static Result value(String value) {
            return new Result(value, null);
        }

        static Result refused(String problem) {
            return new Result(null, problem);
        }
    }

    public static final String FALLBACK_USERNAME_CLAIM = "oauth.fallback.username.claim";
    public static final String FALLBACK_USERNAME_PREFIX = "oauth.fallback.username.prefix";
    public static final String CHECK_AUDIENCE = "oauth.check.audience";
    public static final String CHECK_ISSUER = "oauth.check.issuer";
    static final String ENDPOINT_IDENTIFICATION = "oauth.ssl.endpoint.identification.algorithm";

    private static final Pattern SIMPLE_JSON_PATH = Pattern.compile("\\$(\\.[A-Za-z0-9_-]+)+");

    /** Strimzi option name to its treatment, sorted by name. */
    public static final Map<String, Treatment> TABLE = table();

    private StrimziOptions() {
    }

    private static Map<String, Treatment> table() {
        Map<String, Treatment> t = new TreeMap<>();
        // Same names, same meaning.
        for (String name : new String[] {OptionNames.CLIENT_ID, OptionNames.CLIENT_SECRET, OptionNames.SCOPE,
                OptionNames.AUDIENCE, OptionNames.TOKEN_ENDPOINT_URI, OptionNames.ACCESS_TOKEN,
                OptionNames.ACCESS_TOKEN_LOCATION, OptionNames.JWKS_ENDPOINT_URI, OptionNames.VALID_ISSUER_URI,
                OptionNames.INTROSPECTION_ENDPOINT_URI, OptionNames.JWKS_REFRESH_SECONDS,
                OptionNames.JWKS_REFRESH_MIN_PAUSE_SECONDS, OptionNames.SSL_TRUSTSTORE_LOCATION,
                OptionNames.SSL_TRUSTSTORE_CERTIFICATES, OptionNames.SSL_TRUSTSTORE_PASSWORD,
                OptionNames.SSL_TRUSTSTORE_TYPE}) {
            t.put(name, new Same("same name, same meaning", ValueRule.AS_IS));
        }
        t.put(OptionNames.USERNAME_PREFIX, new Same("same meaning: put before the name taken from"
                + " oauth.username.claim (for the fallback claim see oauth.fallback.username.prefix)", ValueRule.AS_IS));
        t.put(OptionNames.FAIL_FAST, new Same("same meaning; the default differs: Strimzi true, claimgate false"
                + " (set oauth.fail.fast=true to keep Strimzi's start-up behaviour)", ValueRule.AS_IS));
        t.put(OptionNames.HTTP_RETRIES, new Same("same meaning for the client's token requests (defaults: Strimzi 0,"
                + " claimgate 2); a broker's validation requests are never retried", ValueRule.AS_IS));
        t.put(OptionNames.USERNAME_CLAIM, new Same("same meaning for a claim name; a JsonPath (starting with"
                + " '[' or '$') is refused: claimgate reads a claim name or dotted path", value ->
                value.startsWith("[") || value.startsWith("$")
                        ? Result.refused("is a JsonPath; claimgate reads a claim name or dotted path (e.g."
                        + " user.id), or a comma list of them tried in order")
                        : Result.value(value)));
        t.put(OptionNames.GROUPS_CLAIM, new Same("Strimzi's JsonPath: a plain path like $.realm_access.roles is"
                + " read as the dotted path realm_access.roles; filters and wildcards are refused",
                StrimziOptions::groupsClaim));
        t.put(OptionNames.SASL_EXTENSION_PREFIX + "<name>", new Same("same meaning", ValueRule.AS_IS));

        // Other names, same meaning.
        t.put("oauth.connect.timeout.seconds", new Renamed(OptionNames.CONNECT_TIMEOUT_MS, StrimziOptions::millis,
                "read as oauth.connect.timeout.ms (seconds x 1000); defaults: Strimzi 60 s, claimgate 10 s"));
        t.put("oauth.read.timeout.seconds", new Renamed(OptionNames.READ_TIMEOUT_MS, StrimziOptions::millis,
                "read as oauth.read.timeout.ms (seconds x 1000); defaults: Strimzi 60 s, claimgate 10 s"));
        t.put("oauth.jwks.expiry.seconds", new Renamed(OptionNames.JWKS_MAX_AGE_SECONDS, ValueRule.AS_IS,
                "read as oauth.jwks.max.age.seconds (claimgate requires at least 2 x oauth.jwks.refresh.seconds;"
                        + " defaults: Strimzi 360, claimgate 86400)"));
        t.put(FALLBACK_USERNAME_CLAIM, new Special("appended to oauth.username.claim, which claimgate reads as a"
                + " fallback chain: oauth.username.claim=a + oauth.fallback.username.claim=b is a,b"));
        t.put(FALLBACK_USERNAME_PREFIX, new Special("accepted only when it equals oauth.username.prefix (one prefix for"
                + " the whole chain); otherwise refused: claimgate cannot give the fallback claim a prefix of its"
                + " own, and putting it on every name would rename the principals of oauth.username.claim"));
        t.put(CHECK_AUDIENCE, new Special("true: read as oauth.valid.audience=<oauth.client.id>; false: nothing"
                + " (claimgate checks the audience only with oauth.valid.audience)"));
        t.put(CHECK_ISSUER, new Special("true: accepted when oauth.valid.issuer.uri or oauth.issuer.uri is set;"
                + " false: accepted when neither is (claimgate checks iss exactly when one is set)"));

        // What claimgate does anyway, for these values.
        t.put("oauth.client.credentials.grant.type", implied("client_credentials"::equals, "claimgate sends"
                + " grant_type=client_credentials, or the jwt-bearer grant with " + OptionNames.GRANT_TYPE
                + "=jwt_bearer; other grant types are not supported", "client_credentials accepted (claimgate's grant);"
                + " other values refused naming oauth.grant.type"));
        t.put("oauth.force.jsonpath.username.extraction", implied("false"::equalsIgnoreCase, "claimgate reads "
                + OptionNames.USERNAME_CLAIM + " as claim names or dotted paths, never as JsonPath; remove it",
                "false accepted; true refused naming oauth.username.claim"));
        t.put(ENDPOINT_IDENTIFICATION, implied("https"::equalsIgnoreCase, "host name"
                + " verification of the IdP's certificate cannot be switched off in claimgate; trust the IdP's CA"
                + " with " + OptionNames.SSL_TRUSTSTORE_LOCATION + " or " + OptionNames.SSL_TRUSTSTORE_CERTIFICATES
                + " and remove this option", "HTTPS accepted (always on); empty (verification off) refused"));
        t.put("oauth.access.token.is.jwt", implied(StrimziOptions::isBoolean, "expected true or false",
                "accepted: claimgate tells JWTs from opaque tokens itself (opaque ones are introspected,"
                        + " oauth.introspection.enabled)"));
        t.put("oauth.tokens.not.jwt", implied(StrimziOptions::isBoolean, "expected true or false",
                "accepted, as oauth.access.token.is.jwt"));
        t.put("oauth.include.accept.header", implied("true"::equalsIgnoreCase, "claimgate always sends Accept:"
                + " application/json to the IdP; remove it", "true accepted; false refused"));
        t.put("oauth.enable.metrics", implied("true"::equalsIgnoreCase, "claimgate's meters are always registered"
                + " (docs/METRICS.md); remove it", "true accepted (always on); false refused"));
        t.put("oauth.jwks.ignore.key.use", implied("true"::equalsIgnoreCase, "claimgate verifies with keys"
                + " published for 'sig' and with keys without 'use' (false would skip the latter); remove it",
                "true accepted: keys without use are used (a key published for 'enc' never is); false refused"));
        t.put("oauth.introspection.token.param.name", implied("token"::equals, "claimgate sends the token as"
                + " 'token' (RFC 7662); other parameter names are not supported",
                "token accepted; other names refused"));
        t.put("oauth.check.access.token.type", implied("false"::equalsIgnoreCase, "claimgate does not check the"
                + " payload's typ claim by itself: use " + OptionNames.CLAIM_CHECK + "=\"claims.typ == 'Bearer'\""
                + " and remove this option", "false accepted; true refused naming oauth.claim.check"));
        t.put("oauth.validation.skip.type.check", implied("true"::equalsIgnoreCase, "claimgate does not check the"
                + " payload's typ claim by itself: use " + OptionNames.CLAIM_CHECK + "=\"claims.typ == 'Bearer'\""
                + " and remove this option", "true accepted; false refused naming oauth.claim.check"));
        t.put("oauth.crypto.provider.bouncycastle", implied(StrimziOptions::isBoolean, "expected true or false",
                "accepted: not needed, ES256/384/512 are always supported"));
        t.put("oauth.crypto.provider.bouncycastle.position", implied(v -> v.matches("-?\\d+"),
                "expected an integer", "accepted: not needed"));

        // Refused.
        t.put("oauth.groups.claim.delimiter", implied(","::equals, "claimgate splits a string groups claim on"
                + " spaces, or on commas when it has no space; other delimiters are not supported",
                "',' accepted (a string without spaces splits the same); others refused"));
        t.put("oauth.http.retry.pause.millis", new Refused("Strimzi waits a fixed pause; claimgate waits "
                + OptionNames.HTTP_RETRY_BACKOFF_MS + ", doubled each retry up to "
                + OptionNames.HTTP_RETRY_BACKOFF_MAX_MS + ", with jitter: set those instead (both to the same value"
                + " for a near-fixed pause)"));
        t.put("oauth.custom.claim.check", new Refused("rewrite the JsonPath filter in CEL as "
                + OptionNames.CLAIM_CHECK + " (e.g. @.tenant == 'acme' becomes claims.tenant == 'acme')"));
        t.put("oauth.valid.token.type", new Refused("claimgate does not check the token_type of an introspection"
                + " answer; use " + OptionNames.CLAIM_CHECK + " on its fields (e.g. claims.token_type == 'Bearer')"));
        t.put("oauth.userinfo.endpoint.uri", new Refused("claimgate never calls a userinfo endpoint: names come from"
                + " the token or the introspection answer (" + OptionNames.USERNAME_CLAIM + ")"));
        t.put("oauth.server.bearer.token", new Refused("claimgate authenticates to the introspection endpoint with "
                + OptionNames.CLIENT_ID + " and " + OptionNames.CLIENT_SECRET));
        t.put("oauth.server.bearer.token.location", new Refused("claimgate authenticates to the introspection"
                + " endpoint with " + OptionNames.CLIENT_ID + " and " + OptionNames.CLIENT_SECRET));
        t.put("oauth.config.id", new Refused("claimgate tags its meters and log lines by listener and issuer"
                + " (" + OptionNames.ISSUERS + "); remove it"));
        t.put("oauth.ssl.secure.random.implementation", new Refused("claimgate uses the JVM's default SecureRandom"
                + " (configure it in java.security); remove it"));
        t.put("oauth.refresh.token", new Refused(REFRESH));
        t.put("oauth.refresh.token.location", new Refused(REFRESH));
        t.put("oauth.password.grant.username", new Refused(PASSWORD_GRANT));
        t.put("oauth.password.grant.password", new Refused(PASSWORD_GRANT));
        t.put("oauth.client.assertion", new Refused(CLIENT_ASSERTION));
        t.put(OptionNames.CLIENT_ASSERTION_LOCATION, new Same("same meaning: a ready-made client assertion,"
                + " re-read from the file for every token request", ValueRule.AS_IS));
        t.put("oauth.client.assertion.type", new Implied(JWT_ASSERTION_TYPE::equals, "claimgate sends client"
                + " assertions only as " + JWT_ASSERTION_TYPE + "; remove it", "asks for what claimgate sends"
                + " with " + OptionNames.CLIENT_ASSERTION_LOCATION + " (" + JWT_ASSERTION_TYPE + ")"));
        t.put("oauth.max.token.expiry.seconds", new Refused("claimgate takes the token's lifetime from its exp (or"
                + " expires_in); when to refresh is Kafka's sasl.login.refresh.* configs; remove it"));
        t.put("strimzi.authorizer.delegate.class.name", new Refused(AUTHORIZER));
        t.put("strimzi.authorizer.grant.when.no.delegate", new Refused(AUTHORIZER));
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(t));
    }

    private static final String REFRESH = "claimgate does not use refresh tokens: use client credentials ("
            + OptionNames.CLIENT_ID + ", " + OptionNames.CLIENT_SECRET + "), " + OptionNames.ACCESS_TOKEN_LOCATION
            + ", or " + OptionNames.GRANT_TYPE + "=jwt_bearer";
    private static final String PASSWORD_GRANT = "claimgate does not support the password grant: use client"
            + " credentials (" + OptionNames.CLIENT_ID + ", " + OptionNames.CLIENT_SECRET + ") or "
            + OptionNames.GRANT_TYPE + "=jwt_bearer";
    private static final String JWT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final String CLIENT_ASSERTION = "an inline client assertion would expire in the configuration:"
            + " put it in a file kept current and set " + OptionNames.CLIENT_ASSERTION_LOCATION + ", or let claimgate"
            + " sign one (" + OptionNames.CLIENT_AUTH_METHOD + "=private_key_jwt with "
            + OptionNames.CLIENT_ASSERTION_KEY_LOCATION + ")";
    private static final String AUTHORIZER = "a setting of Strimzi's authorizer, not of a callback handler:"
            + " claimgate's authorizer is io.claimgate.authorizer.ClaimAuthorizer with a policy file";

    private static Implied implied(Predicate<String> accepted, String otherwise, String note) {
        return new Implied(accepted, otherwise, note);
    }

    static boolean isBoolean(String value) {
        return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
    }

    private static Result millis(String seconds) {
        try {
            return Result.value(String.valueOf(Math.multiplyExact(Long.parseLong(seconds.trim()), 1000L)));
        } catch (ArithmeticException | NumberFormatException e) {
            return Result.refused("expected a whole number of seconds");
        }
    }

    private static Result groupsClaim(String value) {
        if (SIMPLE_JSON_PATH.matcher(value).matches()) {
            return Result.value(value.substring(2));
        }
        if (value.startsWith("$") || value.startsWith("[") || value.startsWith("@")) {
            return Result.refused("is a JsonPath claimgate cannot read as a dotted path; write the claim's path"
                    + " as claim names joined by dots (e.g. realm_access.roles)");
        }
        return Result.value(value);
    }

    /** The treatment of {@code name}, {@code oauth.sasl.extension.*} included. */
    public static Optional<Treatment> treatment(String name) {
        if (name.startsWith(OptionNames.SASL_EXTENSION_PREFIX)) {
            return Optional.of(TABLE.get(OptionNames.SASL_EXTENSION_PREFIX + "<name>"));
        }
        return Optional.ofNullable(TABLE.get(name));
    }
}
