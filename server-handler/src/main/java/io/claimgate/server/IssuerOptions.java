package io.claimgate.server;

import com.nimbusds.jose.JWSAlgorithm;
import io.claimgate.policy.cel.CelScope;
import io.claimgate.policy.cel.CompiledExpression;
import io.claimgate.policy.cel.ExpressionCompiler;
import io.claimgate.policy.cel.ExpressionException;
import io.claimgate.policy.cel.ResultKind;
import io.claimgate.common.claims.ClaimMapping;
import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.Option;
import io.claimgate.common.config.OptionNames;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.http.AllowedUrls;
import io.claimgate.common.http.HttpSettings;
import io.claimgate.common.oidc.OidcDiscovery;
import io.claimgate.server.idp.BreakerSettings;
import io.claimgate.server.jwks.JwksSpec;
import io.claimgate.server.validation.ClaimRules;
import io.claimgate.server.validation.TokenFormat;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How tokens of one issuer are validated: one per entry of {@code oauth.issuers}, or the only one
 * of a listener without it. Read once in {@code configure()}, immutable afterwards, in groups that
 * each go whole to the part that uses them; every bad value fails start-up with an
 * {@link InvalidOptionException} naming the option (in its per-issuer form,
 * {@code oauth.issuer.<id>.<option>}, where that is where it was read).
 *
 * @param id                the issuer's name in {@code oauth.issuers}, or {@value #DEFAULT_ID}
 * @param issuerUri         {@code oauth.issuer.uri}: OIDC discovery, and the expected {@code iss}
 *                          unless {@code oauth.valid.issuer.uri} is set
 * @param jwks              where and how the signing keys are fetched; empty = no local JWT
 *                          validation (introspection only)
 * @param format            size, algorithms and {@code typ} a token may have
 * @param claims            what the claims must satisfy
 * @param mapping           how the claims become principal name, groups and scopes
 * @param http              timeouts and TLS towards this IdP (no retries: see {@link ValidatorOptions})
 * @param breaker           circuit breaker of each endpoint of this IdP
 * @param validationTimeout {@code oauth.validation.timeout.ms}: the time one validation may spend
 *                          waiting for the IdP (discovery, introspection), all steps together
 * @param introspection     RFC 7662 introspection of opaque tokens (and of JWTs when there is no
 *                          JWKS); empty = off ({@code oauth.introspection.enabled}, see {@link #from})
 */
public record IssuerOptions(String id, Optional<URI> issuerUri, Optional<JwksSpec> jwks, TokenFormat format,
                            ClaimRules claims, ClaimMapping mapping, HttpSettings http, BreakerSettings breaker,
                            Duration validationTimeout, Optional<Introspection> introspection) {

    /**
     * @param endpoint     {@code oauth.introspection.endpoint.uri}; empty = the discovery document's
     *                     {@code introspection_endpoint}
     * @param clientId     {@code oauth.client.id}, sent with client_secret_basic
     * @param clientSecret {@code oauth.client.secret}; never printed
     */
    public record Introspection(Optional<URI> endpoint, String clientId, String clientSecret) {
        @Override
        public String toString() {
            return "Introspection[endpoint=" + endpoint.map(URI::toString).orElse("(discovered)") + ", clientId="
                    + clientId + ", clientSecret=(hidden)]";
        }
    }

    /** The id of the one issuer of a listener without {@code oauth.issuers} (metrics, log lines). */
    public static final String DEFAULT_ID = "default";

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

    /** The typed issuer its pipeline attaches to tokens and rejections; build it once per validator. */
    public Issuer issuer() {
        return new Issuer(id, claims.expectedIssuer(), claims.clockSkew(), mapping.usernamePrefix(),
                mapping.groupsPrefix());
    }

    /** The configured {@code oauth.jwks.endpoint.uri}; empty when discovered or without a JWKS. */
    public Optional<URI> jwksUri() {
        return jwks.flatMap(JwksSpec::jwksUri);
    }

    /** Reads one issuer's options; {@code reader} is scoped to {@code oauth.issuer.<id>.} when there are several. */
    public static IssuerOptions from(String id, OptionReader reader) {
        Optional<URI> issuerUri = reader.uri(Option.ISSUER_URI);
        Optional<URI> jwksUri = reader.uri(Option.JWKS_ENDPOINT_URI);
        Optional<Introspection> introspection = introspection(reader, issuerUri.isPresent());
        if (jwksUri.isPresent()) {
            AllowedUrls.check(reader.name(OptionNames.JWKS_ENDPOINT_URI), jwksUri.get());
        } else if (issuerUri.isPresent()) {
            AllowedUrls.check(reader.name(OptionNames.ISSUER_URI), OidcDiscovery.wellKnownUri(issuerUri.get()));
        } else if (introspection.isEmpty()) {
            throw reader.missing(OptionNames.JWKS_ENDPOINT_URI, "the URL of the identity provider's JSON Web Key"
                    + " Set (or set " + reader.name(OptionNames.ISSUER_URI) + " to discover it, or "
                    + reader.name(OptionNames.INTROSPECTION_ENDPOINT_URI) + " to introspect tokens)");
        }
        long maxLifetime = reader.longValue(OptionNames.MAX_TOKEN_LIFETIME_SECONDS, 0,
                Option.MAX_TOKEN_LIFETIME_SECONDS.min().orElseThrow(), Option.MAX_TOKEN_LIFETIME_SECONDS.max().orElseThrow());
        // Retries would only lengthen a call that a network thread may be waiting for; the JWKS
        // cache retries in the background on its own schedule instead.
        HttpSettings http = HttpSettings.from(reader).withoutRetries();
        Duration refresh = reader.seconds(Option.JWKS_REFRESH_SECONDS);
        Duration maxAge = reader.seconds(Option.JWKS_MAX_AGE_SECONDS);
        if (!maxAge.isZero() && maxAge.compareTo(refresh.multipliedBy(2)) < 0) {
            throw new InvalidOptionException(reader.name(OptionNames.JWKS_MAX_AGE_SECONDS), "must be 0 (no limit) or"
                    + " at least twice " + reader.name(OptionNames.JWKS_REFRESH_SECONDS) + " (" + refresh.toSeconds()
                    + " s), or keys would expire between two regular refreshes");
        }
        BreakerSettings breaker = new BreakerSettings(reader.integer(Option.CIRCUIT_BREAKER_FAILURES),
                reader.millis(Option.CIRCUIT_BREAKER_COOLDOWN_MS));
        Duration minPause = reader.seconds(Option.JWKS_REFRESH_MIN_PAUSE_SECONDS);
        Optional<JwksSpec> jwks = jwksUri.isPresent() || issuerUri.isPresent()
                ? Optional.of(new JwksSpec(jwksUri, jwksUri.isPresent() ? Optional.empty() : issuerUri, http, refresh,
                        minPause, maxAge, breaker))
                : Optional.empty();
        TokenFormat format = new TokenFormat(reader.integer(Option.MAX_TOKEN_BYTES),
                allowedAlgorithms(reader), Set.copyOf(reader.list(Option.ALLOWED_TOKEN_TYPES)));
        ClaimRules claims = new ClaimRules(
                reader.string(OptionNames.VALID_ISSUER_URI).or(() -> issuerUri.map(URI::toString)),
                reader.list(Option.VALID_AUDIENCE),
                reader.list(Option.REQUIRED_SCOPES),
                reader.seconds(Option.CLOCK_SKEW_SECONDS),
                maxLifetime == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(maxLifetime)),
                claimCheck(reader));
        return new IssuerOptions(id, issuerUri, jwks, format, claims, ClaimMapping.from(reader), http, breaker,
                reader.millis(Option.VALIDATION_TIMEOUT_MS),
                introspection);
    }

    /** {@code oauth.introspection.enabled}. */
    private enum IntrospectionSwitch { AUTO, TRUE, FALSE }

    /**
     * {@code oauth.introspection.enabled}: {@code auto} (default) is on with
     * {@code oauth.introspection.endpoint.uri}, which then needs the client credentials, or with
     * {@code oauth.issuer.uri} and the client credentials, at the discovered endpoint. {@code true}
     * is the same but fails start-up over what is missing instead of staying off. {@code false} is
     * off even where discovery would find an endpoint: on an inter-broker listener the client
     * credentials next to {@code oauth.issuer.uri} are the broker's own login, not a wish to
     * introspect.
     */
    private static Optional<Introspection> introspection(OptionReader reader, boolean discovery) {
        IntrospectionSwitch enabled = reader.choice(Option.INTROSPECTION_ENABLED, Map.of("auto",
                IntrospectionSwitch.AUTO, "true", IntrospectionSwitch.TRUE, "false", IntrospectionSwitch.FALSE));
        Optional<URI> endpoint = reader.uri(Option.INTROSPECTION_ENDPOINT_URI);
        if (enabled == IntrospectionSwitch.FALSE) {
            if (endpoint.isPresent()) {
                throw new InvalidOptionException(reader.name(OptionNames.INTROSPECTION_ENABLED), "is false, but "
                        + reader.name(OptionNames.INTROSPECTION_ENDPOINT_URI) + " is set: remove one of them");
            }
            return Optional.empty();
        }
        Optional<String> clientId = reader.string(OptionNames.CLIENT_ID);
        Optional<String> secret = reader.string(OptionNames.CLIENT_SECRET);
        if (enabled == IntrospectionSwitch.AUTO && endpoint.isEmpty()
                && !(discovery && clientId.isPresent() && secret.isPresent())) {
            return Optional.empty();
        }
        if (endpoint.isEmpty() && !discovery) {
            throw reader.missing(OptionNames.INTROSPECTION_ENDPOINT_URI, "where tokens are introspected, as "
                    + reader.name(OptionNames.INTROSPECTION_ENABLED) + "=true (or set "
                    + reader.name(OptionNames.ISSUER_URI) + " to discover it)");
        }
        endpoint.ifPresent(uri -> AllowedUrls.check(reader.name(OptionNames.INTROSPECTION_ENDPOINT_URI), uri));
        String why = "the client the broker authenticates as to " + reader.name(OptionNames.INTROSPECTION_ENDPOINT_URI);
        return Optional.of(new Introspection(endpoint,
                clientId.orElseThrow(() -> reader.missing(OptionNames.CLIENT_ID, why)),
                secret.orElseThrow(() -> reader.missing(OptionNames.CLIENT_SECRET, why))));
    }

    private static Optional<CompiledExpression> claimCheck(OptionReader reader) {
        Optional<String> source = reader.string(OptionNames.CLAIM_CHECK);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ExpressionCompiler.compile(source.get(), CelScope.CLAIMS, ResultKind.BOOL));
        } catch (ExpressionException e) {
            throw new InvalidOptionException(reader.name(OptionNames.CLAIM_CHECK), "is not a CEL condition over"
                    + " 'claims' (the only variable here): " + e.getMessage());
        }
    }

    private static Set<JWSAlgorithm> allowedAlgorithms(OptionReader reader) {
        String option = reader.name(OptionNames.ALLOWED_ALGORITHMS);
        List<String> names = reader.list(Option.ALLOWED_ALGORITHMS);
        if (names.isEmpty()) {
            throw new InvalidOptionException(option, "expected one or more of " + SUPPORTED.keySet());
        }
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (String name : names) {
            String upper = name.toUpperCase(Locale.ROOT);
            if (upper.equals("NONE")) {
                throw new InvalidOptionException(option, "'" + name + "' is never allowed:"
                        + " it would accept unsigned tokens that anyone can forge; remove it");
            }
            if (upper.startsWith("HS")) {
                throw new InvalidOptionException(option, "'" + name + "' is never allowed:"
                        + " HMAC algorithms need a shared secret, cannot be verified against a JWKS and open the door"
                        + " to key-confusion attacks; use RS*, PS*, ES* or EdDSA");
            }
            JWSAlgorithm algorithm = SUPPORTED.get(name);
            if (algorithm == null) {
                throw reader.invalid(OptionNames.ALLOWED_ALGORITHMS,
                        reader.source().find(OptionNames.ALLOWED_ALGORITHMS).orElseThrow(),
                        "a list of JWS algorithms among " + new TreeSet<>(SUPPORTED.keySet())
                                + " (names are case-sensitive; '" + name + "' is not one)");
            }
            algorithms.add(algorithm);
        }
        return algorithms;
    }
}
