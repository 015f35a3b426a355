package io.claimgate.login;

import java.util.Locale;

/**
 * Why a token request failed, as counted in {@code claimgate.login.token.requests}: a small fixed
 * set, so that what an IdP answers cannot create meters.
 */
public enum TokenFailureReason {
    /** The IdP's RFC 6749 §5.2 error codes. */
    INVALID_REQUEST, INVALID_CLIENT, INVALID_GRANT, UNAUTHORIZED_CLIENT, UNSUPPORTED_GRANT_TYPE, INVALID_SCOPE,
    /** An error answer without one of those codes (a 5xx, an HTML page from a proxy, ...). */
    HTTP_ERROR,
    /** A 2xx answer that is no usable token response. */
    BAD_RESPONSE,
    /** No answer: connection refused, reset, timeout, TLS failure, after the retries. */
    UNREACHABLE,
    /** The token endpoint could not be discovered from the issuer. */
    DISCOVERY,
    /** The client assertion of {@code private_key_jwt} could not be signed. */
    ASSERTION,
    /** Anything else. */
    OTHER;

    /** The tag value, e.g. {@code invalid_client}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason of an error answer with {@code error} code (absent or non-standard: {@link #HTTP_ERROR}). */
    static TokenFailureReason ofErrorCode(Object code) {
        for (TokenFailureReason reason : values()) {
            if (reason.ordinal() <= INVALID_SCOPE.ordinal() && reason.tag().equals(code)) {
                return reason;
            }
        }
        return HTTP_ERROR;
    }
}
