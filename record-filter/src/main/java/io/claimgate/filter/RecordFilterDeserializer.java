package io.claimgate.filter;

import io.claimgate.common.metrics.ClaimgateMetrics;
import io.claimgate.common.text.Sanitizer;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record filter's judge: a value deserializer wrapping the application's own, applying the
 * {@code record_filters} of claimgate's policy file to each record as Kafka's consumer parses it.
 * Used together with {@link RecordFilterInterceptor}, which removes what it marks:
 *
 * <pre>
 * value.deserializer=io.claimgate.filter.RecordFilterDeserializer
 * claimgate.filter.value.deserializer=org.apache.kafka.common.serialization.StringDeserializer   # the application's own
 * interceptor.classes=io.claimgate.filter.RecordFilterInterceptor
 * claimgate.policy.location=/etc/kafka/claimgate-policy.yaml
 * </pre>
 *
 * For each record (with a non-null value), in the consumer's {@code poll()}:
 * <ul>
 *   <li>a filter says skip: the record is {@linkplain WithheldMark marked} and its value is null;
 *       the application's deserializer is NOT called, so a value it could not parse, in a record
 *       this consumer may not see, never stops the consumer (and nothing it does per record, such
 *       as a schema-registry lookup, happens for a withheld record). The interceptor removes it;</li>
 *   <li>every filter lets it through: the application's deserializer's value, with the same
 *       headers and bytes (also its {@code ByteBuffer} method, which Kafka 4 calls);</li>
 *   <li>the filter cannot judge it (no usable policy file since start, principal not known yet,
 *       {@code skip_when} failing for it, an internal error): {@link RecordHeldBackException}.
 *       Kafka's consumer throws it from {@code poll()} inside a
 *       {@link org.apache.kafka.common.errors.RecordDeserializationException} and keeps the
 *       partition's position AT the record (records before it in the same poll are still
 *       returned), so neither the application nor auto-commit can move past it, and the next
 *       poll tries it again: once the filter can judge, it is delivered or skipped by the policy.
 *       Nothing is lost, as long as the application keeps polling and does not seek past it.</li>
 * </ul>
 *
 * <p>Configured by Kafka with the consumer's configs; the wrapped deserializer gets the same
 * configs ({@code isKey=false}) and is closed with this one. Value deserializer only.
 */
public class RecordFilterDeserializer<T> implements Deserializer<T> {
    private static final Logger LOG = LoggerFactory.getLogger(RecordFilterDeserializer.class);

    private volatile FilterRuntime runtime;
    private volatile Deserializer<T> delegate;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        configure(configs, isKey, System::getenv, Clock.systemUTC(), FilterMetrics.on(ClaimgateMetrics.registry()));
    }

    void configure(Map<String, ?> configs, boolean isKey, Function<String, String> environment, Clock clock,
                   FilterMetrics metrics) {
        if (isKey) {
            throw new IllegalArgumentException(getClass().getName() + " is a value deserializer: set it as"
                    + " value.deserializer, not key.deserializer");
        }
        FilterWiring.requireInterceptor(configs);
        Deserializer<T> wrapped = FilterWiring.newDelegate(configs);
        FilterRuntime started = FilterRuntime.start(configs, environment, clock, metrics);
        try {
            wrapped.configure(configs, false);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        close();
        delegate = wrapped;
        runtime = started;
        Object clientId = configs.get(ConsumerConfig.CLIENT_ID_CONFIG);
        FilterLink.deserializerConfigured(clientId == null ? null : clientId.toString(), started);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        throw new RecordHeldBackException("the claimgate record filter needs the record's headers; Kafka's consumer"
                + " always passes them, so this deserializer cannot be used where they are not available");
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        return withhold(topic, headers) ? null : delegate.deserialize(topic, headers, data);
    }

    @Override
    public T deserialize(String topic, Headers headers, ByteBuffer data) {
        return withhold(topic, headers) ? null : delegate.deserialize(topic, headers, data);
    }

    /** True (and marked) when a filter skips the record; throws when it cannot be judged. */
    private boolean withhold(String topic, Headers headers) {
        FilterRuntime current = runtime;
        if (current == null) {
            throw new RecordHeldBackException("the claimgate record filter's deserializer was not configured by the"
                    + " consumer (Kafka configures only deserializers it creates from value.deserializer)");
        }
        try {
            FilterView view = current.currentView();
            if (view.passesEverything()) {
                current.judged(headers);
                return false;
            }
            if (view.dropAll() != null) {
                throw heldBack(current.metrics(), view.dropAll(), topic, null);
            }
            for (FilterDecider.TopicDecider decider : view.forTopic(topic)) {
                int decision = decider.decide(headers);
                if (decision == FilterDecider.PASS) {
                    decider.countPassed();
                } else if (decision == FilterDecider.SKIP) {
                    decider.countSkipped();
                    WithheldMark.mark(headers);
                    current.judged(headers);
                    return true;
                } else {
                    current.metrics().evaluationErrors(decider.owner().filter().name(), 1);
                    throw heldBack(current.metrics(), DropReason.EVALUATION_ERROR, topic, decider.owner().filter().name());
                }
            }
            current.judged(headers);
            return false;
        } catch (RecordHeldBackException e) {
            throw e;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // Kafka only turns RuntimeExceptions into "stay at this record": anything else becomes one.
            LOG.error("claimgate record filter failed on a record of topic {}; it is held back and retried",
                    Sanitizer.sanitize(topic), e);
            throw heldBack(current.metrics(), DropReason.INTERNAL_ERROR, topic, null, e);
        }
    }

    private static RecordHeldBackException heldBack(FilterMetrics metrics, DropReason reason, String topic, String filter) {
        return heldBack(metrics, reason, topic, filter, null);
    }

    private static RecordHeldBackException heldBack(FilterMetrics metrics, DropReason reason, String topic, String filter,
                                                    Throwable cause) {
        metrics.heldBack(reason, topic);
        return new RecordHeldBackException("claimgate record filter: this record cannot be judged because " + why(reason, filter)
                + "; it is held back and tried again on the next poll (keep polling; do not seek past it)", cause);
    }

    private static String why(DropReason reason, String filter) {
        switch (reason) {
            case POLICY_UNAVAILABLE:
                return "no usable policy file has been loaded yet";
            case NO_PRINCIPAL:
                return "the consumer's principal is not known yet (no readable token from claimgate's login handler)";
            case EVALUATION_ERROR:
                return "record filter '" + Sanitizer.sanitize(filter) + "' failed to evaluate for it";
            default:
                return "of an internal error (logged)";
        }
    }

    @Override
    public void close() {
        FilterRuntime current = runtime;
        Deserializer<T> wrapped = delegate;
        runtime = null;
        delegate = null;
        if (current != null) {
            current.close();
        }
        if (wrapped != null) {
            wrapped.close();
        }
    }

    /** Check the policy file now; for tests. */
    boolean checkPolicyNow() {
        FilterRuntime current = runtime;
        return current != null && current.checkPolicyNow();
    }
}
