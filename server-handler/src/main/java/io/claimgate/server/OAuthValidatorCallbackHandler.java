package io.claimgate.server;

import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import io.claimgate.common.metrics.ClaimgateMetrics;
import io.claimgate.common.text.Sanitizer;
import io.claimgate.server.metrics.AuthenticationMetrics;
import io.claimgate.server.kafka.NetworkThreadListener;
import io.claimgate.server.validation.TokenValidationException;
import io.claimgate.server.validation.TokenValidationException.Reason;
import io.claimgate.server.validation.TokenValidator;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerExtensionsValidatorCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's token validator: {@code listener.name.<l>.oauthbearer.sasl.server.callback.handler.class}.
 *
 * <p>Kafka creates one instance per network thread of a listener (each of its processors builds its
 * own channel builder) and calls {@link #handle} for every connection; the instances configured
 * with equal options share one validator, token cache included ({@link SharedValidators}), which
 * all of them call concurrently: this class is thread-safe, its configuration immutable after
 * {@link #configure}, and {@code handle} never waits for a JWKS fetch (an unknown key is refused
 * at once and refreshed in the background) and waits for discovery and introspection no longer
 * than {@code oauth.validation.timeout.ms} per authentication. The work is done by the validator {@code ValidatorFactory} builds from
 * {@link ValidatorOptions} (see {@link io.claimgate.server.validation.TokenValidator}); this class
 * only adapts Kafka's callbacks to it.
 *
 * <p>A rejected token is reported to the client as the SASL error status
 * {@code invalid_token (<REASON>: <detail>)}, which the client sees inside its
 * {@code SaslAuthenticationException} as {@code {"status":"invalid_token (EXPIRED: ...)"}}.
 * It fails closed: any unexpected exception also ends in a rejection.
 */
public final class OAuthValidatorCallbackHandler implements AuthenticateCallbackHandler {
    private static final Logger log = LoggerFactory.getLogger(OAuthValidatorCallbackHandler.class);
    /** Longest status sent to the client; details are short, this only bounds the worst case. */
    static final int MAX_STATUS_LENGTH = 400;
    /** The failure reason of a SASL extension the operator did not allow (not a token rejection reason). */
    static final String EXTENSION_NOT_ALLOWED = "EXTENSION_NOT_ALLOWED";

    private volatile TokenValidator validator;
    /** With {@link #configure}: the hold on the validator shared with the other handlers of the same options. */
    private volatile SharedValidators.Lease lease;
    private volatile Set<String> allowedExtensions = Set.of();
    private volatile AuthenticationMetrics authentications = AuthenticationMetrics.none();
    /** This handler's listener, learnt from the first network thread that calls it; for metric tags only. */
    private volatile String listener = AuthenticationMetrics.UNKNOWN_LISTENER;

    /** Kafka instantiates the handler by class name, then calls {@link #configure}. */
    public OAuthValidatorCallbackHandler() {
    }

    /** A handler around a ready validator, as if configured; for tests of the callback plumbing. */
    OAuthValidatorCallbackHandler(TokenValidator validator, Set<String> allowedExtensions,
                                  AuthenticationMetrics authentications) {
        this.validator = validator;
        this.authentications = authentications;
        this.allowedExtensions = Set.copyOf(allowedExtensions);
    }

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries) {
        if (!OAuthBearerLoginModule.OAUTHBEARER_MECHANISM.equals(saslMechanism)) {
            throw new IllegalArgumentException("claimgate's OAuthValidatorCallbackHandler only handles SASL mechanism "
                    + OAuthBearerLoginModule.OAUTHBEARER_MECHANISM + ", not " + saslMechanism);
        }
        ClaimgateMetrics.identify(configs);   // before any meter is registered: they all carry the tags
        MeterRegistry registry = ClaimgateMetrics.registry();
        ValidatorOptions options = ValidatorOptions.from(new OptionReader(OptionSource.of(configs, jaasConfigEntries)));
        SharedValidators.Lease previous = lease;
        allowedExtensions = options.allowedSaslExtensions();
        authentications = new AuthenticationMetrics(registry);
        // Shared: Kafka configures a handler per network thread, and the token cache must not be split.
        SharedValidators.Lease acquired = SharedValidators.acquire(options,
                () -> ValidatorFactory.create(options, Clock.systemUTC(), registry));
        lease = acquired;
        validator = acquired.validator();
        if (previous != null) {
            previous.close();
        }
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof OAuthBearerValidatorCallback validation) {
                handleValidation(validation);
            } else if (callback instanceof OAuthBearerExtensionsValidatorCallback extensions) {
                handleExtensions(extensions);
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    private void handleValidation(OAuthBearerValidatorCallback callback) {
        TokenValidator current = validator;
        try {
            if (current == null) {
                throw new TokenValidationException(Reason.INTERNAL_ERROR, "validator is not configured");
            }
            ValidatedToken token = current.validate(callback.tokenValue());
            callback.token(token);
            if (log.isDebugEnabled()) {
                log.debug("claimgate accepted a token for principal {}", Sanitizer.sanitize(token.principalName(), 256));
            }
        } catch (TokenValidationException e) {
            reject(callback, e);
        } catch (RuntimeException | LinkageError e) {
            // Never fail open: a bug or a library surprise rejects the token.
            log.warn("claimgate: unexpected failure while validating a token; rejecting it", e);
            reject(callback, new TokenValidationException(Reason.INTERNAL_ERROR,
                    "unexpected " + e.getClass().getSimpleName() + ", see broker log"));
        }
    }

    private void reject(OAuthBearerValidatorCallback callback, TokenValidationException e) {
        authentications.failed(listener(), OAuthBearerLoginModule.OAUTHBEARER_MECHANISM, e.reason().name());
        String context = e.context();
        log.info("claimgate rejected a token: {}: {}{}", e.reason(), e.detail(),
                context.isEmpty() ? "" : " [" + context + "]");
        callback.error(errorStatus(e), null, null);
    }

    /** The RFC 7628 status sent to the client, e.g. {@code invalid_token (EXPIRED: token expired at ...)}. */
    static String errorStatus(TokenValidationException e) {
        return Sanitizer.forJsonStatus("invalid_token (" + e.reason() + ": " + e.detail() + ")", MAX_STATUS_LENGTH);
    }

    /** Only extensions the operator listed are accepted; Kafka fails authentication on any other. */
    private void handleExtensions(OAuthBearerExtensionsValidatorCallback callback) {
        Set<String> allowed = allowedExtensions;
        for (String name : callback.inputExtensions().map().keySet()) {
            if (allowed.contains(name)) {
                callback.valid(name);
            } else {
                callback.error(name, "extension not allowed");
                authentications.failed(listener(), OAuthBearerLoginModule.OAUTHBEARER_MECHANISM,
                        EXTENSION_NOT_ALLOWED);
            }
        }
    }

    /** Kafka creates a handler per network thread of one listener: once a network thread has named it, keep it. */
    private String listener() {
        String known = listener;
        if (known.equals(AuthenticationMetrics.UNKNOWN_LISTENER)) {
            known = NetworkThreadListener.current();
            listener = known;
        }
        return known;
    }

    @Override
    public void close() {
        TokenValidator current = validator;
        SharedValidators.Lease held = lease;
        validator = null;
        lease = null;
        if (held != null) {
            held.close();   // the shared validator closes with its last handler
        } else if (current != null) {
            current.close();   // a validator handed to the test constructor
        }
    }
}
