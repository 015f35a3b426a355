package io.claimgate.filter;

import io.claimgate.common.metrics.ClaimgateMetrics;
import io.claimgate.filter.kafka.ConsumerRecordsFactory;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Withholds consumed records that the {@code record_filters} of claimgate's policy file say this
 * consumer must not see. Kafka has no broker-side hook for filtering fetched records, so this runs
 * in the client: it is a convenience and a guard against mistakes, NOT a security boundary against
 * the client's owner, who can simply remove it (docs/SECURITY.md).
 *
 * <pre>
 * interceptor.classes=io.claimgate.filter.RecordFilterInterceptor
 * value.deserializer=io.claimgate.filter.RecordFilterDeserializer
 * claimgate.filter.value.deserializer=org.apache.kafka.common.serialization.StringDeserializer   # the application's own
 * claimgate.policy.location=/etc/kafka/claimgate-policy.yaml
 * # optional:
 * claimgate.policy.reload.seconds=5          # 0 = never re-read
 * claimgate.filter.principal=reporting-job   # for clients that do not log in with claimgate's OAuth login
 * </pre>
 *
 * <h2>Two plugins, one filter</h2>
 * The judging is done by {@link RecordFilterDeserializer}, while Kafka parses each record: a
 * record that cannot be judged yet makes the deserializer throw, which is the one way a plugin can
 * keep the consumer's position at a record (an interceptor cannot seek, Kafka swallows its
 * exceptions and passes the unfiltered records on, and the position, which auto-commit commits,
 * has moved past everything an interceptor sees). A record a filter skips is marked by the
 * deserializer; this interceptor removes the marked records and keeps the batch's next offsets
 * ({@link BatchFilter}), so commits move past them and nothing else. It evaluates nothing itself,
 * except for records with a null value, which no deserializer sees: those it judges with the
 * deserializer's policy and principal, and withholds when it cannot (they cannot be retried).
 * Without the deserializer, {@code configure} fails naming the two configs to add.
 *
 * <h2>Who the consumer is</h2>
 * The principal is the one in the consumer's OWN access token, the token claimgate's login
 * handler ({@code sasl.login.callback.handler.class=io.claimgate.login.OAuthLoginCallbackHandler})
 * got for it; no second request goes to the IdP. The filter is created before the login runs,
 * so it looks the token up for every record it judges (one volatile read) and decodes a new one once
 * (see {@link TokenPrincipalSource}). The name, groups and scopes are mapped with the BROKER's rules
 * from the {@code oauth.username.claim}, {@code oauth.username.prefix}, {@code oauth.groups.claim}
 * and {@code oauth.scope.claim} options of the consumer's JAAS entry: set them as on the broker.
 * {@code claimgate.filter.principal=<name>} overrides this (name only; no claims, groups, scopes).
 * A consumer that can have neither fails at construction with a message naming the fix.
 *
 * <h2>What {@code skip_when} sees</h2>
 * The principal variables of policies ({@code principal.name}, {@code principal.type} = User,
 * {@code claims}, {@code groups}, {@code scopes}; {@code listener} and {@code client.address} are
 * {@code ''} on a client), plus {@code record.topic} and {@code record.headers}. Header rules
 * ({@link HeaderValues}, {@link HeaderReads}): a missing header is absent from the map and reads
 * as {@code ''}; test presence with {@code has(record.headers.k)} or {@code 'k' in record.headers};
 * a repeated header's last value wins; a null value is present as {@code ''}; bytes that are not
 * UTF-8 are decoded with U+FFFD replacement characters.
 *
 * <h2>If the deserializer Kafka uses is not claimgate's</h2>
 * An application that passes deserializer objects to {@code KafkaConsumer}'s constructor makes
 * Kafka ignore {@code value.deserializer}. The interceptor notices at its first batch (its
 * deserializer never {@linkplain FilterLink paired} with it) and, rather than pass records nobody
 * judged, judges them itself, withholding what it cannot judge: that is lossy (their offsets are
 * committed), and it says so in an ERROR log line and in {@code filter.records.dropped}.
 * {@code onConsume} never throws (Kafka would log the exception and pass the unfiltered records
 * on): any unexpected failure withholds the whole batch.
 *
 * <p>Metrics: {@link FilterMetrics}. Thread-safe, although Kafka calls it from the consumer's one
 * polling thread.
 */
