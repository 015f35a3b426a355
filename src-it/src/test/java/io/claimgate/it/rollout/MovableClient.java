package io.claimgate.it.rollout;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An application with one Kafka client, running on its own thread from the first rollout step to
 * the last, that an operator can move to another configuration (listener, mechanism, credentials)
 * the way a real one moves: the application finishes with its old client (flush, commit) and opens
 * a new one, without stopping its work.
 *
 * @param <C> the client (producer, consumer)
 */
abstract class MovableClient<C extends AutoCloseable> implements AutoCloseable {
    private static final Duration MOVE_TIMEOUT = Duration.ofSeconds(60);

    private final Thread thread;
    private final AtomicReference<Properties> next = new AtomicReference<>();
    private final AtomicInteger moves = new AtomicInteger();
    private volatile boolean stopping;
    private volatile Throwable crash;

    MovableClient(String name, Properties initial) {
        this.thread = new Thread(() -> run(initial), name);
        thread.setDaemon(true);
    }

    /** Subclasses call this last in their constructor, once their own fields are set. */
    final void start() {
        thread.start();
    }

    protected abstract C open(Properties config);

    /** One unit of work: a send, a poll. Must return within seconds. */
    protected abstract void step(C client) throws Exception;

    /** Before the client is closed for a move: flush, commit. */
    protected void leave(C client) {
    }

    /** Before the client is closed at the end: by default as for a move. */
    protected void finish(C client) throws Exception {
        leave(client);
    }

    protected final boolean stopping() {
        return stopping;
    }

    /** Moves the application to {@code config}; returns once its new client is open. */
    void moveTo(Properties config) throws InterruptedException {
        int before = moves.get();
        next.set(config);
        long deadline = System.nanoTime() + MOVE_TIMEOUT.toNanos();
        while (moves.get() == before) {
            checkAlive();
            if (System.nanoTime() > deadline) {
                throw new AssertionError(thread.getName() + " did not move within " + MOVE_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    /** Stops the application (it finishes its work, see {@link #finish}); fails if it crashed or hangs. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(MOVE_TIMEOUT.toMillis());
        if (thread.isAlive()) {
            throw new IllegalStateException(thread.getName() + " did not stop within " + MOVE_TIMEOUT);
        }
        if (crash != null) {
            throw new IllegalStateException(thread.getName() + " crashed", crash);
        }
    }

    final void checkAlive() {
        if (crash != null) {
            throw new AssertionError(thread.getName() + " crashed", crash);
        }
    }

    @Override
    public String toString() {
        return thread.getName();
    }

    private void run(Properties initial) {
        C client = null;
        try {
            client = open(initial);
            while (!stopping) {
                Properties target = next.getAndSet(null);
                if (target != null) {
                    leave(client);
                    client.close();
                    client = null;
                    client = open(target);
                    moves.incrementAndGet();
                }
                step(client);
            }
            finish(client);
        } catch (Throwable t) {
            crash = t;
        } finally {
            if (client != null) {
                try {
                    client.close();
                } catch (Exception e) {
                    if (crash == null) {
                        crash = e;
                    }
                }
            }
        }
    }
}
