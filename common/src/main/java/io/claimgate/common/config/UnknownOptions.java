package io.claimgate.common.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses Kafka configs under a prefix claimgate owns that claimgate does not know: a misspelt
 * option must fail start-up, not be silently ignored. For the plugins configured by Kafka configs
 * (authorizer, record filter, REST extension); JAAS options have {@link OptionReader#rejectUnknownOptions}.
 */
public final class UnknownOptions {
    private UnknownOptions() {
    }

    /**
     * @param ownedPrefixes prefixes whose every name must be known
     * @param known         the names that are
     * @param whatIsKnown   the end of the message, e.g. "the record filter knows [a, b]"
     * @throws InvalidOptionException naming the first unknown option in alphabetical order
     */
    public static void reject(Map<String, ?> configs, Set<String> ownedPrefixes, Set<String> known, String whatIsKnown) {
        for (String name : new TreeSet<>(configs.keySet())) {
            if (ownedPrefixes.stream().anyMatch(name::startsWith) && !known.contains(name)) {
                throw new InvalidOptionException(name, "unknown option; " + whatIsKnown);
            }
        }
    }
}
