package io.claimgate.authorizer.policy;

import io.claimgate.common.cel.CompiledExpression;

/**
 * A consumer-side filter (used by the record-filter interceptor): on topics matching
 * {@code topics}, records for which {@code skipWhen} is true are not handed to the application.
 * {@code skipWhen} may read the principal variables and {@code record.topic} / {@code record.headers}.
 */
public record RecordFilter(String name, NamePatterns topics, CompiledExpression skipWhen, String location) {
}
