package io.claimgate.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The filters in force as they apply to one principal: made when the policy or the principal
 * changes, reused for every batch until then. Which filters apply to a topic is decided once per
 * topic. When nothing can be judged ({@link #dropAll()}), no record is delivered: the deserializer holds them back. Thread-safe.
 */
final class FilterView {
    private static final FilterDecider.TopicDecider[] NONE = new FilterDecider.TopicDecider[0];

    private final PolicySnapshot policy;
    private final FilterPrincipal principal;
    private final DropReason dropAll;
    private final List<FilterDecider> deciders;
    private final FilterMetrics metrics;
    private final Map<String, FilterDecider.TopicDecider[]> byTopic = new ConcurrentHashMap<>();
    /** The last topic looked up: a partition's records come one after another with the same String. */
    private TopicEntry last;   // racy by design: an entry is immutable, any one read is consistent

    private static final class TopicEntry {
        private final String topic;
        private final FilterDecider.TopicDecider[] deciders;

        TopicEntry(String topic, FilterDecider.TopicDecider[] deciders) {
            this.topic = topic;
            this.deciders = deciders;
        }

        String topic() {
            return topic;
        }

        FilterDecider.TopicDecider[] deciders() {
            return deciders;
        }
    }

    private FilterView(PolicySnapshot policy, FilterPrincipal principal, DropReason dropAll, List<FilterDecider> deciders,
                       FilterMetrics metrics) {
        this.policy = policy;
        this.principal = principal;
        this.dropAll = dropAll;
        this.deciders = deciders;
        this.metrics = metrics;
    }

    static FilterView of(PolicySnapshot policy, FilterPrincipal principal, ErrorLog errors, FilterMetrics metrics) {
        if (!policy.available()) {
            return new FilterView(policy, principal, DropReason.POLICY_UNAVAILABLE, List.of(), metrics);
        }
        if (policy.filters().isEmpty()) {
            // No filters: nothing to judge, so no principal is needed either.
            return new FilterView(policy, principal, null, List.of(), metrics);
        }
        if (principal == null) {
            return new FilterView(policy, null, DropReason.NO_PRINCIPAL, List.of(), metrics);
        }
        List<FilterDecider> deciders = new ArrayList<>(policy.filters().size());
        for (CompiledFilter filter : policy.filters()) {
            deciders.add(new FilterDecider(filter, principal, errors, metrics));
        }
        return new FilterView(policy, principal, null, List.copyOf(deciders), metrics);
    }

    boolean isFor(PolicySnapshot policy, FilterPrincipal principal) {
        return this.policy == policy && this.principal == principal;
    }

    /** Why no record can be judged, or null when records are judged. */
    DropReason dropAll() {
        return dropAll;
    }

    boolean passesEverything() {
        return dropAll == null && deciders.isEmpty();
    }

    /** Where the records judged with this view are counted. */
    FilterMetrics metrics() {
        return metrics;
    }

    FilterPrincipal principal() {
        return principal;
    }

    /** The filters that apply to {@code topic}, in file order; empty if none. */
    FilterDecider.TopicDecider[] forTopic(String topic) {
        TopicEntry recent = last;
        if (recent != null && recent.topic() == topic) {
            return recent.deciders();
        }
        FilterDecider.TopicDecider[] known = byTopic.get(topic);
        if (known != null) {
            last = new TopicEntry(topic, known);
            return known;
        }
        List<FilterDecider.TopicDecider> applicable = new ArrayList<>();
        for (FilterDecider decider : deciders) {
            if (decider.filter().appliesTo(topic)) {
                applicable.add(decider.forTopic(topic));
            }
        }
        FilterDecider.TopicDecider[] result = applicable.isEmpty() ? NONE : applicable.toArray(NONE);
        if (byTopic.size() >= FilterDecider.MAX_TOPICS) {
            byTopic.clear();
        }
        byTopic.put(topic, result);
        last = new TopicEntry(topic, result);
        return result;
    }

    /** Publishes the counts of the filters that apply to {@code topic}; on the polling thread. */
    void publishCounts(String topic) {
        if (!deciders.isEmpty()) {
            for (FilterDecider.TopicDecider decider : forTopic(topic)) {
                decider.publishCounts();
            }
        }
    }

    /** Publishes every count; when this view is replaced. */
    void publishAllCounts() {
        deciders.forEach(FilterDecider::publishAllCounts);
    }
}
