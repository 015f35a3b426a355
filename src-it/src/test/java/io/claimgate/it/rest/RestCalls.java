package io.claimgate.it.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.it.EmbeddedIdp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain java.net.http calls, as a REST client makes them: to a Connect worker, and for tokens at the IdP. */
final class RestCalls {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private RestCalls() {
    }

    /** {@code method base/path}, with {@code Authorization: Bearer token} unless null, and a JSON body unless null. */
    static HttpResponse<String> call(URI base, String method, String path, String token, String json) throws Exception {
        return call(base, method, path, token, json, Map.of());
    }

    /** As {@link #call(URI, String, String, String, String)}, with more request headers. */
    static HttpResponse<String> call(URI base, String method, String path, String token, String json,
                                     Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** client_credentials at the IdP's token endpoint, as a REST client would. */
    static String token(EmbeddedIdp idp, String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(idp.tokenEndpoint()))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=kafka"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        Matcher m = ACCESS_TOKEN.matcher(response.body());
        assertTrue(m.find(), response.body());
        return m.group(1);
    }
}
