package io.claimgate.filter;

import io.claimgate.policy.PolicyFile;
import io.claimgate.policy.RecordFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * The record filters in force: those of the last good policy file, or "unavailable" when no file
 * could be loaded yet (then nothing can be judged and every record is held back). Immutable; a
 * reload swaps in a new instance.
 */
final class PolicySnapshot {
    private final String source;
    private final List<CompiledFilter> filters;
    private final boolean available;

    private PolicySnapshot(String source, List<CompiledFilter> filters, boolean available) {
        this.source = source;
        this.filters = List.copyOf(filters);
        this.available = available;
    }

    static PolicySnapshot of(PolicyFile file) {
        List<CompiledFilter> compiled = new ArrayList<>(file.recordFilters().size());
        for (RecordFilter filter : file.recordFilters()) {
            compiled.add(CompiledFilter.of(filter));
        }
        return new PolicySnapshot(file.source(), compiled, true);
    }

    static PolicySnapshot unavailable(String source) {
        return new PolicySnapshot(source, List.of(), false);
    }

    boolean available() {
        return available;
    }

    List<CompiledFilter> filters() {
        return filters;
    }

    String source() {
        return source;
    }
}
