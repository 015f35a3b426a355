package io.claimgate.common.config;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * How one {@link Option} is declared: where it applies, its type, default, range, secrecy and Kafka
 * fallback. A small fluent builder so that the declarations in {@link Option} stay one line or two
 * (no nine-argument constructors); built once per constant, read-only afterwards.
 */
final class OptionSpec {
    final Option.Type type;
    final Set<Option.Use> uses;
    String defaultValue;
    Long min;
    Long max;
    boolean secret;
    String kafkaFallback;
    /** null: unconditional; TRUE: only with Kafka's jwt-bearer retriever; FALSE: only without it. */
    Boolean fallbackCondition;

    private OptionSpec(Option.Type type, Set<Option.Use> uses) {
        this.type = type;
        this.uses = uses;
    }

    static OptionSpec of(Option.Type type, Option.Use first, Option.Use... rest) {
        return new OptionSpec(type, Collections.unmodifiableSet(EnumSet.of(first, rest)));
    }

    OptionSpec defaultValue(String value) {
        this.defaultValue = value;
        return this;
    }

    OptionSpec range(long min, long max) {
        this.min = min;
        this.max = max;
        return this;
    }

    OptionSpec secret() {
        this.secret = true;
        return this;
    }

    OptionSpec kafka(String config) {
        this.kafkaFallback = config;
        return this;
    }

    OptionSpec kafkaWithJwtBearerRetriever(String config) {
        this.kafkaFallback = config;
        this.fallbackCondition = Boolean.TRUE;
        return this;
    }

    OptionSpec kafkaWithDefaultRetriever(String config) {
        this.kafkaFallback = config;
        this.fallbackCondition = Boolean.FALSE;
        return this;
    }
}
