package io.claimgate.server.testkit;

import io.claimgate.server.OAuthValidatorCallbackHandler;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes what a test opened, after each test, last opened first (handlers before the IdP stubs
 * they fetch from). Use as {@code @RegisterExtension final Closer closer = new Closer();}.
 */
public final class Closer implements AfterEachCallback {
    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    public <T extends AutoCloseable> T add(T resource) {
        open.push(resource);
        return resource;
    }

    /** A validator handler configured with these JAAS options ({@link Validation#configuredHandler}), closed after the test. */
    public OAuthValidatorCallbackHandler handler(Map<String, String> options) {
        OAuthValidatorCallbackHandler handler = Validation.configuredHandler(options);
        add((AutoCloseable) handler::close);
        return handler;
    }

    /** An IdP's JWKS endpoint publishing the public halves of {@code keys}, closed after the test. */
    public JwksServer jwks(SigningKey... keys) throws Exception {
        return add(JwksServer.publishing(Arrays.stream(keys).map(SigningKey::publicJwk)
                .toArray(com.nimbusds.jose.jwk.JWK[]::new)));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception first = null;
        while (!open.isEmpty()) {
            try {
                open.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
