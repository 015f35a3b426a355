package io.claimgate.login;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The token of one credential, shared by every login of this JVM that uses it: while the current
 * token has at least half its lifetime left it is handed out as is; otherwise one caller asks the
 * IdP and everyone else who asks meanwhile waits for that same answer (single-flight).
 *
 * <p>Why half: Kafka's refresh thread renews a token at {@code sasl.login.refresh.window.factor}
 * (0.5 to 1.0, default 0.8) of its lifetime, or earlier when its buffers require, which is still
 * at half or later. So a login that comes to refresh always finds the shared token past half and
 * gets a new one, which then serves every other login of the credential until its own half; a
 * refresh never gets back the token it is refreshing, and never loops on an old one.
 *
 * <p>A failure is not kept: the callers waiting for that request all get it, and the next call
 * asks the IdP again. Thread-safe; the lock is never held while the IdP is asked.
 */
final class SharedToken {
    private final TokenSource source;
    private final LoginMetrics metrics;
    private ClientAccessToken current;                     // guarded by this
    private CompletableFuture<ClientAccessToken> inFlight; // guarded by this

    /** @param metrics made from this token's {@link #current()} by {@code metricsOf} */
    SharedToken(TokenSource source, Function<Supplier<ClientAccessToken>, LoginMetrics> metricsOf) {
        this.source = source;
        this.metrics = metricsOf.apply(this::current);
    }

    LoginMetrics metrics() {
        return metrics;
    }

    TokenSource source() {
        return source;
    }

    /** The current token if it is fresh enough at {@code now}, else the result of one request shared by all callers. */
    ClientAccessToken token(Instant now) throws TokenRetrievalException {
        CompletableFuture<ClientAccessToken> request;
        boolean asking = false;
        synchronized (this) {
            if (current != null && isFresh(current, now)) {
                return current;
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                asking = true;
            }
            request = inFlight;
        }
        return asking ? ask(request) : await(request);
    }

    /** The token held now, if any (also when no longer fresh); for metrics. */
    synchronized ClientAccessToken current() {
        return current;
    }

    /** Whether less than half of the token's lifetime (from its start as Kafka reads it) has passed. */
    static boolean isFresh(ClientAccessToken token, Instant now) {
        long start = token.startTimeMs();
        long half = start + (token.lifetimeMs() - start) / 2;
        return now.toEpochMilli() < half;
    }

    private ClientAccessToken ask(CompletableFuture<ClientAccessToken> request) throws TokenRetrievalException {
        try {
            ClientAccessToken token = source.token();
            synchronized (this) {
                current = token;
                inFlight = null;
            }
            metrics.succeeded();
            request.complete(token);
            return token;
        } catch (TokenRetrievalException | RuntimeException | Error e) {
            synchronized (this) {
                inFlight = null;
            }
            metrics.failed(e instanceof TokenRetrievalException ? ((TokenRetrievalException) e).reason() : TokenFailureReason.OTHER);
            request.completeExceptionally(e);
            throw e;
        }
    }

    /** Waits for another caller's request: it is bounded by the HTTP timeouts and retries of that caller. */
    private ClientAccessToken await(CompletableFuture<ClientAccessToken> request) throws TokenRetrievalException {
        try {
            return request.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRetrievalException("interrupted while waiting for the access token another login of"
                    + " this JVM is getting from " + source.describe(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            // A new exception for this thread, with the same message: it says what the IdP answered.
            if (cause instanceof TokenRetrievalException) {
                throw new TokenRetrievalException(cause.getMessage(), cause);
            }
            throw new TokenRetrievalException("unexpected failure getting an access token from "
                    + source.describe() + ": " + cause.getClass().getName() + " "
                    + SafeText.clean(cause.getMessage(), 300, List.of()), cause);
        }
    }
}
