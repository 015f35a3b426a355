package io.claimgate.filter;

import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Withholds consumed records that the {@code record_filters} of claimgate's policy file say this
 * consumer must not see (DESIGN.md). Kafka has no broker-side hook for filtering fetched records,
 * so this runs in the client: it is a convenience and a guard against mistakes, NOT a security
 * boundary against the client's owner, who can simply remove it (docs/SECURITY.md).
 *
 * <pre>
 * interceptor.classes=io.claimgate.filter.RecordFilterInterceptor
 * claimgate.policy.location=/etc/kafka/claimgate-policy.yaml
 * # optional:
 * claimgate.policy.reload.seconds=5          # 0 = never re-read
 * claimgate.filter.principal=reporting-job   # for clients that do not log in with claimgate's OAuth login
 * </pre>
 *
 * <h2>Who the consumer is</h2>
 * The principal is the one in the consumer's OWN access token, the token claimgate's login
 * handler ({@code sasl.login.callback.handler.class=io.claimgate.login.OAuthLoginCallbackHandler})
 * got for it; no second request goes to the IdP. The interceptor is created before the login runs,
 * so it looks the token up on every {@code onConsume} (one volatile read) and decodes a new one once
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
 * <h2>Failing closed</h2>
 * A record whose {@code skip_when} fails to evaluate is withheld and counted. Without a usable
 * policy (file unreadable or invalid since start) or without a principal, every record is withheld
 * and counted. A policy file that breaks later keeps the last good filters in force, as on the
 * broker. {@code onConsume} never throws (Kafka would log the exception and pass the unfiltered
 * records on): any unexpected failure withholds the whole batch. In every case the batch's next
 * offsets are kept ({@link BatchFilter}), so commits move past withheld records.
 *
 * <p>Metrics: {@link FilterMetrics}. Thread-safe, although Kafka calls it from the consumer's one
 * polling thread.
 */
public class RecordFilterInterceptor<K, V> implements ConsumerInterceptor<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(RecordFilterInterceptor.class);

    /** Everything configure() builds; replaced as a whole. */
    private record Configured(FilterPolicy policy, PrincipalSource principals, ErrorLog errors) {
    }

    private volatile Configured configured;
    private volatile FilterView view;
    private volatile long lastInternalErrorLog = Long.MIN_VALUE;

    @Override
    public void configure(Map<String, ?> configs) {
        configure(configs, System::getenv, Clock.systemUTC());
    }

    void configure(Map<String, ?> configs, Function<String, String> environment, Clock clock) {
        FilterOptions options = FilterOptions.from(configs, environment);
        // Principal first: a misconfigured consumer fails before any thread is started.
        PrincipalSource principals = PrincipalSources.from(configs, options, environment);
        FilterPolicy policy = new FilterPolicy(options.policyLocation(), options.reloadInterval(), clock);
        close();
        configured = new Configured(policy, principals, new ErrorLog(clock::millis));
        LOG.info("claimgate record filter configured: policy {}, principal from {}", options.policyLocation(),
                principals.describe());
    }

    @Override
    public ConsumerRecords<K, V> onConsume(ConsumerRecords<K, V> records) {
        try {
            if (records == null || records.isEmpty()) {
                return records;
            }
            return BatchFilter.apply(records, currentView());
        } catch (VirtualMachineError e) {
            throw e;   // out of memory and the like: the consumer's poll fails, which also delivers nothing
        } catch (Throwable e) {
            logInternalError(e);
            try {
                return BatchFilter.dropAll(records, DropReason.INTERNAL_ERROR);
            } catch (Throwable again) {
                return ConsumerRecords.empty();   // offsets still advance with the consumer's position
            }
        }
    }

    private FilterView currentView() {
        Configured current = configured;
        if (current == null) {
            throw new IllegalStateException("onConsume before configure");
        }
        PolicySnapshot policy = current.policy().current();
        FilterPrincipal principal = current.principals().current();
        FilterView known = view;
        if (known != null && known.isFor(policy, principal)) {
            return known;
        }
        FilterView fresh = FilterView.of(policy, principal, current.errors());
        if (fresh.dropAll() == DropReason.NO_PRINCIPAL && (known == null || known.dropAll() != DropReason.NO_PRINCIPAL)) {
            LOG.error("claimgate record filter: the consumer's principal is unknown (no token from {} yet, or an"
                    + " unreadable one); records are dropped until it is known", PrincipalSources.CLAIMGATE_LOGIN_HANDLER);
        }
        view = fresh;
        return fresh;
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
        Configured current = configured;
        return current != null && current.policy().checkNow();
    }

    @Override
    public void close() {
        Configured current = configured;
        if (current != null) {
            current.policy().close();
        }
        view = null;
    }
}
