package io.claimgate.server;

import com.nimbusds.jose.JWSAlgorithm;
import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.OptionNames;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import io.claimgate.common.http.AllowedUrls;
import io.claimgate.common.http.HttpSettings;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The broker-side validation settings of one listener, read once in {@code configure()} and
 * immutable afterwards. Every bad value fails start-up with an {@link InvalidOptionException}
 * naming the option.
 *
 * @param jwksUri               where the signing keys are fetched ({@code oauth.jwks.endpoint.uri})
 * @param validIssuer           the only accepted {@code iss}; empty = issuer not checked
 * @param validAudiences        accepted {@code aud} values, any of; empty = audience not checked
 * @param requiredScopes        scopes a token must all carry
 * @param allowedAlgorithms     JWS algorithms accepted; never {@code none}, never HMAC
 * @param clockSkew             tolerance for {@code exp}, {@code nbf} and {@code iat}
 * @param maxTokenLifetime      longest accepted {@code exp - iat}; empty = no limit
 * @param usernameClaims        claims tried in order for the principal name
 * @param usernamePrefix        prepended to the principal name (e.g. to tell IdPs apart)
 * @param groupsClaim           claim name or dotted path holding groups; empty = no groups
 * @param scopeClaim            claim holding scopes (space-separated string or array)
 * @param jwksRefreshInterval   how often the JWKS is fetched in the background
 * @param jwksRefreshMinPause   least time between two fetches triggered by unknown key ids
 * @param allowedSaslExtensions SASL extension names a client may send
 * @param maxTokenBytes         largest token accepted
 * @param http                  timeouts and TLS for the JWKS endpoint (no retries, see below)
 */
