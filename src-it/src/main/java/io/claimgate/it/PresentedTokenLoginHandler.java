package io.claimgate.it;

import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerTokenCallback;

/**
 * A client that presents exactly the token it is given (JAAS option {@code token}), checking
 * nothing: it stands for a misbehaving or malicious client, so tests and the quickstart can show
 * what the broker does with an expired, forged or garbage token. claimgate's own login handler
 * refuses to send an expired token, which is right for users but would hide the broker's answer.
 */
public final class PresentedTokenLoginHandler implements AuthenticateCallbackHandler {
    public static final String TOKEN_OPTION = "token";

    private volatile String token;

    /** Client security settings that present {@code token} over SASL_PLAINTEXT. */
    public static java.util.Properties security(String token) {
        return Clients.oauthBearer("SASL_PLAINTEXT", Jaas.oauthBearer(Map.of(TOKEN_OPTION, token)),
                PresentedTokenLoginHandler.class.getName());
    }

    @Override
    public void configure(Map<String, ?> configs, String mechanism, List<AppConfigurationEntry> jaas) {
        token = String.valueOf(jaas.get(0).getOptions().get(TOKEN_OPTION));
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (!(callback instanceof OAuthBearerTokenCallback tokenCallback)) {
                throw new UnsupportedCallbackException(callback);
            }
            long now = System.currentTimeMillis();
            String value = token;
            tokenCallback.token(new OAuthBearerToken() {
                @Override
                public String value() {
                    return value;
                }

                @Override
                public Set<String> scope() {
                    return Set.of();
                }

                @Override
                public long lifetimeMs() {
                    return now + 3_600_000; // the client believes it; the broker decides
                }

                @Override
                public String principalName() {
                    return "presented-token";
                }

                @Override
                public Long startTimeMs() {
                    return now;
                }
            });
        }
    }

    @Override
    public void close() {
    }
}
