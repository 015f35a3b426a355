package io.claimgate.filter;

import java.lang.ref.WeakReference;
import java.util.Objects;

/**
 * Connects the {@link RecordFilterInterceptor} and the {@link RecordFilterDeserializer} of ONE
 * consumer, so the interceptor knows the consumer's records were judged by that deserializer and
 * uses the same {@link FilterRuntime} for the few records no deserializer sees (null values).
 *
 * <p>Kafka gives the two plugins nothing in common but the consumer's configs, which several
 * consumers may share. What it does give: {@code KafkaConsumer}'s constructor (classic and
 * {@code group.protocol=consumer}, Kafka 4.3.1) configures the interceptors and then, on the same
 * thread, the deserializers it creates from {@code key.deserializer}/{@code value.deserializer}.
 * So the interceptor leaves itself here for the current thread, and the next filter deserializer
 * configured on that thread with the same {@code client.id} (Kafka passes the consumer's, generated
 * or not, to both) takes it. Either may come first (an application that configures a deserializer
 * itself may do so before it builds the consumer); a new offer replaces an unclaimed one, so a
 * deserializer can only pair with the interceptor configured most recently on its thread.
 *
 * <p>An interceptor that was never paired knows it at its first batch: then the deserializer Kafka
 * uses is not claimgate's (an application passing deserializer objects to the consumer's
 * constructor makes Kafka ignore {@code value.deserializer}), and the interceptor judges by itself.
 */
final class FilterLink {
    private record Offer(String clientId, WeakReference<RecordFilterInterceptor<?, ?>> interceptor,
                         WeakReference<FilterRuntime> runtime) {
    }

    private static final ThreadLocal<Offer> OFFER = new ThreadLocal<>();

    private FilterLink() {
    }

    static void interceptorConfigured(String clientId, RecordFilterInterceptor<?, ?> interceptor) {
        Offer offer = take();
        FilterRuntime runtime = offer == null || offer.runtime() == null ? null : offer.runtime().get();
        if (runtime != null && Objects.equals(offer.clientId(), clientId)) {
            interceptor.pairWith(runtime);
        } else {
            OFFER.set(new Offer(clientId, new WeakReference<>(interceptor), null));
        }
    }

    static void deserializerConfigured(String clientId, FilterRuntime runtime) {
        Offer offer = take();
        RecordFilterInterceptor<?, ?> interceptor = offer == null || offer.interceptor() == null ? null
                : offer.interceptor().get();
        if (interceptor != null && Objects.equals(offer.clientId(), clientId)) {
            interceptor.pairWith(runtime);
        } else {
            OFFER.set(new Offer(clientId, null, new WeakReference<>(runtime)));
        }
    }

    private static Offer take() {
        Offer offer = OFFER.get();
        OFFER.remove();
        return offer;
    }
}