public class RecordFilterInterceptor<K, V> implements ConsumerInterceptor<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(RecordFilterInterceptor.class);

    /** What configure() was given, for the unpaired fallback; replaced as a whole. */
    private static final class Configured {
        private final Map<String, ?> configs;
        private final Function<String, String> environment;
        private final Clock clock;
        private final FilterMetrics metrics;

        Configured(Map<String, ?> configs, Function<String, String> environment, Clock clock, FilterMetrics metrics) {
            this.configs = configs;
            this.environment = environment;
            this.clock = clock;
            this.metrics = metrics;
        }

        Map<String, ?> configs() {
            return configs;
        }

        Function<String, String> environment() {
            return environment;
        }

        Clock clock() {
            return clock;
        }

        FilterMetrics metrics() {
            return metrics;
        }
    }

    private volatile Configured configured;
    /** The runtime of this consumer's deserializer; null until paired. */
    private volatile FilterRuntime paired;
    /** The interceptor's own runtime when it was never paired (lossy fallback); built at the first batch. */
    private FilterRuntime unpaired;   // guarded by this
    private volatile long lastInternalErrorLog = Long.MIN_VALUE;

    @Override
    public void configure(Map<String, ?> configs) {
        configure(configs, System::getenv, Clock.systemUTC(), FilterMetrics.on(ClaimgateMetrics.registry()));
    }

    void configure(Map<String, ?> configs, Function<String, String> environment, Clock clock, FilterMetrics metrics) {
        ConsumerRecordsFactory.requireSupported();
        FilterWiring.requireDeserializer(configs);
        // Every option is checked now, so a misconfigured consumer fails at construction.
        FilterOptions options = FilterOptions.from(configs, environment);
        PrincipalSources.from(configs, options, environment);
        close();
        configured = new Configured(new HashMap<>(configs), environment, clock, metrics);
        Object clientId = configs.get(ConsumerConfig.CLIENT_ID_CONFIG);
        FilterLink.interceptorConfigured(clientId == null ? null : clientId.toString(), this);
    }

    /** Called by {@link FilterLink} when this consumer's deserializer is configured. */
    void pairWith(FilterRuntime runtime) {
        paired = runtime;
    }

    @Override
    public ConsumerRecords<K, V> onConsume(ConsumerRecords<K, V> records) {
        try {
            if (records == null || records.isEmpty()) {
                return records;
            }
            FilterRuntime runtime = paired;
            if (runtime != null) {
                ConsumerRecords<K, V> kept = BatchFilter.removeMarked(records, runtime);
                if (kept != null) {
                    return kept;
                }
                paired = null;   // these records were not judged by that deserializer: never trust it again
                LOG.error("claimgate record filter: the records of this consumer were not judged by the {} it was"
                        + " paired with", RecordFilterDeserializer.class.getName());
            }
            return BatchFilter.apply(records, unpairedRuntime().currentView());
        } catch (VirtualMachineError e) {
            throw e;   // out of memory and the like: the consumer's poll fails, which also delivers nothing
        } catch (Throwable e) {
            logInternalError(e);
            try {
                // configured is null only before configure(): that fails here too, and nothing is delivered
                return BatchFilter.dropAll(records, DropReason.INTERNAL_ERROR, configured.metrics());
            } catch (Throwable again) {
                return ConsumerRecords.empty();   // offsets still advance with the consumer's position
            }
        }
    }

    private synchronized FilterRuntime unpairedRuntime() {
        Configured current = configured;
        if (current == null) {
            throw new IllegalStateException("onConsume before configure");
        }
        if (unpaired == null) {
            LOG.error("claimgate record filter: this consumer's value deserializer is not {} configured by Kafka (an"
                    + " application that passes deserializer objects to KafkaConsumer's constructor makes Kafka ignore"
                    + " value.deserializer), so records are judged here, and records that cannot be judged are"
                    + " DROPPED, not retried. Let Kafka create the deserializer from value.deserializer.",
                    RecordFilterDeserializer.class.getName());
            unpaired = FilterRuntime.start(current.configs(), current.environment(), current.clock(), current.metrics());
        }
        return unpaired;
    }

    private void logInternalError(Throwable e) {
        long now = System.currentTimeMillis();
        if (lastInternalErrorLog == Long.MIN_VALUE || now - lastInternalErrorLog >= ErrorLog.INTERVAL_MS) {
            lastInternalErrorLog = now;
            LOG.error("claimgate record filter failed; the whole batch is withheld", e);
        }
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        // nothing to do: offsets were already carried past withheld records in onConsume
    }

    /** Check the policy file now instead of waiting for the next interval; for tests. */
    boolean checkPolicyNow() {
        FilterRuntime runtime = paired;
        synchronized (this) {
            if (runtime == null) {
                runtime = unpaired;
            }
        }
        return runtime != null && runtime.checkPolicyNow();
    }

    @Override
    public void close() {
        // The paired runtime belongs to the deserializer, which Kafka closes too.
        synchronized (this) {
            if (unpaired != null) {
                unpaired.close();
                unpaired = null;
            }
        }
    }
}
