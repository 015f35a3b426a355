package io.claimgate.login;

import static io.claimgate.common.config.OptionNames.ISSUER_URI;
import static io.claimgate.common.config.OptionNames.TOKEN_ENDPOINT_URI;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.Option;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.http.HttpSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The login handler's options, read and checked once in {@code configure()}. Immutable;
 * {@link #toString()} shows no secret.
 *
 * <p>Exactly one token source: a token endpoint ({@code oauth.token.endpoint.uri}, or discovered
 * from {@code oauth.issuer.uri}) with client credentials, a static {@code oauth.access.token}, or a
 * token file {@code oauth.access.token.location}. On a broker the same JAAS entry also holds the
 * validation options; {@code oauth.issuer.uri} and {@code oauth.client.*} may be there for
 * validation, so they select nothing when a static token or token file is configured.
 *
 * @param source         where tokens come from
 * @param http           timeouts, retries and TLS for the IdP (defaults as {@link Option} declares them)
 * @param saslExtensions name to value, sent with every token; already checked against Kafka's syntax
 * @param tokenSharing   whether a token from a token endpoint is shared with the JVM's other logins
 *                       of the same credential ({@code oauth.token.sharing}, default true)
 */
public final class LoginOptions {

    private final Source source;
    private final HttpSettings http;
    private final Map<String, String> saslExtensions;
    private final boolean tokenSharing;

    public LoginOptions(Source source, HttpSettings http, Map<String, String> saslExtensions, boolean tokenSharing) {
        this.source = source;
        this.http = http;
        this.saslExtensions = saslExtensions;
        this.tokenSharing = tokenSharing;
    }

    public Source source() {
        return source;
    }

    public HttpSettings http() {
        return http;
    }

    public Map<String, String> saslExtensions() {
        return saslExtensions;
    }

    public boolean tokenSharing() {
        return tokenSharing;
    }

    /** Where tokens come from: an {@link Endpoint}, a {@link StaticToken} or a {@link TokenFile}, nothing else. */
    public interface Source {
    }

    /**
     * Client credentials or jwt-bearer grant at a token endpoint.
     *
     * @param tokenEndpoint  configured endpoint; empty when it is discovered from {@code issuer}
     * @param issuer         set only when the endpoint is discovered
     * @param assertion      set exactly for the jwt-bearer grant: where its assertion is read from
     */
    public static final class Endpoint implements Source {
        private final Optional<URI> tokenEndpoint;
        private final Optional<URI> issuer;
        private final String clientId;
        private final ClientAuthentication authentication;
        private final Optional<String> scope;
        private final Optional<String> audience;
        private final Optional<AssertionFile> assertion;

        public Endpoint(Optional<URI> tokenEndpoint, Optional<URI> issuer, String clientId,
                        ClientAuthentication authentication, Optional<String> scope,
                        Optional<String> audience, Optional<AssertionFile> assertion) {
            this.tokenEndpoint = tokenEndpoint;
            this.issuer = issuer;
            this.clientId = clientId;
            this.authentication = authentication;
            this.scope = scope;
            this.audience = audience;
            this.assertion = assertion;
        }

        public Optional<URI> tokenEndpoint() {
            return tokenEndpoint;
        }

        public Optional<URI> issuer() {
            return issuer;
        }

        public String clientId() {
            return clientId;
        }

        public ClientAuthentication authentication() {
            return authentication;
        }

        public Optional<String> scope() {
            return scope;
        }

        public Optional<String> audience() {
            return audience;
        }

        public Optional<AssertionFile> assertion() {
            return assertion;
        }

        /** The grant asked for: jwt-bearer exactly when there is an assertion file. */
        public GrantType grant() {
            return assertion.isPresent() ? GrantType.JWT_BEARER : GrantType.CLIENT_CREDENTIALS;
        }

        @Override
        public String toString() {
            return "token endpoint " + tokenEndpoint.map(URI::toString).orElseGet(() -> "discovered from " + issuer.orElseThrow())
                    + ", " + grant().wireValue() + assertion.map(a -> " (" + a + ")").orElse("")
                    + ", client_id " + clientId + ", " + authentication
                    + scope.map(s -> ", scope '" + s + "'").orElse("")
                    + audience.map(a -> ", audience '" + a + "'").orElse("");
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Endpoint)) {
                return false;
            }
            Endpoint other = (Endpoint) o;
            return tokenEndpoint.equals(other.tokenEndpoint) && issuer.equals(other.issuer)
                    && Objects.equals(clientId, other.clientId) && Objects.equals(authentication, other.authentication)
                    && scope.equals(other.scope) && audience.equals(other.audience) && assertion.equals(other.assertion);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tokenEndpoint, issuer, clientId, authentication, scope, audience, assertion);
        }
    }

    /** A fixed token ({@code oauth.access.token}). */
    public static final class StaticToken implements Source {
        private final String value;

        public StaticToken(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StaticToken && Objects.equals(value, ((StaticToken) o).value);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(value);
        }

        @Override
        public String toString() {
            return "static token (hidden)";
        }
    }

    /** A token file, re-read on every refresh ({@code oauth.access.token.location}). */
    public static final class TokenFile implements Source {
        private final Path path;

        public TokenFile(Path path) {
            this.path = path;
        }

        public Path path() {
            return path;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TokenFile && Objects.equals(path, ((TokenFile) o).path);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(path);
        }

        @Override
        public String toString() {
            return "token file " + path;
        }
    }

    /** Reads every login option; throws {@link InvalidOptionException} naming the first bad one. */
    public static LoginOptions from(OptionReader reader) {
        return LoginOptionsReader.read(reader);
    }

    /**
     * What is allowed but unsafe, for a WARN at start-up: a token endpoint (or issuer) over plain
     * http sends the client credential and gets tokens back unencrypted. Allowed for local tests.
     */
    public List<String> warnings() {
        if (source instanceof Endpoint) {
            Endpoint endpoint = (Endpoint) source;
            URI uri = endpoint.tokenEndpoint().or(endpoint::issuer).orElseThrow();
            if ("http".equalsIgnoreCase(uri.getScheme())) {
                return List.of((endpoint.tokenEndpoint().isPresent() ? TOKEN_ENDPOINT_URI : ISSUER_URI) + " " + uri
                        + " is plain http: the client credential and the tokens travel unencrypted; use https"
                        + " outside local tests");
            }
        }
        return List.of();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LoginOptions)) {
            return false;
        }
        LoginOptions other = (LoginOptions) o;
        return Objects.equals(source, other.source) && Objects.equals(http, other.http)
                && Objects.equals(saslExtensions, other.saslExtensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, http, saslExtensions);
    }

    @Override
    public String toString() {
        return "LoginOptions[" + source + ", connect timeout " + http.connectTimeout().toMillis() + " ms, read timeout "
                + http.readTimeout().toMillis() + " ms, " + http.retries() + " retries, SASL extensions "
                + saslExtensions.keySet() + (tokenSharing ? "" : ", token not shared") + "]";
    }
}
