package io.claimgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.claimgate.common.metrics.ClaimgateMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.search.Search;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The login handler's meters, read from the JVM-wide registry that JMX publishes. */
class LoginMetricsTest {
    private FakeTokenEndpoint endpoint;
    private final List<OAuthLoginCallbackHandler> handlers = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void start() throws Exception {
        endpoint = new FakeTokenEndpoint();
    }

    @AfterEach
    void stop() {
        handlers.forEach(OAuthLoginCallbackHandler::close);
        endpoint.close();
    }

    private OAuthLoginCallbackHandler login(String tokenEndpoint, String... more) {
        Map<String, String> options = new HashMap<>(Map.of(
                "oauth.token.endpoint.uri", tokenEndpoint,
                "oauth.client.id", clientId(tokenEndpoint),
                "oauth.client.secret", "s3cret",
                "oauth.http.retries", "0"));
        for (int i = 0; i < more.length; i += 2) {
            options.put(more[i], more[i + 1]);
        }
        OAuthLoginCallbackHandler handler = Handlers.configured(clock, Map.of(), options);
        handlers.add(handler);
        return handler;
    }

    /** A client id of its own per test (the meters are JVM-wide): named after the endpoint. */
    private static String clientId(String tokenEndpoint) {
        return "client-of-" + tokenEndpoint;
    }

    private static Search meter(String name, String tokenEndpoint) {
        return ClaimgateMetrics.registry().find(name).tag("client_id", clientId(tokenEndpoint));
    }

    private static double requests(String tokenEndpoint, String outcome, String reason) {
        Counter counter = meter(LoginMetrics.TOKEN_REQUESTS, tokenEndpoint).tag("outcome", outcome).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void countsTokenRequestsNotLoginsAndShowsTheSecondsUntilTheSharedTokenExpires() throws Exception {
        endpoint.answer(FakeTokenEndpoint.json(200, "{\"access_token\":\"opaque-1\",\"expires_in\":3600}"));
        String uri = endpoint.tokenUri().toString();
        OAuthLoginCallbackHandler producer = login(uri);
        OAuthLoginCallbackHandler consumer = login(uri);
        Gauge expiresIn = meter(LoginMetrics.TOKEN_EXPIRES_IN, uri).gauge();
        assertEquals(Double.NaN, expiresIn.value(), "no token yet");

        Handlers.token(producer);
        Handlers.token(consumer);

        assertEquals(1, requests(uri, "success", "none"), "two logins, one request");
        assertEquals(3600, expiresIn.value());
        clock.advance(Duration.ofMinutes(10));
        assertEquals(3000, expiresIn.value());

        producer.close();
        assertEquals(3000, meter(LoginMetrics.TOKEN_EXPIRES_IN, uri).gauge().value(), "the consumer still uses it");
        consumer.close();
        assertNull(meter(LoginMetrics.TOKEN_EXPIRES_IN, uri).gauge(), "gone with the last login");
    }

    @Test
    void countsFailuresByReason() throws Exception {
        endpoint.answer(FakeTokenEndpoint.json(401, "{\"error\":\"invalid_client\"}"),
                FakeTokenEndpoint.json(500, "<html>oops</html>"),
                FakeTokenEndpoint.json(200, "{\"token_type\":\"Bearer\"}"),
                FakeTokenEndpoint.json(400, "{\"error\":\"made_up_by_the_idp\"}"));
        String uri = endpoint.tokenUri().toString();
        OAuthLoginCallbackHandler handler = login(uri);
        for (int i = 0; i < 4; i++) {
            assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler));
        }

        assertEquals(1, requests(uri, "failure", "invalid_client"));
        assertEquals(2, requests(uri, "failure", "http_error"), "a 500 page, and a code outside RFC 6749");
        assertEquals(1, requests(uri, "failure", "bad_response"));
        assertEquals(0, requests(uri, "success", "none"));
    }

    @Test
    void anIdpThatCannotBeReachedCountsAsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String uri = "http://127.0.0.1:" + closedPort + "/token";
        OAuthLoginCallbackHandler handler = login(uri);

        TokenRetrievalException e = assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler));

        assertEquals(TokenFailureReason.UNREACHABLE, e.reason());
        assertEquals(1, requests(uri, "failure", "unreachable"));
    }
}
