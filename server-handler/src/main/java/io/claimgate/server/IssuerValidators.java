package io.claimgate.server;

import io.claimgate.common.config.OptionNames;
import io.claimgate.common.http.IdpHttpClient;
import io.claimgate.server.idp.CircuitBreaker;
import io.claimgate.server.idp.Discovery;
import io.claimgate.server.idp.IdpEndpoint;
import io.claimgate.server.idp.IntrospectionClient;
import io.claimgate.server.jwks.JwksCacheRegistry;
import io.claimgate.server.jwks.JwksSpec;
import io.claimgate.server.metrics.ValidatorMetrics;
import io.claimgate.server.validation.IntrospectionValidator;
import io.claimgate.server.validation.IssuerPipeline;
import io.claimgate.server.validation.JwksKeySelector;
import io.claimgate.server.validation.JwtValidator;
import io.claimgate.server.validation.ValidationObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles what validates the tokens of one issuer: the HTTP client to its IdP, OIDC discovery
 * when {@code oauth.issuer.uri} is used, the JWKS cache (shared per JVM, see {@link IssuerJwks}), the
 * JWT pipeline, and introspection.
 */
final class IssuerValidators {
    private static final Logger log = LoggerFactory.getLogger(IssuerValidators.class);

    private IssuerValidators() {
    }

    static IssuerPipeline start(IssuerOptions options, Clock clock, boolean failFast, int tokenCacheMaxEntries,
                                ValidatorMetrics metrics, ValidationObserver observer) {
        warnAboutWeakSettings(options);
        Issuer issuer = options.issuer();
        IdpHttpClient http = new IdpHttpClient(options.http());
        Optional<Discovery> discovery = options.issuerUri().map(uri -> new Discovery(uri, http,
                max(Duration.ofSeconds(1), options.jwks().orElseThrow().minPause()),
                options.http().connectTimeout().plus(options.http().readTimeout()).plusMillis(500)));
        Optional<JwtValidator> jwt = options.jwks().map(spec ->
                jwtValidator(options, spec, issuer, clock, failFast, http, discovery, metrics, observer));
        try {
            Optional<IntrospectionValidator> introspection = options.introspection().map(settings ->
                    introspectionValidator(options, issuer, settings, clock, failFast, http, discovery,
                            tokenCacheMaxEntries, metrics));
            return new IssuerPipeline(issuer, jwt, introspection);
        } catch (RuntimeException | Error e) {
            jwt.ifPresent(JwtValidator::close);
            throw e;
        }
    }

    private static JwtValidator jwtValidator(IssuerOptions options, JwksSpec spec, Issuer issuer, Clock clock,
                                             boolean failFast, IdpHttpClient http, Optional<Discovery> discovery,
                                             ValidatorMetrics metrics, ValidationObserver observer) {
        JwksCacheRegistry.Lease jwks = IssuerJwks.acquire(spec, issuer, http, discovery, metrics);
        try {
            if (failFast && !jwks.cache().current().loaded()) {
                throw new KafkaException("claimgate: " + OptionNames.FAIL_FAST + "=true and the signing keys of issuer '"
                        + issuer.id() + "' could not be fetched at start-up from " + jwks.cache().describe() + ": "
                        + jwks.cache().lastFailure().orElse("no answer within the timeouts") + ". " + failFastHint());
            }
            return JwtValidator.builder(options, issuer, clock).keys(new JwksKeySelector(jwks.cache())).onClose(jwks)
                    .observer(observer)
                    .build();
        } catch (RuntimeException | Error e) {
            jwks.close();
            throw e;
        }
    }

