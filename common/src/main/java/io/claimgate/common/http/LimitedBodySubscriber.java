package io.claimgate.common.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into a byte array, giving up (and cancelling the stream) as soon as it
 * grows past a limit: a misbehaving endpoint cannot make claimgate buffer an unbounded body.
 */
final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final HttpResponse.BodySubscriber<byte[]> delegate = HttpResponse.BodySubscribers.ofByteArray();
    private final int limit;
    private long received;
    private Flow.Subscription subscription;
    private boolean failed;

    LimitedBodySubscriber(int limit) {
        this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return delegate.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        delegate.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        // Flow guarantees onNext calls are serialised, so the plain fields are safe here.
        if (failed) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            received += buffer.remaining();
        }
        if (received > limit) {
            failed = true;
            subscription.cancel();
            delegate.onError(new UncheckedIOException(new TooLargeException(limit)));
            return;
        }
        delegate.onNext(buffers);
    }

    /** The body passed the limit: not worth retrying, the same body would come back. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(int limit) {
            super("response is larger than " + limit + " bytes");
        }
    }

    @Override
    public void onError(Throwable throwable) {
        if (!failed) {
            delegate.onError(throwable);
        }
    }

    @Override
    public void onComplete() {
        if (!failed) {
            delegate.onComplete();
        }
    }
}
