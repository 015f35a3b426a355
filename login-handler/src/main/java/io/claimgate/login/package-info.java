/**
 * Client-side SASL/OAUTHBEARER login: {@link io.claimgate.login.OAuthLoginCallbackHandler} gets
 * access tokens for Kafka clients (and for brokers' inter-broker login).
 *
 * <p>How it is put together, one job per class:
 * <ul>
 *   <li>{@link io.claimgate.login.LoginOptions}: every option, parsed and checked once at
 *       configure time; exactly one token source.</li>
 *   <li>{@code TokenSource}: {@code ClientCredentialsTokenSource} (token endpoint, optionally
 *       found by OIDC discovery, {@code io.claimgate.common.oidc.OidcDiscovery}, shared with the broker's validator), {@code StaticTokenSource}, {@code FileTokenSource}.</li>
 *   <li>{@link io.claimgate.login.ClientAuthentication}: client_secret_basic,
 *       client_secret_post, private_key_jwt with a {@link io.claimgate.login.ClientAssertionKey} or with a
 *       ready-made client assertion from a file ({@code AssertionFile}), or none (jwt-bearer only).</li>
 *   <li>{@code SharedTokenRegistry} / {@code SharedToken}: one token per credential per JVM
 *       ({@code CredentialKey}), unless {@code oauth.token.sharing=false}; {@code LoginMetrics}.</li>
 *   <li>{@code TokenResponses}: the token endpoint's answer, to a token or to a message;
 *       {@code SafeText} keeps IdP text and secrets out of log lines.</li>
 *   <li>{@link io.claimgate.login.ClientAccessToken}: the token Kafka sends and refreshes.</li>
 * </ul>
 *
 * <p>Decisions worth knowing:
 * <ul>
 *   <li>HTTP retries (IO errors, 5xx, 408, 429 only) and timeouts default to what
 *       {@link io.claimgate.common.config.Option} declares for {@code oauth.http.retries},
 *       {@code oauth.connect.timeout.ms} and {@code oauth.read.timeout.ms}.</li>
 *   <li>Token lifetime: JWT {@code exp}, else {@code expires_in}, else one hour
 *       ({@link io.claimgate.login.ClientAccessToken#DEFAULT_LIFETIME}).</li>
 *   <li>client_secret_basic form-urlencodes id and secret (RFC 6749 §2.3.1); IdPs that do not
 *       decode them need client_secret_post when secrets contain special characters.</li>
 *   <li>{@code oauth.audience} is sent as the {@code audience} form parameter (Auth0, Okta);
 *       RFC 8707 IdPs expect {@code resource}, Entra ID wants the audience in the scope.</li>
 *   <li>A private key alone selects private_key_jwt; the assertion lives 60 s, aud = token endpoint.
 *       A client assertion file alone selects it too (Azure workload identity).</li>
 *   <li>Kafka's {@code sasl.oauthbearer.assertion.file} means what it means to Kafka 4.3's own login:
 *       a client assertion (KIP-1258), or the jwt-bearer grant's assertion (KIP-1139) with Kafka's
 *       {@code JwtBearerJwtRetriever}.</li>
 *   <li>Kafka's {@code extension_<name>} JAAS options and a {@code file:} URL in
 *       {@code sasl.oauthbearer.token.endpoint.url} keep working, as with Kafka's own handler.</li>
 *   <li>With {@code org.apache.kafka.sasl.oauthbearer.allowed.urls} set, the token endpoint (or, with
 *       discovery, the {@code .well-known/openid-configuration} URL and the discovered token
 *       endpoint) must be listed.</li>
 * </ul>
 */
package io.claimgate.login;
