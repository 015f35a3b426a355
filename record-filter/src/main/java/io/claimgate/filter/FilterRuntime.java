package io.claimgate.filter;

import java.io.Closeable;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one consumer's filter judges with: its options, its policy file (kept current), who
 * the consumer is, and the {@link FilterView} for the current (policy, principal) pair. Built once
 * per consumer by {@link RecordFilterDeserializer} and handed to the consumer's
 * {@link RecordFilterInterceptor} ({@link FilterLink}), so both judge with the same policy and
 * principal. Thread-safe.
 */
final class FilterRuntime implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(FilterRuntime.class);

    private final FilterOptions options;
    private final FilterPolicy policy;
    private final PrincipalSource principals;
    private final ErrorLog errors;
    private final FilterMetrics metrics;
    private volatile FilterView view;
    /** The headers of the last record the deserializer judged; written per record, so a release store. */
    private final AtomicReference<Headers> lastJudged = new AtomicReference<>();

    private FilterRuntime(FilterOptions options, FilterPolicy policy, PrincipalSource principals, ErrorLog errors,
                          FilterMetrics metrics) {
        this.options = options;
        this.policy = policy;
        this.principals = principals;
        this.errors = errors;
        this.metrics = metrics;
    }

    /** Reads the options, finds the principal source (both may fail, naming the option), then loads the policy. */
    static FilterRuntime start(Map<String, ?> configs, Function<String, String> environment, Clock clock,
                               FilterMetrics metrics) {
        FilterOptions options = FilterOptions.from(configs, environment);
        // Principal first: a misconfigured consumer fails before any thread is started.
        PrincipalSource principals = PrincipalSources.from(configs, options, environment);
        FilterPolicy policy = new FilterPolicy(options.policyLocation(), options.reloadInterval(), clock,
                metrics::policyReload);
        LOG.info("claimgate record filter configured: policy {}, principal from {}", options.policyLocation(),
                principals.describe());
        return new FilterRuntime(options, policy, principals, new ErrorLog(clock::millis), metrics);
    }

    FilterOptions options() {
        return options;
    }

    /** Where this consumer's filter counts. */
    FilterMetrics metrics() {
        return metrics;
    }

    /** The view for the policy and principal in force now; the same instance until either changes. */
    FilterView currentView() {
        PolicySnapshot snapshot = policy.current();
        FilterPrincipal principal = principals.current();
        FilterView known = view;
        if (known != null && known.isFor(snapshot, principal)) {
            return known;
        }
        FilterView fresh = FilterView.of(snapshot, principal, errors, metrics);
        if (known != null) {
            known.publishAllCounts();
        }
        if (fresh.dropAll() == DropReason.NO_PRINCIPAL && (known == null || known.dropAll() != DropReason.NO_PRINCIPAL)) {
            LOG.error("claimgate record filter: the consumer's principal is unknown (no token from {} yet, or an"
                    + " unreadable one); records are held back until it is known", PrincipalSources.CLAIMGATE_LOGIN_HANDLER);
        }
        view = fresh;
        return fresh;
    }

    /** Publishes the counts of the records of {@code topic} judged since the last batch; on the polling thread. */
    void publishCounts(String topic) {
        FilterView current = view;
        if (current != null) {
            current.publishCounts(topic);
        }
    }

    /** The deserializer judged (passed or marked) the record with these headers. */
    void judged(Headers headers) {
        lastJudged.lazySet(headers);
    }

    /**
     * Whether these are the headers of the last record this runtime's deserializer judged: true for
     * some record of every batch of the consumer it belongs to (the consumer deserializes a batch's
     * records just before handing it to the interceptors), false for another consumer's.
     */
    boolean judgedIn(Headers headers) {
        return headers == lastJudged.get();
    }

    /** Check the policy file now instead of waiting for the next interval; for tests. */
    boolean checkPolicyNow() {
        return policy.checkNow();
    }

    @Override
    public void close() {
        policy.close();
    }
}
