package io.claimgate.login;

import io.claimgate.common.testkit.HttpsIdp;
import io.claimgate.common.testkit.TestPki;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * A client-credentials login against an {@link HttpsIdp} (the test CA of {@link TestPki}): the
 * options, the token it serves, and how to recognise that a login failed over TLS. Shared by the
 * TLS tests, direct and through a proxy.
 */
final class HttpsIdpLogin {
    static final String TOKEN = "opaque-over-tls";
    static final String TOKEN_RESPONSE =
            "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300}";
    static final String CLIENT_SECRET = "client-secret-1";
    /** Trust in the test CA, as a PKCS12 trust store. */
    static final Map<String, String> TRUST = Map.of(
            "oauth.ssl.truststore.location", TestPki.get().caTrustStoreFile().toString(),
            "oauth.ssl.truststore.password", TestPki.STORE_PASSWORD);

    private HttpsIdpLogin() {
    }

    /** Client credentials at {@code idp}'s /token, with the {@code tls} options; no retries (each test counts requests). */
    static Map<String, String> options(HttpsIdp idp, Map<String, String> tls) {
        Map<String, String> options = new HashMap<>(tls);
        options.put("oauth.token.endpoint.uri", idp.uri("/token").toString());
        options.put("oauth.client.id", "client-1");
        options.put("oauth.client.secret", CLIENT_SECRET);
        options.put("oauth.http.retries", "0");
        return options;
    }

    /** Whether the failure (or a cause) is TLS's: an SSLException, or a message about certificates or the handshake. */
    static boolean mentionsTls(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof SSLException || text.contains("certificate") || text.contains("tls")
                    || text.contains("ssl") || text.contains("handshake")) {
                return true;
            }
        }
        return false;
    }
}
