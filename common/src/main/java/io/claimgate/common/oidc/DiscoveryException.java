package io.claimgate.common.oidc;

import java.io.IOException;

/**
 * OIDC discovery failed or the document cannot be used. The message names the document's URL and
 * what is wrong; it carries no secret (a discovery request has none).
 */
public final class DiscoveryException extends IOException {
    private static final long serialVersionUID = 1L;

    public DiscoveryException(String message) {
        super(message);
    }

    public DiscoveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
