/**
 * Broker side: {@link io.claimgate.server.OAuthValidatorCallbackHandler} validates the tokens of
 * one listener; {@link io.claimgate.server.OAuthPrincipalBuilder} turns them into principals.
 *
 * <p>How validation is put together, one job per class:
 * <ul>
 *   <li>{@link io.claimgate.server.ValidatorOptions} (the listener) and
 *       {@link io.claimgate.server.IssuerOptions} (each issuer): every option parsed and checked
 *       once in {@code configure()}, immutable records.</li>
 *   <li>{@code ValidatorFactory} and {@code IssuerValidators} assemble the stack:
 *       {@code MeteredTokenValidator} → {@code CachingTokenValidator} → {@code TokenRouter} →
 *       per issuer {@code JwtValidator} (JWKS: {@code JwksCache}, shared per JVM through
 *       {@code IssuerJwks} and {@code JwksCacheRegistry}; {@code HttpJwksSource}) and/or
 *       {@code IntrospectionValidator} ({@code IntrospectionClient}); {@code Discovery} and a
 *       {@code CircuitBreaker} per IdP endpoint in {@code io.claimgate.server.idp}.</li>
 * </ul>
 *
 * <p>Decisions worth knowing:
 * <ul>
 *   <li><b>Token cache</b> ({@code oauth.token.cache.max.entries}, default 10000, 0 = off): keyed
 *       by the token's SHA-256; holds no token. {@code exp}/{@code nbf} are checked on every hit
 *       with the issuer's clock skew; entries leave at {@code exp}. Rejections are not cached
 *       (except inactive introspection answers, 10 s). Not noticed on a hit: a key withdrawn from
 *       the JWKS, a revocation at the IdP; both take effect at the token's {@code exp} at the latest.</li>
 *   <li><b>Several issuers</b> ({@code oauth.issuers=a,b}, options {@code oauth.issuer.a.<rest>},
 *       e.g. {@code oauth.issuer.a.jwks.endpoint.uri}, {@code oauth.issuer.a.issuer.uri}): a token
 *       goes to the issuer whose expected {@code iss} ({@code valid.issuer.uri}, else
 *       {@code issuer.uri}) equals its unverified {@code iss}; unknown {@code iss}: rejected, no
 *       network call. Every option falls back to the plain {@code oauth.<rest>} except
 *       {@code issuer.uri}, {@code jwks.endpoint.uri}, {@code valid.issuer.uri},
 *       {@code introspection.endpoint.uri}, {@code client.id}, {@code client.secret}. Listener-wide
 *       only: {@code oauth.issuers}, {@code oauth.issuers.shared.namespace},
 *       {@code oauth.allowed.sasl.extensions}, {@code oauth.token.cache.max.entries},
 *       {@code oauth.fail.fast}. At most one issuer may introspect (an opaque token does not say
 *       who issued it). Each issuer needs its own username and groups prefix, none the beginning
 *       of another's, unless the namespace is declared shared ({@code IssuerNamespaces}).</li>
 *   <li><b>Discovery</b> ({@code oauth.issuer.uri}): the document's {@code issuer} must equal the
 *       configured one; discovered URLs must pass Kafka's allowed-URLs property; found once, then
 *       kept. {@code oauth.issuer.uri} is also the expected {@code iss} unless
 *       {@code oauth.valid.issuer.uri} is set.</li>
 *   <li><b>Introspection</b> (RFC 7662, client_secret_basic): on with
 *       {@code oauth.introspection.endpoint.uri} (+ {@code oauth.client.id}/{@code .secret}), or with
 *       {@code oauth.issuer.uri} plus client id and secret (discovered endpoint);
 *       {@code oauth.introspection.enabled} ({@code auto} default, {@code true} requires it,
 *       {@code false} switches it off whatever discovery finds). Non-JWT tokens go
 *       there (JWTs too when the issuer has no JWKS). Active answers need {@code exp}, are checked
 *       and mapped like JWT claims (a missing {@code iss} is the issuer's own), cached by the token
 *       cache; one request per token at a time (single-flight).</li>
 *   <li><b>IdP outages</b>: the last good JWKS serves for {@code oauth.jwks.max.age.seconds}
 *       (default 86400, 0 = no limit) after the last successful fetch. Start-up with the IdP down
 *       starts and retries in the background with an ERROR, unless {@code oauth.fail.fast=true}.
 *       A circuit breaker per endpoint ({@code oauth.circuit.breaker.failures}, default 5;
 *       {@code oauth.circuit.breaker.cooldown.ms}, default 10000) fails calls fast, then lets one
 *       probe through. On-demand JWKS refreshes for unknown {@code kid}s back off (pause doubles
 *       after each refresh that brought no new key).</li>
 *   <li><b>Shared JWKS caches</b>: Kafka creates several handlers per JVM; those whose issuers have
 *       equal JWKS settings ({@code JwksSpec}: URL or discovery, HTTP and TLS, refresh, pause,
 *       max age, breaker) share one cache, refresh thread and breaker, reference-counted: the first
 *       creates and starts it, the last {@code close()} stops it.</li>
 *   <li><b>Checks</b>: {@code oauth.allowed.token.types} ({@code typ}, e.g. {@code at+jwt,JWT};
 *       unset = not checked), {@code oauth.claim.check} (CEL over {@code claims}; fails closed).</li>
 *   <li><b>Metrics</b>: {@link io.claimgate.server.metrics.ValidatorMetrics}.</li>
 * </ul>
 */
package io.claimgate.server;
