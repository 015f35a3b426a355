package io.claimgate.filter;

import io.claimgate.policy.NamePatterns;
import io.claimgate.policy.RecordFilter;
import io.claimgate.policy.cel.CelScope;
import io.claimgate.policy.cel.CompiledExpression;
import io.claimgate.policy.cel.ExpressionCompiler;
import io.claimgate.policy.cel.ExpressionException;
import io.claimgate.policy.cel.ResultKind;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code record_filters} entry, ready for records: its topic globs, its {@code skip_when} with
 * missing-header reads made safe ({@link HeaderReads}), and the header keys its result depends on
 * (empty when the expression is dynamic). Built once per policy load, never per record. Immutable.
 */
final class CompiledFilter {
    private static final Logger LOG = LoggerFactory.getLogger(CompiledFilter.class);

    private final String name;
    private final String source;   // as written in the policy file
    private final NamePatterns topics;
    private final CompiledExpression skipWhen;
    private final Optional<List<String>> headerKeys;

    private CompiledFilter(String name, String source, NamePatterns topics, CompiledExpression skipWhen,
                           Optional<List<String>> headerKeys) {
        this.name = name;
        this.source = source;
        this.topics = topics;
        this.skipWhen = skipWhen;
        this.headerKeys = headerKeys;
    }

    static CompiledFilter of(RecordFilter filter) {
        HeaderReads.Analysis analysis = HeaderReads.analyse(filter.skipWhen().source());
        CompiledExpression expression = filter.skipWhen();
        if (analysis.rewritten()) {
            try {
                expression = ExpressionCompiler.compile(analysis.source(), CelScope.RECORD, ResultKind.BOOL);
            } catch (ExpressionException e) {
                // Should not happen (the rewrite only adds 'in' tests and conditionals); if it does,
                // the original still works, with missing headers as evaluation errors (records held back).
                LOG.warn("claimgate record filter '{}' ({}): could not prepare missing-header defaults, so records"
                        + " without a header it reads will be held back: {}", filter.name(), filter.location(), e.getMessage());
                return new CompiledFilter(filter.name(), filter.skipWhen().source(), filter.topics(), filter.skipWhen(),
                        Optional.empty());
            }
        }
        return new CompiledFilter(filter.name(), filter.skipWhen().source(), filter.topics(), expression,
                analysis.headerKeys());
    }

    String name() {
        return name;
    }

    boolean appliesTo(String topic) {
        return topics.matches(topic);
    }

    CompiledExpression skipWhen() {
        return skipWhen;
    }

    /** Sorted header keys the result depends on; empty = dynamic (evaluate every record with all headers). */
    Optional<List<String>> headerKeys() {
        return headerKeys;
    }

    @Override
    public String toString() {
        return "record filter '" + name + "' on " + topics + ": " + source
                + headerKeys.map(k -> " (reads headers " + k + ")").orElse(" (dynamic)");
    }
}