    private static IntrospectionValidator introspectionValidator(IssuerOptions options, Issuer issuer,
                                                                 IssuerOptions.Introspection settings, Clock clock,
                                                                 boolean failFast, IdpHttpClient http,
                                                                 Optional<Discovery> discovery,
                                                                 int tokenCacheMaxEntries, ValidatorMetrics metrics) {
        IdpEndpoint endpoint = settings.endpoint().map(IdpEndpoint::fixed).orElseGet(() -> IdpEndpoint.discovered(
                discovery.orElseThrow(), IdpEndpoint.INTROSPECTION_ENDPOINT, OptionNames.INTROSPECTION_ENDPOINT_URI));
        if (settings.endpoint().isEmpty()) {
            try {
                endpoint.uri();   // discover now, bounded, so that a problem shows at start-up
            } catch (java.io.IOException e) {
                if (failFast) {
                    throw new KafkaException("claimgate: " + OptionNames.FAIL_FAST + "=true and the introspection"
                            + " endpoint of issuer '" + issuer.id() + "' could not be discovered at start-up: "
                            + e.getMessage() + ". " + failFastHint());
                }
                log.error("claimgate CANNOT DISCOVER the introspection endpoint of issuer '{}' ({}). Opaque tokens are"
                        + " rejected until discovery succeeds; it is retried when one arrives.", issuer.id(),
                        e.getMessage());
            }
        }
        log.info("claimgate introspects opaque tokens{} of issuer '{}' at {} as client '{}'",
                options.jwks().isPresent() ? "" : " and JWTs", issuer.id(), endpoint.describe(), settings.clientId());
        CircuitBreaker breaker = options.breaker().create("introspection endpoint " + endpoint.describe()
                + " (issuer '" + issuer.id() + "')");
        metrics.circuitBreaker(issuer.id(), "introspection", breaker);
        IntrospectionClient client = new IntrospectionClient(endpoint, http, breaker, settings.clientId(),
                settings.clientSecret());
        return IntrospectionValidator.builder(client)
                .maxTokenBytes(options.format().maxBytes())
                .expectedIssuer(issuer.expectedIssuer())
                .claims(JwtValidator.claimsVerifier(options, clock))
                .mapper(JwtValidator.mapper(options, issuer))
                .budget(options.validationTimeout())
                .maxInactiveEntries(Math.max(tokenCacheMaxEntries, 1000))
                .listener(metrics.introspections(issuer.id()))
                .build();
    }

    private static String failFastHint() {
        return "Fix the IdP connection, or set " + OptionNames.FAIL_FAST + "=false to start anyway and retry in the"
                + " background.";
    }

    private static void warnAboutWeakSettings(IssuerOptions options) {
        if (options.claims().expectedIssuer().isEmpty()) {
            log.warn("claimgate: oauth.valid.issuer.uri is not set, so the issuer (iss) of tokens is NOT checked;"
                    + " any token signed by a key in {} is accepted. Set it to your IdP's issuer.",
                    options.jwksUri().map(Object::toString).orElse("the JWKS"));
        }
        if (options.claims().audiences().isEmpty()) {
            log.warn("claimgate: oauth.valid.audience is not set, so the audience (aud) of tokens is NOT checked;"
                    + " a token the same IdP issued for any other API is accepted here. Set it to the audience your"
                    + " IdP puts in tokens for Kafka.");
        }
        if (options.jwks().filter(spec -> spec.minPause().isZero()).isPresent()) {
            log.warn("claimgate: oauth.jwks.refresh.min.pause.seconds=0 turns off the rate limit of JWKS refetches"
                    + " for unknown key ids: every token naming a made-up kid can make the broker call the IdP"
                    + " (one call at a time). Keep it at 1 or more outside tests.");
        }
        options.jwksUri().filter(uri -> "http".equalsIgnoreCase(uri.getScheme())).ifPresent(uri -> log.warn(
                "claimgate fetches signing keys over plain http from {}: anyone on the network path could"
                        + " substitute keys. Use https.", uri));
        options.issuerUri().filter(uri -> "http".equalsIgnoreCase(uri.getScheme())).ifPresent(uri -> log.warn(
                "claimgate discovers the endpoints of issuer {} over plain http: anyone on the network path could"
                        + " substitute them. Use https.", uri));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
