package io.claimgate.login;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.SaslExtensions;
import org.apache.kafka.common.security.auth.SaslExtensionsCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerTokenCallback;

/** Configures and calls the handler the way Kafka does: JAAS options of OAuthBearerLoginModule. */
final class Handlers {
    private Handlers() {
    }

    static AppConfigurationEntry jaasEntry(Map<String, String> options) {
        return new AppConfigurationEntry(OAuthBearerLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options);
    }

    static OAuthLoginCallbackHandler configured(Map<String, String> jaasOptions) {
        return configured(Map.of(), jaasOptions);
    }

    static OAuthLoginCallbackHandler configured(Map<String, ?> kafkaConfigs, Map<String, String> jaasOptions) {
        return configured(java.time.Clock.systemUTC(), kafkaConfigs, jaasOptions);
    }

    static OAuthLoginCallbackHandler configured(java.time.Clock clock, Map<String, ?> kafkaConfigs,
                                                Map<String, String> jaasOptions) {
        OAuthLoginCallbackHandler handler = new OAuthLoginCallbackHandler(clock);
        handler.configure(kafkaConfigs, OAuthBearerLoginModule.OAUTHBEARER_MECHANISM, List.of(jaasEntry(jaasOptions)));
        return handler;
    }

    /** What Kafka's login module does to get a token. */
    static ClientAccessToken token(OAuthLoginCallbackHandler handler) throws IOException {
        OAuthBearerTokenCallback callback = new OAuthBearerTokenCallback();
        try {
            handler.handle(new Callback[] {callback});
        } catch (UnsupportedCallbackException e) {
            throw new AssertionError(e);
        }
        return (ClientAccessToken) callback.token();
    }

    static SaslExtensions extensions(OAuthLoginCallbackHandler handler) throws IOException {
        SaslExtensionsCallback callback = new SaslExtensionsCallback();
        try {
            handler.handle(new Callback[] {callback});
        } catch (UnsupportedCallbackException e) {
            throw new AssertionError(e);
        }
        return callback.extensions();
    }
}
