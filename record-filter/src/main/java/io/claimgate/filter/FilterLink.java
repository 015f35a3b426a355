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
 * or not, to both) claims it. Only the interceptor offers: a deserializer configured before its
 * interceptor (by an application, not by Kafka) pairs with nothing, and a new offer replaces an
 * unclaimed one.
 *
 * <p>A pairing is also checked on every batch ({@link FilterRuntime#judgedIn}): the interceptor
 * removes marks and trusts "judged" only when the last record its deserializer judged is in the
 * batch. An interceptor never paired, or whose pairing fails that check (its consumer's deserializer
 * is not claimgate's: an application passing deserializer objects to the consumer's constructor
 * makes Kafka ignore {@code value.deserializer}), judges the records itself.
 */
final class FilterLink {
    private static final class Offer {
        private final String clientId;
        private final WeakReference<RecordFilterInterceptor<?, ?>> interceptor;

        Offer(String clientId, WeakReference<RecordFilterInterceptor<?, ?>> interceptor) {
            this.clientId = clientId;
            this.interceptor = interceptor;
        }

        String clientId() {
            return clientId;
        }

        WeakReference<RecordFilterInterceptor<?, ?>> interceptor() {
            return interceptor;
        }
    }

    private static final ThreadLocal<Offer> OFFER = new ThreadLocal<>();

    private FilterLink() {
    }

    static void interceptorConfigured(String clientId, RecordFilterInterceptor<?, ?> interceptor) {
        OFFER.set(new Offer(clientId, new WeakReference<>(interceptor)));
    }

    static void deserializerConfigured(String clientId, FilterRuntime runtime) {
        Offer offer = OFFER.get();
        OFFER.remove();
        RecordFilterInterceptor<?, ?> interceptor = offer == null ? null : offer.interceptor().get();
        if (interceptor != null && Objects.equals(offer.clientId(), clientId)) {
            interceptor.pairWith(runtime);
        }
    }
}
