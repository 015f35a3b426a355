package io.claimgate.server.testkit;

import com.nimbusds.jose.jwk.JWK;
import io.claimgate.server.OAuthValidatorCallbackHandler;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JWKS server publishing some keys, and a handler configured against it with
 * {@link Validation#options}, for the whole of a test class:
 * <pre>{@code
 * @RegisterExtension
 * static final HandlerAgainstJwks idp = HandlerAgainstJwks.publishing(KEY.publicJwk());
 * ... accepted(idp.handler(), KEY.sign(Claims.valid().build())) ...
 * }</pre>
 * Both start before the class's first test and close after its last, @Nested classes included.
 * Tests run one after the other (JUnit's default): the fields only change around them.
 */
public final class HandlerAgainstJwks implements BeforeAllCallback, AfterAllCallback {
    private final List<JWK> keys;
    private JwksServer jwks;
    private OAuthValidatorCallbackHandler handler;
    /** JUnit calls an enclosing class's extension for each of its @Nested classes too: one set for all. */
    private int classes;

    private HandlerAgainstJwks(List<JWK> keys) {
        this.keys = keys;
    }

    public static HandlerAgainstJwks publishing(JWK... keys) {
        return new HandlerAgainstJwks(List.of(keys));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (classes++ == 0) {
            jwks = JwksServer.publishing(keys.toArray(new JWK[0]));
            handler = Validation.configuredHandler(Validation.options(jwks));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (--classes == 0) {
            handler.close();
            jwks.close();
        }
    }

    public OAuthValidatorCallbackHandler handler() {
        return handler;
    }

    public JwksServer jwks() {
        return jwks;
    }
}