public record ValidatorOptions(URI jwksUri, Optional<String> validIssuer, List<String> validAudiences,
                               List<String> requiredScopes, Set<JWSAlgorithm> allowedAlgorithms,
                               Duration clockSkew, Optional<Duration> maxTokenLifetime,
                               List<String> usernameClaims, String usernamePrefix, Optional<String> groupsClaim,
                               String scopeClaim, Duration jwksRefreshInterval, Duration jwksRefreshMinPause,
                               Set<String> allowedSaslExtensions, int maxTokenBytes, HttpSettings http) {

    public static final List<String> DEFAULT_ALGORITHMS = List.of(
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");

    /**
     * Every algorithm claimgate can verify with the JDK alone. Not here: HMAC (a shared secret
     * cannot be published in a JWKS, and accepting HS* invites key-confusion attacks), ES256K
     * (secp256k1 left the JDK in 16) and Ed448 (rare; not implemented).
     */
    private static final Map<String, JWSAlgorithm> SUPPORTED = Map.ofEntries(
            Map.entry("RS256", JWSAlgorithm.RS256), Map.entry("RS384", JWSAlgorithm.RS384),
            Map.entry("RS512", JWSAlgorithm.RS512), Map.entry("PS256", JWSAlgorithm.PS256),
            Map.entry("PS384", JWSAlgorithm.PS384), Map.entry("PS512", JWSAlgorithm.PS512),
            Map.entry("ES256", JWSAlgorithm.ES256), Map.entry("ES384", JWSAlgorithm.ES384),
            Map.entry("ES512", JWSAlgorithm.ES512), Map.entry("EdDSA", JWSAlgorithm.EdDSA),
            Map.entry("Ed25519", JWSAlgorithm.Ed25519));

    /** Kafka accepts only letters in extension names ({@code OAuthBearerSaslServer.EXTENSION_KEY_PATTERN}). */
    private static final Pattern EXTENSION_NAME = Pattern.compile("[A-Za-z]+");

    /**
     * Options of features that are not built yet. Ignoring them would silently accept tokens the
     * operator meant to be checked, so configuring one fails start-up instead.
     */
    private static final List<String> NOT_YET_SUPPORTED = List.of(
            OptionNames.CLAIM_CHECK, OptionNames.INTROSPECTION_ENDPOINT_URI, OptionNames.ISSUERS);

    public ValidatorOptions {
        validIssuer = validIssuer == null ? Optional.empty() : validIssuer;
        validAudiences = List.copyOf(validAudiences);
        requiredScopes = List.copyOf(requiredScopes);
        allowedAlgorithms = Set.copyOf(allowedAlgorithms);
        usernameClaims = List.copyOf(usernameClaims);
        allowedSaslExtensions = Set.copyOf(allowedSaslExtensions);
    }

    public static ValidatorOptions from(OptionReader reader) {
        reader.rejectUnknownOptions(Set.of(OptionNames.SASL_EXTENSION_PREFIX, OptionNames.ISSUER_PREFIX));
        rejectNotYetSupported(reader);

        URI jwksUri = reader.uri(OptionNames.JWKS_ENDPOINT_URI).orElseThrow(() -> reader.missing(
                OptionNames.JWKS_ENDPOINT_URI, "the URL of the identity provider's JSON Web Key Set"
                        + " (discovery through " + OptionNames.ISSUER_URI + " is not supported yet)"));
        AllowedUrls.check(OptionNames.JWKS_ENDPOINT_URI, jwksUri);

        long maxLifetime = reader.longValue(OptionNames.MAX_TOKEN_LIFETIME_SECONDS, 0, 1, Duration.ofDays(3650).toSeconds());
        List<String> usernameClaims = reader.list(OptionNames.USERNAME_CLAIM, List.of("sub"));
        if (usernameClaims.isEmpty()) {
            throw new InvalidOptionException(OptionNames.USERNAME_CLAIM, "expected one or more claim names");
        }
        // Retries would only lengthen a fetch that a network thread may be waiting for; the JWKS
        // cache retries in the background on its own schedule instead.
        HttpSettings http = HttpSettings.from(reader, 0).withoutRetries();

        return new ValidatorOptions(
                jwksUri,
                reader.string(OptionNames.VALID_ISSUER_URI),
                reader.list(OptionNames.VALID_AUDIENCE, List.of()),
                reader.list(OptionNames.REQUIRED_SCOPES, List.of()),
                allowedAlgorithms(reader),
                reader.seconds(OptionNames.CLOCK_SKEW_SECONDS, Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1)),
                maxLifetime == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(maxLifetime)),
                usernameClaims,
                reader.string(OptionNames.USERNAME_PREFIX, ""),
                reader.string(OptionNames.GROUPS_CLAIM),
                reader.string(OptionNames.SCOPE_CLAIM, "scope"),
                reader.seconds(OptionNames.JWKS_REFRESH_SECONDS, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofDays(1)),
                reader.seconds(OptionNames.JWKS_REFRESH_MIN_PAUSE_SECONDS, Duration.ofSeconds(1), Duration.ZERO, Duration.ofHours(1)),
                saslExtensions(reader),
                reader.integer(OptionNames.MAX_TOKEN_BYTES, 65536, 256, 1024 * 1024),
                http);
    }

    private static void rejectNotYetSupported(OptionReader reader) {
        for (String option : NOT_YET_SUPPORTED) {
            if (reader.string(option).isPresent()) {
                throw notYetSupported(option);
            }
        }
        reader.source().jaasOptionsWithPrefix(OptionNames.ISSUER_PREFIX).keySet().stream()
                .filter(rest -> rest.contains("."))   // oauth.issuer.<id>.<option>, not oauth.issuer.uri
                .findFirst()
                .ifPresent(rest -> {
                    throw notYetSupported(OptionNames.ISSUER_PREFIX + rest);
                });
    }

    private static InvalidOptionException notYetSupported(String option) {
        return new InvalidOptionException(option, "is not supported yet by this version of claimgate's validator;"
                + " remove it (it is refused rather than ignored so that no token is accepted unchecked)");
    }

    private static Set<JWSAlgorithm> allowedAlgorithms(OptionReader reader) {
        Optional<OptionSource.Found> found = reader.source().find(OptionNames.ALLOWED_ALGORITHMS);
        List<String> names = found.map(f -> OptionReader.splitList(f.value())).orElse(DEFAULT_ALGORITHMS);
        if (names.isEmpty()) {
            throw new InvalidOptionException(OptionNames.ALLOWED_ALGORITHMS, "expected one or more of " + SUPPORTED.keySet());
        }
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (String name : names) {
            String upper = name.toUpperCase(Locale.ROOT);
            if (upper.equals("NONE")) {
                throw new InvalidOptionException(OptionNames.ALLOWED_ALGORITHMS, "'" + name + "' is never allowed:"
                        + " it would accept unsigned tokens that anyone can forge; remove it");
            }
            if (upper.startsWith("HS")) {
                throw new InvalidOptionException(OptionNames.ALLOWED_ALGORITHMS, "'" + name + "' is never allowed:"
                        + " HMAC algorithms need a shared secret, cannot be verified against a JWKS and open the door"
                        + " to key-confusion attacks; use RS*, PS*, ES* or EdDSA");
            }
            JWSAlgorithm algorithm = SUPPORTED.get(name);
            if (algorithm == null) {
                throw reader.invalid(OptionNames.ALLOWED_ALGORITHMS, found.orElseThrow(),
                        "a list of JWS algorithms among " + new java.util.TreeSet<>(SUPPORTED.keySet())
                                + " (names are case-sensitive; '" + name + "' is not one)");
            }
            algorithms.add(algorithm);
        }
        return algorithms;
    }

    private static Set<String> saslExtensions(OptionReader reader) {
        Optional<OptionSource.Found> found = reader.source().find(OptionNames.ALLOWED_SASL_EXTENSIONS);
        if (found.isEmpty()) {
            return Set.of();
        }
        List<String> names = OptionReader.splitList(found.get().value());
        for (String name : names) {
            if (!EXTENSION_NAME.matcher(name).matches()) {
                throw reader.invalid(OptionNames.ALLOWED_SASL_EXTENSIONS, found.get(),
                        "a comma list of SASL extension names made of letters only (as Kafka requires)");
            }
        }
        return Set.copyOf(names);
    }
}
