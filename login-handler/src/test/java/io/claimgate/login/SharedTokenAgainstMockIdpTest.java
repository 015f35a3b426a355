package io.claimgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins of one JVM with the same credentials share one token: configured and called as Kafka
 * does (configure, then handle(OAuthBearerTokenCallback) from each client's own login thread),
 * against a real (embedded) OAuth 2.0 server that counts the token requests.
 */
class SharedTokenAgainstMockIdpTest {
    private MockOAuth2Server idp;
    private final List<OAuthLoginCallbackHandler> handlers = new ArrayList<>();

    @BeforeEach
    void startIdp() {
        idp = new MockOAuth2Server();
        idp.start();
    }

    @AfterEach
    void stop() {
        handlers.forEach(OAuthLoginCallbackHandler::close);
        idp.shutdown();
    }

    private Map<String, String> credentials(String... more) {
        Map<String, String> options = new HashMap<>(Map.of(
                "oauth.token.endpoint.uri", idp.tokenEndpointUrl("default").toString(),
                "oauth.client.id", "client1",
                "oauth.client.secret", "client1-secret"));
        for (int i = 0; i < more.length; i += 2) {
            options.put(more[i], more[i + 1]);
        }
        return options;
    }

    private OAuthLoginCallbackHandler login(java.time.Clock clock, Map<String, String> options) {
        OAuthLoginCallbackHandler handler = Handlers.configured(clock, Map.of(), options);
        handlers.add(handler);
        return handler;
    }

    private OAuthLoginCallbackHandler login(Map<String, String> options) {
        return login(java.time.Clock.systemUTC(), options);
    }

    /** Token requests the IdP got so far (they are all in once the calls that made them returned). */
    private List<RecordedRequest> tokenRequests() throws InterruptedException {
        return tokenRequests(idp);
    }

    /** Requests {@code idp} got so far and not yet taken. */
    static List<RecordedRequest> tokenRequests(MockOAuth2Server idp) throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        while (true) {
            try {
                requests.add(idp.takeRequest(200, TimeUnit.MILLISECONDS));
            } catch (RuntimeException none) {   // what takeRequest throws when none came
                return requests;
            }
        }
    }

    private static Path pem(Path file, java.security.KeyPair keys) throws java.io.IOException {
        return TestKeys.writePem(file, "PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    @Test
    void tenClientsLoggingInAtOnceWithTheSameCredentialsMakeOneTokenRequest() throws Exception {
        int clients = 10;
        for (int i = 0; i < clients; i++) {
            // Different SASL extensions: JAAS texts Kafka's own LoginManager would not share a login for.
            login(credentials("oauth.scope", "kafka", "oauth.sasl.extension.tenant", "t" + i));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService loginThreads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<ClientAccessToken>> logins = new ArrayList<>();
            for (OAuthLoginCallbackHandler handler : handlers) {
                logins.add(loginThreads.submit(() -> {
                    start.await();
                    return Handlers.token(handler);
                }));
            }
            start.countDown();
            Set<String> tokens = new HashSet<>();
            for (Future<ClientAccessToken> login : logins) {
                tokens.add(login.get(30, TimeUnit.SECONDS).value());
            }
            assertEquals(1, tokens.size(), "every client got the same token");
            for (int i = 0; i < clients; i++) {
                assertEquals(Map.of("tenant", "t" + i), Handlers.extensions(handlers.get(i)).map(),
                        "extensions stay per client");
            }
        } finally {
            loginThreads.shutdownNow();
        }
        assertEquals(1, tokenRequests().size(), "one token request for ten clients");
    }

    @Test
    void withSharingOffTwoClientsOfOneCredentialMakeTwoTokenRequests() throws Exception {
        OAuthLoginCallbackHandler first = login(credentials("oauth.token.sharing", "false"));
        OAuthLoginCallbackHandler second = login(credentials("oauth.token.sharing", "false"));

        String a = Handlers.token(first).value();
        String b = Handlers.token(second).value();

        assertEquals(2, tokenRequests().size(), "one token request per client");
        assertNotEquals(a, b);
        // Each keeps its token while it is fresh: asking again costs nothing.
        assertEquals(a, Handlers.token(first).value());
        assertEquals(0, tokenRequests().size());
        // A client with sharing on does not pick up a private token either.
        login(credentials());
        Handlers.token(handlers.get(2));
        assertEquals(1, tokenRequests().size());
    }

    @Test
    void differentCredentialsNeverShare(@TempDir Path dir) throws Exception {
        List<Map<String, String>> different = List.of(
                credentials(),
                credentials("oauth.client.id", "client2"),
                credentials("oauth.client.secret", "another-secret"),
                credentials("oauth.client.auth.method", "client_secret_post"),
                credentials("oauth.scope", "kafka"),
                credentials("oauth.scope", "kafka other"),
                credentials("oauth.audience", "kafka-broker"),
                credentials("oauth.read.timeout.ms", "5000"),
                credentials("oauth.client.assertion.key.location", pem(dir.resolve("a.pem"), TestKeys.rsa()).toString()),
                credentials("oauth.client.assertion.key.location", pem(dir.resolve("b.pem"), TestKeys.rsa()).toString()));
        Set<String> tokens = new HashSet<>();
        for (Map<String, String> options : different) {
            tokens.add(Handlers.token(login(options)).value());
            tokens.add(Handlers.token(login(options)).value());   // a second client with the same: shares
        }
        assertEquals(different.size(), tokens.size(), "one token per credential");
        assertEquals(different.size(), tokenRequests().size(), "one request per credential");
    }

    @Test
    void theSameKeyReadFromTwoFilesIsTheSameCredential(@TempDir Path dir) throws Exception {
        var keys = TestKeys.rsa();
        String first = pem(dir.resolve("a.pem"), keys).toString();
        String second = pem(dir.resolve("b.pem"), keys).toString();

        ClientAccessToken one = Handlers.token(login(credentials("oauth.client.assertion.key.location", first)));
        ClientAccessToken two = Handlers.token(login(credentials("oauth.client.assertion.key.location", second)));

        assertEquals(one.value(), two.value());
        assertEquals(1, tokenRequests().size());
    }

    @Test
    void theFirstRefreshPastHalfTheLifetimeFetchesOnceAndTheOtherClientsGetThatToken() throws Exception {
        // Opaque tokens with expires_in: their lifetime counts on the test's clock, not the IdP's.
        try (FakeTokenEndpoint endpoint = new FakeTokenEndpoint()) {
            endpoint.answer(FakeTokenEndpoint.json(200, "{\"access_token\":\"opaque-1\",\"expires_in\":3600}"),
                    FakeTokenEndpoint.json(200, "{\"access_token\":\"opaque-2\",\"expires_in\":3600}"));
            MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
            Map<String, String> options = credentials("oauth.token.endpoint.uri", endpoint.tokenUri().toString());
            OAuthLoginCallbackHandler producer = login(clock, options);
            OAuthLoginCallbackHandler consumer = login(clock, options);
            OAuthLoginCallbackHandler admin = login(clock, options);
            assertEquals("opaque-1", Handlers.token(producer).value());
            assertEquals("opaque-1", Handlers.token(consumer).value());
            assertEquals("opaque-1", Handlers.token(admin).value());

            clock.advance(java.time.Duration.ofMinutes(30).minusMillis(1));
            assertEquals("opaque-1", Handlers.token(consumer).value(), "more than half its lifetime left: shared as is");
            assertEquals(1, endpoint.requests().size());

            clock.advance(java.time.Duration.ofMillis(1));
            assertEquals("opaque-2", Handlers.token(consumer).value(), "the consumer's refresh thread comes first");
            assertEquals("opaque-2", Handlers.token(producer).value());
            assertEquals("opaque-2", Handlers.token(admin).value());
            assertEquals(2, endpoint.requests().size(), "one request for the three refreshes");
        }
    }

    @Test
    void whenTheLastClientClosesTheSharedTokenIsDropped() throws Exception {
        int before = SharedTokenRegistry.jvm().size();
        OAuthLoginCallbackHandler producer = login(credentials());
        OAuthLoginCallbackHandler consumer = login(credentials());
        String token = Handlers.token(producer).value();
        assertEquals(before + 1, SharedTokenRegistry.jvm().size());

        producer.close();
        assertEquals(token, Handlers.token(consumer).value(), "still in use by the consumer");
        consumer.close();
        consumer.close();   // a second close lets go of nothing more
        assertEquals(before, SharedTokenRegistry.jvm().size());

        assertNotEquals(token, Handlers.token(login(credentials())).value(), "a new client asks afresh");
        assertEquals(2, tokenRequests().size());
    }

    @Test
    void aFailureReachesTheCallerAndIsNotKept() throws Exception {
        try (FakeTokenEndpoint endpoint = new FakeTokenEndpoint()) {
            endpoint.answer(FakeTokenEndpoint.json(401, "{\"error\":\"invalid_client\"}"),
                    FakeTokenEndpoint.json(200, "{\"access_token\":\"opaque-1\",\"expires_in\":300}"));
            Map<String, String> options = credentials("oauth.token.endpoint.uri", endpoint.tokenUri().toString());
            OAuthLoginCallbackHandler producer = login(options);
            OAuthLoginCallbackHandler consumer = login(options);

            TokenRetrievalException failure = assertThrows(TokenRetrievalException.class, () -> Handlers.token(producer));
            assertTrue(failure.getMessage().contains("invalid_client"), failure.getMessage());

            assertEquals("opaque-1", Handlers.token(consumer).value(), "the next login asked again");
            assertEquals("opaque-1", Handlers.token(producer).value());
            assertEquals(2, endpoint.requests().size());
        }
    }
}
