package io.claimgate.server.idp;

import io.claimgate.common.http.IdpHttpClient;
import io.claimgate.common.http.IdpResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;

/**
 * Asks an RFC 7662 token introspection endpoint about one token, authenticating with
 * client_secret_basic. Calls go through the endpoint's {@link CircuitBreaker}: IO errors, timeouts,
 * 5xx and 429 count as failures; any other non-2xx answer (wrong credentials, say) is the IdP
 * working and refusing, reported as {@link Refused} without opening the breaker.
 * Never puts the token or the secret in a message.
 */
public final class IntrospectionClient {

    /** The endpoint answered, but not with a usable 2xx JSON object. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final IdpEndpoint endpoint;
    private final IdpHttpClient http;
    private final CircuitBreaker breaker;
    private final String authorization;

    public IntrospectionClient(IdpEndpoint endpoint, IdpHttpClient http, CircuitBreaker breaker, String clientId,
                               String clientSecret) {
        this.endpoint = endpoint;
        this.http = http;
        this.breaker = breaker;
        // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
        String pair = IdpHttpClient.encode(clientId) + ":" + IdpHttpClient.encode(clientSecret);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    public String describe() {
        return endpoint.describe();
    }

    /**
     * The introspection response, a JSON object with at least {@code active}. Discovery of the
     * endpoint (if needed) and the request together wait no longer than {@code budget} allows.
     */
    public Map<String, Object> introspect(String token, TimeBudget budget) throws IOException {
        URI uri = endpoint.uri(budget);
        budget.check("the introspection endpoint");   // spent on discovery: do not even send
        IdpResponse response = breaker.call(() -> {
            IdpResponse r = http.postForm(uri, Map.of("token", token, "token_type_hint", "access_token"),
                    Map.of("Authorization", authorization), budget.remaining());
            if (r.status() >= 500 || r.status() == 429) {
                throw new IOException("introspection endpoint " + uri + " answered HTTP " + r.status());
            }
            return r;
        });
        if (!response.isSuccess()) {
            throw new Refused("introspection endpoint " + uri + " answered HTTP " + response.status()
                    + (response.status() == 401 || response.status() == 403
                    ? ": check the client id and secret the broker introspects with" : ""));
        }
        try {
            Map<String, Object> json = response.jsonObject();
            if (!(json.get("active") instanceof Boolean)) {
                throw new Refused("introspection endpoint " + uri + " answered without a boolean 'active'");
            }
            return json;
        } catch (ParseException e) {
            throw new Refused("introspection endpoint " + uri + " answered with something that is not a JSON object");
        }
    }
}
