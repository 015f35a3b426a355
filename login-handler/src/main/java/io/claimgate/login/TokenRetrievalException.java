package io.claimgate.login;

import java.io.IOException;

/**
 * No access token could be obtained: the identity provider refused or could not be reached, or
 * the configured token file or static token is unusable.
 *
 * <p>An {@link IOException} because that is what Kafka's {@code OAuthBearerLoginModule} expects
 * from a login callback handler (Kafka's own {@code OAuthBearerLoginCallbackHandler} does the
 * same): the module logs this message at ERROR and fails the login, and Kafka's refresh thread
 * retries later. The message says what the IdP answered (status, {@code error},
 * {@code error_description}) or why the call failed; it never contains the client secret, the
 * client assertion or a token.
 */
public final class TokenRetrievalException extends IOException {
    private static final long serialVersionUID = 1L;

    private final TokenFailureReason reason;

    public TokenRetrievalException(String message) {
        this(message, TokenFailureReason.OTHER, null);
    }

    public TokenRetrievalException(String message, Throwable cause) {
        this(message, cause instanceof TokenRetrievalException ? ((TokenRetrievalException) cause).reason() : TokenFailureReason.OTHER, cause);
    }

    public TokenRetrievalException(String message, TokenFailureReason reason, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why, in the few words metrics count by. */
    public TokenFailureReason reason() {
        return reason;
    }
}
