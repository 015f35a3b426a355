package io.claimgate.login;

import io.claimgate.common.config.OptionReader;
import io.claimgate.common.metrics.ClaimgateMetrics;
import io.claimgate.common.config.OptionSource;
import io.claimgate.common.token.IssuedTokens;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.auth.SaslExtensions;
import org.apache.kafka.common.security.auth.SaslExtensionsCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerTokenCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka login callback handler for SASL/OAUTHBEARER: gives Kafka's {@link OAuthBearerLoginModule}
 * an access token from the identity provider, and the configured SASL extensions.
 *
 * <pre>
 * sasl.mechanism=OAUTHBEARER
 * sasl.login.callback.handler.class=io.claimgate.login.OAuthLoginCallbackHandler
 * sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required \
 *     oauth.token.endpoint.uri="https://idp/token" oauth.client.id="client1" oauth.client.secret="...";
 * </pre>
 *
 * Options are read once in {@link #configure}; a bad one fails there with an
 * {@link io.claimgate.common.config.InvalidOptionException} naming it. Kafka calls
 * {@link #handle} at login and again from its refresh thread ({@code sasl.login.refresh.*})
 * before the token's {@link ClientAccessToken#lifetimeMs() expiry}. Logins of one JVM with the
 * same credentials share one token ({@link SharedTokenRegistry}): a call gets the shared token
 * while it has at least half its lifetime left, else a new one, fetched once for all of them.
 * A failure is a {@link TokenRetrievalException} (an {@link IOException}, as the login module
 * expects) saying what the IdP answered. Thread-safe.
 *
 * <p>Each token handed to Kafka is also published in {@link IssuedTokens} under the key of this
 * JAAS entry, so that claimgate's record-filter interceptor of the same client learns the client's
 * principal from the token it already has, without asking the IdP again; {@link #close()} takes
 * it back.
 */
public final class OAuthLoginCallbackHandler implements AuthenticateCallbackHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OAuthLoginCallbackHandler.class);

    /** Options, the token source built from them and where tokens are published; replaced as a whole. */
    private record Configured(LoginOptions options, TokenSource source, IssuedTokens.Slot published) {
    }

    private final Clock clock;
    private volatile Configured configured;
    /** Set by close(): a token a login still in progress publishes afterwards is taken back at once. */
    private volatile boolean closed;

    public OAuthLoginCallbackHandler() {
        this(Clock.systemUTC());
    }

    OAuthLoginCallbackHandler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries) {
        if (!OAuthBearerLoginModule.OAUTHBEARER_MECHANISM.equals(saslMechanism)) {
            throw new IllegalArgumentException(getClass().getName() + " supports only SASL mechanism "
                    + OAuthBearerLoginModule.OAUTHBEARER_MECHANISM + ", not " + saslMechanism);
        }
        if (jaasConfigEntries == null || jaasConfigEntries.size() != 1) {
            throw new IllegalArgumentException("expected exactly one JAAS login module entry ("
                    + OAuthBearerLoginModule.class.getName() + "), got "
                    + (jaasConfigEntries == null ? 0 : jaasConfigEntries.size()));
        }
        LoginOptions options = LoginOptions.from(new OptionReader(OptionSource.of(configs, jaasConfigEntries)));
        Configured previous = configured;
        if (previous != null) {
            previous.published().retract(this);   // configure() runs once in Kafka; be safe if called again
            previous.source().close();
        }
        configured = new Configured(options, TokenSource.create(options, clock, ClaimgateMetrics.registry()),
                IssuedTokens.slot(IssuedTokens.keyOf(jaasConfigEntries.get(0))));
        closed = false;
        LOG.info("claimgate login handler configured: {}", options);
        options.warnings().forEach(warning -> LOG.warn("claimgate login handler: {}", warning));
    }

    /** The options in use; for diagnostics and tests. */
    public LoginOptions options() {
        return configured().options();
    }

    @Override
    public void handle(Callback[] callbacks) throws IOException, UnsupportedCallbackException {
        Configured current = configured();
        for (Callback callback : callbacks) {
            if (callback instanceof OAuthBearerTokenCallback tokenCallback) {
                ClientAccessToken token = token(current.source());
                tokenCallback.token(token);
                current.published().publish(this, token.value());
                if (closed) {
                    current.published().retract(this);   // close() ran while this login was under way
                }
            } else if (callback instanceof SaslExtensionsCallback extensionsCallback) {
                // A new instance each time, as Kafka's own handler does: SaslExtensions compares by
                // identity, and the login module removes its own instance from the Subject at
                // logout; a shared instance would be removed for the newer login too.
                extensionsCallback.extensions(new SaslExtensions(current.options().saslExtensions()));
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    @Override
    public void close() {
        // The JDK HttpClient of Java 17 has no close(); its threads end with it. The token stops
        // being this client's once Kafka closes the login.
        closed = true;
        Configured current = configured;
        if (current != null) {
            current.published().retract(this);
            current.source().close();   // the last login of a credential drops its shared token
        }
    }

    private static ClientAccessToken token(TokenSource source) throws TokenRetrievalException {
        ClientAccessToken token;
        try {
            token = source.token();
        } catch (TokenRetrievalException e) {
            throw e;
        } catch (RuntimeException e) {
            // Anything else must still become an IOException: a RuntimeException would escape
            // Kafka's login module and could end its refresh thread for good.
            throw new TokenRetrievalException("unexpected failure getting an access token from "
                    + source.describe() + ": " + e.getClass().getName() + " "
                    + SafeText.clean(e.getMessage(), 300, List.of()), e);
        }
        LOG.info("claimgate obtained an access token from {}: {}", source.describe(), token);
        return token;
    }

    private Configured configured() {
        Configured current = configured;
        if (current == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " is not configured: call configure() first");
        }
        return current;
    }
}
