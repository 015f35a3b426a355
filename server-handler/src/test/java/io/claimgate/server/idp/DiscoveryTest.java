package io.claimgate.server.idp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.claimgate.common.http.HttpSettings;
import io.claimgate.common.http.IdpHttpClient;
import io.claimgate.common.oidc.DiscoveryException;
import io.claimgate.common.oidc.OidcMetadata;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Discovery is single-flight and never makes broker network threads queue behind a failing IdP.
 * The IdP here answers only when the test opens its gate, so "a request is in flight" is a state
 * the test holds, not a race it hopes for.
 */
class DiscoveryTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch requestArrived = new CountDownLatch(1);
    private final Semaphore gate = new Semaphore(0);
    private volatile int status = 200;
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private URI issuer;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        issuer = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/realm");
        server.createContext("/realm/.well-known/openid-configuration", exchange -> {
            requests.incrementAndGet();
            requestArrived.countDown();
            try {
                gate.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = ("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        gate.release(100);
        callers.shutdownNow();
        server.stop(0);
    }

    private Discovery discovery(Duration retryPause) {
        IdpHttpClient http = new IdpHttpClient(new HttpSettings(LONG, LONG, 0, Duration.ZERO, Duration.ZERO, Optional.empty()));
        return new Discovery(issuer, http, retryPause, LONG);
    }

    private Future<OidcMetadata> resolveInBackground(Discovery discovery) {
        return callers.submit(() -> discovery.resolve());
    }

    @Test
    void callersWhileTheFirstRequestIsInFlightShareItsAnswer() throws Exception {
        Discovery discovery = discovery(Duration.ofSeconds(1));
        List<Future<OidcMetadata>> all = new ArrayList<>();
        all.add(resolveInBackground(discovery));
        assertTrue(requestArrived.await(10, TimeUnit.SECONDS));
        for (int i = 0; i < 4; i++) {
            all.add(resolveInBackground(discovery));
        }
        gate.release();

        OidcMetadata first = all.get(0).get(10, TimeUnit.SECONDS);
        for (Future<OidcMetadata> each : all) {
            assertSame(first, each.get(10, TimeUnit.SECONDS));
        }
        assertEquals(1, requests.get());
        assertSame(first, discovery.resolve(), "kept: no second request");
        assertEquals(1, requests.get());
    }

    @Test
    void afterAFailureCallersGetItAtOnceInsteadOfQueueingBehindTheRetry() throws Exception {
        Discovery discovery = discovery(Duration.ZERO);   // retry on the next need
        status = 503;
        gate.release();
        assertThrows(DiscoveryException.class, discovery::resolve);
        assertEquals(1, requests.get());

        // The retry hangs in the IdP (the gate is shut) ...
        Future<OidcMetadata> retry = resolveInBackground(discovery);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        while (requests.get() < 2) {
            assertTrue(System.nanoTime() < deadline, "the retry never reached the IdP");
            Thread.sleep(10);
        }
        // ... and everybody else is answered with the last failure, on their own thread, now.
        DiscoveryException meanwhile = assertThrows(DiscoveryException.class, discovery::resolve);
        assertTrue(meanwhile.getMessage().contains("a retry is in flight"), meanwhile.getMessage());
        assertEquals(2, requests.get(), "no request of their own either");
        assertFalse(retry.isDone());

        status = 200;
        gate.release();
        assertEquals(issuer + "/jwks", retry.get(10, TimeUnit.SECONDS).endpoint("jwks_uri", "oauth.jwks.endpoint.uri").toString());
        assertEquals(issuer + "/jwks", discovery.resolve().endpoint("jwks_uri", "oauth.jwks.endpoint.uri").toString());
    }

    @Test
    void aCallerWaitsForAnotherCallersRequestOnlyWhileItsBudgetLasts() throws Exception {
        Discovery discovery = discovery(Duration.ofSeconds(1));
        Future<OidcMetadata> leader = resolveInBackground(discovery);   // no budget: background work
        assertTrue(requestArrived.await(10, TimeUnit.SECONDS));
        AtomicLong now = new AtomicLong();
        TimeBudget spent = TimeBudget.start(Duration.ofMillis(100), now::get);
        now.set(Duration.ofMillis(100).toNanos());   // used up before discovery (a test clock: no waiting)

        DiscoveryException refused = assertThrows(DiscoveryException.class, () -> discovery.resolve(spent));

        assertEquals("validation budget of 100 ms (oauth.validation.timeout.ms) exhausted while waiting for OIDC"
                + " discovery from " + discovery.documentUri(), refused.getMessage());
        assertFalse(leader.isDone(), "the leader's request goes on, bounded by the HTTP timeouts alone");
        gate.release();
        leader.get(10, TimeUnit.SECONDS);
        assertEquals(1, requests.get());
    }

    @Test
    void withinTheRetryPauseAFailureIsReportedWithoutARequest() throws Exception {
        Discovery discovery = discovery(Duration.ofHours(1));
        status = 503;
        gate.release(10);
        assertThrows(DiscoveryException.class, discovery::resolve);
        DiscoveryException again = assertThrows(DiscoveryException.class, discovery::resolve);
        assertTrue(again.getMessage().contains("not retried yet"), again.getMessage());
        assertEquals(1, requests.get());
    }
}
