package io.claimgate.filter;

import io.claimgate.common.claims.NameRules;
import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.Option;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import io.claimgate.common.config.UnknownOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The record filter's own consumer configs (read by its deserializer and interceptor), read once in {@code configure()}. Each may also come
 * from an environment variable ({@code CLAIMGATE_POLICY_LOCATION}), as every claimgate option; the
 * consumer config wins. A bad value fails the consumer's construction with a message naming it.
 *
 * @param policyLocation    {@value #POLICY_LOCATION}, required. Whether the file can be read is
 *                          NOT checked here: an unreadable or broken file means "hold every
 *                          record back" until it is fixed, not a consumer that fails to start
 * @param reloadInterval    {@value #POLICY_RELOAD_SECONDS} (default 5, as on the broker); zero = never
 * @param principalOverride {@value #PRINCIPAL}: filter as this principal instead of the one in the
 *                          consumer's token; for clients that do not log in with OAuth
 */
final class FilterOptions {
    static final String POLICY_LOCATION = "claimgate.policy.location";
    static final String POLICY_RELOAD_SECONDS = "claimgate.policy.reload.seconds";
    static final String PRINCIPAL = "claimgate.filter.principal";

    private final Path policyLocation;
    private final Duration reloadInterval;
    private final Optional<String> principalOverride;

    FilterOptions(Path policyLocation, Duration reloadInterval, Optional<String> principalOverride) {
        this.policyLocation = policyLocation;
        this.reloadInterval = reloadInterval;
        this.principalOverride = principalOverride;
    }

    Path policyLocation() {
        return policyLocation;
    }

    Duration reloadInterval() {
        return reloadInterval;
    }

    Optional<String> principalOverride() {
        return principalOverride;
    }

    /** Declared in {@link Option}. */
    private static final Set<String> KNOWN = Option.names(Option.Use.RECORD_FILTER);
    private static final Set<String> OWNED_PREFIXES = Set.of("claimgate.filter.", "claimgate.policy.");

    static FilterOptions from(Map<String, ?> configs, Function<String, String> environment) {
        rejectUnknown(configs);
        OptionReader reader = new OptionReader(OptionSource.ofConfigs(configs, environment, "consumer config"));
        Optional<String> location = reader.string(POLICY_LOCATION);
        if (location.isEmpty()) {
            throw new InvalidOptionException(POLICY_LOCATION, "is required: the policy file whose record_filters"
                    + " this consumer applies (the same file the brokers use); set it, or remove "
                    + RecordFilterInterceptor.class.getName() + " from interceptor.classes and "
                    + RecordFilterDeserializer.class.getName() + " from value.deserializer");
        }
        Path path;
        try {
            path = Path.of(location.get());
        } catch (RuntimeException e) {
            throw new InvalidOptionException(POLICY_LOCATION, "expected a file path, got '" + location.get() + "'");
        }
        // 0 = never check the file again
        Duration reload = reader.seconds(Option.POLICY_RELOAD_SECONDS);
        Optional<String> principal = reader.string(PRINCIPAL);
        // The broker's name rules: a name the broker never produces would silently match nothing.
        principal.flatMap(NameRules::violation).ifPresent(violation -> {
            throw new InvalidOptionException(PRINCIPAL, "is not a principal name: it " + violation
                    + " (docs/CONFIGURATION.md, Name rules)");
        });
        return new FilterOptions(path, reload, principal);
    }

    private static void rejectUnknown(Map<String, ?> configs) {
        UnknownOptions.reject(configs, OWNED_PREFIXES, KNOWN, "the record filter knows " + new TreeSet<>(KNOWN));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FilterOptions)) {
            return false;
        }
        FilterOptions other = (FilterOptions) o;
        return policyLocation.equals(other.policyLocation) && reloadInterval.equals(other.reloadInterval)
                && principalOverride.equals(other.principalOverride);
    }

    @Override
    public int hashCode() {
        return Objects.hash(policyLocation, reloadInterval, principalOverride);
    }

    @Override
    public String toString() {
        return "FilterOptions[policyLocation=" + policyLocation + ", reloadInterval=" + reloadInterval
                + ", principalOverride=" + principalOverride + "]";
    }
}
