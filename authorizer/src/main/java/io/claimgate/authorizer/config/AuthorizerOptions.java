package io.claimgate.authorizer.config;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.Option;
import io.claimgate.common.config.UnknownOptions;
import io.claimgate.common.config.OptionSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything {@code ClaimAuthorizer} reads from the broker (or controller) configuration, read in
 * this one place, once, in {@code configure()}. A bad value fails start-up with a message naming
 * the option (an {@link InvalidOptionException}, which Kafka reports like its own config errors).
 *
 * <p>Each claimgate option may also come from an environment variable ({@code CLAIMGATE_AUTHORIZER_MODE}
 * for {@code claimgate.authorizer.mode}), like every claimgate option; the broker property wins.
 *
 * @param policyLocation        {@value #POLICY_LOCATION}; empty means ACLs only
 * @param mode                  {@value #MODE}
 * @param groupPrincipalType    {@value #GROUP_PRINCIPAL_TYPE}: ACLs for {@code <type>:<group>} apply to members
 * @param reloadInterval        {@value #POLICY_RELOAD_SECONDS}; zero disables hot reload
 * @param cacheMaxEntries       {@value #CACHE_MAX_ENTRIES}; zero disables the decision cache
 * @param superUsers            Kafka's {@value #SUPER_USERS}
 * @param allowEveryoneIfNoAcl  Kafka's {@value #ALLOW_EVERYONE_IF_NO_ACL_FOUND}
 * @param metricsMaxTopics      {@value #METRICS_MAX_TOPICS}: distinct topic tags before the overflow tag
 */
public record AuthorizerOptions(Optional<Path> policyLocation, AuthorizerMode mode, String groupPrincipalType,
                                Duration reloadInterval, long cacheMaxEntries, SuperUsers superUsers,
                                boolean allowEveryoneIfNoAcl, int metricsMaxTopics) {

    public static final String POLICY_LOCATION = "claimgate.policy.location";
    public static final String MODE = "claimgate.authorizer.mode";
    public static final String GROUP_PRINCIPAL_TYPE = "claimgate.group.principal.type";
    /** claimgate's own: how often the policy file is checked for changes. */
    public static final String POLICY_RELOAD_SECONDS = "claimgate.policy.reload.seconds";
    /** claimgate's own: bound of the decision cache. */
    public static final String CACHE_MAX_ENTRIES = "claimgate.authorizer.cache.max.entries";
    /** claimgate's own: bound on distinct {@code topic} tag values of the per-topic meters. */
    public static final String METRICS_MAX_TOPICS = "claimgate.authorizer.metrics.max.topics";
    public static final String SUPER_USERS = "super.users";
    public static final String ALLOW_EVERYONE_IF_NO_ACL_FOUND = "allow.everyone.if.no.acl.found";

    public static final String DEFAULT_GROUP_PRINCIPAL_TYPE = "Group";
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(5);
    public static final long DEFAULT_CACHE_MAX_ENTRIES = 100_000;
    public static final int DEFAULT_METRICS_MAX_TOPICS = 1000;

    /** Options under these prefixes belong to the authorizer; an unknown one is a typo. */
    private static final Set<String> OWNED_PREFIXES = Set.of("claimgate.authorizer.", "claimgate.policy.");
    /** Declared in {@link Option}; {@value #GROUP_PRINCIPAL_TYPE} is not under an owned prefix. */
    private static final Set<String> KNOWN = Option.names(Option.Use.AUTHORIZER).stream()
            .filter(name -> OWNED_PREFIXES.stream().anyMatch(name::startsWith)).collect(Collectors.toUnmodifiableSet());

    public static AuthorizerOptions from(Map<String, ?> configs) {
        return from(configs, System::getenv);
    }

    public static AuthorizerOptions from(Map<String, ?> configs, Function<String, String> environment) {
        Reader reader = new Reader(configs, environment);
        rejectUnknown(configs);
        Optional<Path> policy = reader.find(POLICY_LOCATION).map(found -> {
            Path path = Path.of(found);
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new InvalidOptionException(POLICY_LOCATION, "the policy file '" + path
                        + "' does not exist or cannot be read; fix the path, or remove the option to use Kafka ACLs only");
            }
            return path;
        });
        AuthorizerMode mode = reader.find(MODE).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "enforce" -> AuthorizerMode.ENFORCE;
            case "audit" -> AuthorizerMode.AUDIT;
            default -> throw new InvalidOptionException(MODE, "expected 'enforce' or 'audit', got '" + value + "'");
        }).orElse(AuthorizerMode.ENFORCE);
        String groupType = reader.find(GROUP_PRINCIPAL_TYPE).orElse(DEFAULT_GROUP_PRINCIPAL_TYPE);
        if (groupType.contains(":") || groupType.equals("User")) {
            throw new InvalidOptionException(GROUP_PRINCIPAL_TYPE, "expected a principal type other than 'User'"
                    + " and without ':', such as 'Group'; got '" + groupType + "'");
        }
        Duration reload = Duration.ofSeconds(reader.longValue(POLICY_RELOAD_SECONDS,
                DEFAULT_RELOAD_INTERVAL.toSeconds(), 0, 86_400));
        long cacheMax = reader.longValue(CACHE_MAX_ENTRIES, DEFAULT_CACHE_MAX_ENTRIES, 0, 10_000_000);
        // Each topic tag is up to 2 x (operations used) series; 100000 topics is already more than a
        // Prometheus server wants from one broker.
        int maxTopics = (int) reader.longValue(METRICS_MAX_TOPICS, DEFAULT_METRICS_MAX_TOPICS, 0, 100_000);
        SuperUsers superUsers;
        try {
            superUsers = SuperUsers.parse(configs.get(SUPER_USERS));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(SUPER_USERS, "expected principals 'Type:name' separated by ';': " + e.getMessage());
        }
        // Same parsing as Kafka's StandardAuthorizer: anything but "true" is false.
        Object allowEveryone = configs.get(ALLOW_EVERYONE_IF_NO_ACL_FOUND);
        boolean allow = allowEveryone != null && Boolean.parseBoolean(allowEveryone.toString().trim());
        return new AuthorizerOptions(policy, mode, groupType, reload, cacheMax, superUsers, allow, maxTopics);
    }

    private static void rejectUnknown(Map<String, ?> configs) {
        UnknownOptions.reject(configs, OWNED_PREFIXES, KNOWN,
                "the authorizer knows " + new TreeSet<>(KNOWN) + " and " + GROUP_PRINCIPAL_TYPE);
    }

    /** Broker property first, then the environment variable; blank counts as absent. */
    private record Reader(Map<String, ?> configs, Function<String, String> environment) {
        Optional<String> find(String option) {
            Object value = configs.get(option);
            if (value != null && !value.toString().isBlank()) {
                return Optional.of(value.toString().trim());
            }
            String fromEnv = environment.apply(OptionSource.environmentVariable(option));
            return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(fromEnv.trim());
        }

        long longValue(String option, long defaultValue, long min, long max) {
            return find(option).map(value -> {
                try {
                    long n = Long.parseLong(value);
                    if (n >= min && n <= max) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new InvalidOptionException(option, "expected an integer between " + min + " and " + max
                        + ", got '" + value + "'");
            }).orElse(defaultValue);
        }
    }
}
