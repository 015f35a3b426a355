package io.claimgate.server.testkit;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.claimgate.server.jwks.JwksSource;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JWKS source without HTTP: returns {@link #keys}, or fails, or blocks on a latch until
 * {@link #unblock()}; counts calls and tells when a fetch has started ({@link #awaitFetchStarted}).
 */
public final class ScriptedJwksSource implements JwksSource {
    public final AtomicInteger calls = new AtomicInteger();
    public volatile List<JWK> keys = List.of();
    public volatile boolean failing;
    public volatile Error error;
    public volatile Thread lastThread;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch started = new CountDownLatch(1);

    /**
     * Fetches from now on block until {@link #unblock()}, or until the returned latch is counted
     * down: that releases only the fetches that began while it was the gate, so a test can release
     * one fetch and block the next.
     */
    public CountDownLatch block() {
        CountDownLatch next = new CountDownLatch(1);
        gate = next;
        return next;
    }

    public void unblock() {
        gate.countDown();
    }

    /** Waits (at most 15 s) until a fetch has started since the last call of this method. */
    public void awaitFetchStarted() throws InterruptedException {
        if (!started.await(15, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("no JWKS fetch started within 15 s");
        }
        started = new CountDownLatch(1);
    }

    @Override
    public JWKSet fetch() throws IOException {
        CountDownLatch myGate = gate;   // taken before telling the test this fetch has started
        calls.incrementAndGet();
        lastThread = Thread.currentThread();
        started.countDown();
        try {
            myGate.await();
        } catch (InterruptedException e) {
            throw new IOException("interrupted", e);
        }
        if (failing) {
            throw new IOException("IdP unavailable");
        }
        if (error != null) {
            throw error;
        }
        return new JWKSet(keys);
    }

    @Override
    public String describe() {
        return "scripted";
    }
}
