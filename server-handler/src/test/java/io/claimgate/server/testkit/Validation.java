package io.claimgate.server.testkit;

import io.claimgate.server.OAuthValidatorCallbackHandler;
import io.claimgate.server.ValidatedToken;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallback;

/** Drives the real handler the way Kafka's {@code OAuthBearerSaslServer} does. */
public final class Validation {
    private Validation() {
    }

    /** JAAS options pointing at {@code jwks}, with issuer and audience checks and short timeouts. */
    public static Map<String, String> options(JwksServer jwks) {
        Map<String, String> options = new HashMap<>();
        options.put("oauth.jwks.endpoint.uri", jwks.jwksUri().toString());
        options.put("oauth.valid.issuer.uri", Claims.ISSUER);
        options.put("oauth.valid.audience", Claims.AUDIENCE);
        options.put("oauth.connect.timeout.ms", "1500");   // a cold JVM's first HTTP call can be slow
        options.put("oauth.read.timeout.ms", "500");
        return options;
    }

    public static AppConfigurationEntry jaasEntry(Map<String, String> options) {
        return new AppConfigurationEntry(OAuthBearerLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options);
    }

    public static OAuthValidatorCallbackHandler configuredHandler(Map<String, String> options) {
        OAuthValidatorCallbackHandler handler = new OAuthValidatorCallbackHandler();
        handler.configure(Map.of(), OAuthBearerLoginModule.OAUTHBEARER_MECHANISM, List.of(jaasEntry(options)));
        return handler;
    }

    /** One validation callback through {@code handle()}, as Kafka makes it. */
    public static OAuthBearerValidatorCallback validate(OAuthValidatorCallbackHandler handler, String token) {
        OAuthBearerValidatorCallback callback = new OAuthBearerValidatorCallback(token);
        try {
            handler.handle(new Callback[] {callback});
        } catch (Exception e) {
            throw new AssertionError("handle() must not throw for a validation callback", e);
        }
        return callback;
    }

    public static ValidatedToken accepted(OAuthValidatorCallbackHandler handler, String token) {
        OAuthBearerValidatorCallback callback = validate(handler, token);
        if (callback.token() == null) {
            throw new AssertionError("expected the token to be accepted, but: " + callback.errorStatus());
        }
        return (ValidatedToken) callback.token();
    }

    /** The error status of a rejected token, e.g. {@code invalid_token (EXPIRED: ...)}. */
    public static String rejected(OAuthValidatorCallbackHandler handler, String token) {
        OAuthBearerValidatorCallback callback = validate(handler, token);
        if (callback.token() != null) {
            throw new AssertionError("expected a rejection, but the token was accepted for "
                    + callback.token().principalName());
        }
        return callback.errorStatus();
    }

    public static Map<String, String> with(Map<String, String> options, String name, String value) {
        Map<String, String> copy = new HashMap<>(options);
        copy.put(name, value);
        return copy;
    }
}
