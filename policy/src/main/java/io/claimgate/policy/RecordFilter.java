package io.claimgate.policy;

import io.claimgate.policy.cel.CompiledExpression;
import java.util.Objects;

/**
 * A consumer-side filter (used by the record-filter interceptor): on topics matching
 * {@code topics}, records for which {@code skipWhen} is true are not handed to the application.
 * {@code skipWhen} may read the principal variables and {@code record.topic} / {@code record.headers}.
 */
public final class RecordFilter {
    private final String name;
    private final NamePatterns topics;
    private final CompiledExpression skipWhen;
    private final String location;

    public RecordFilter(String name, NamePatterns topics, CompiledExpression skipWhen, String location) {
        this.name = name;
        this.topics = topics;
        this.skipWhen = skipWhen;
        this.location = location;
    }

    public String name() {
        return name;
    }

    public NamePatterns topics() {
        return topics;
    }

    public CompiledExpression skipWhen() {
        return skipWhen;
    }

    public String location() {
        return location;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RecordFilter)) {
            return false;
        }
        RecordFilter other = (RecordFilter) o;
        return Objects.equals(name, other.name) && Objects.equals(topics, other.topics)
                && Objects.equals(skipWhen, other.skipWhen) && Objects.equals(location, other.location);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, topics, skipWhen, location);
    }

    @Override
    public String toString() {
        return "RecordFilter[name=" + name + ", topics=" + topics + ", skipWhen=" + skipWhen + ", location=" + location + "]";
    }
}
