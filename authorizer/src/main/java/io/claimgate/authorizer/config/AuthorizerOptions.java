package io.claimgate.authorizer.config;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.Option;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import io.claimgate.common.config.UnknownOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    /** As {@link Option#AUTHORIZER_METRICS_MAX_TOPICS} declares it (the meters start with it, before configure). */
    public static final int DEFAULT_METRICS_MAX_TOPICS =
            Math.toIntExact(Option.AUTHORIZER_METRICS_MAX_TOPICS.defaultNumber());

    /** Options under these prefixes belong to the authorizer; an unknown one is a typo. */
    private static final Set<String> OWNED_PREFIXES = Set.of("claimgate.authorizer.", "claimgate.policy.");
    /** Declared in {@link Option}; {@value #GROUP_PRINCIPAL_TYPE} is not under an owned prefix. */
    private static final Set<String> KNOWN = Option.names(Option.Use.AUTHORIZER).stream()
            .filter(name -> OWNED_PREFIXES.stream().anyMatch(name::startsWith)).collect(Collectors.toUnmodifiableSet());

    public static AuthorizerOptions from(Map<String, ?> configs) {
        return from(configs, System::getenv);
    }

    public static AuthorizerOptions from(Map<String, ?> configs, Function<String, String> environment) {
        OptionReader reader = new OptionReader(OptionSource.ofConfigs(configs, environment, "broker property"));
        rejectUnknown(configs);
        Optional<Path> policy = reader.string(POLICY_LOCATION).map(found -> {
            Path path = Path.of(found);
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new InvalidOptionException(POLICY_LOCATION, "the policy file '" + path
                        + "' does not exist or cannot be read; fix the path, or remove the option to use Kafka ACLs only");
            }
            return path;
        });
        AuthorizerMode mode = reader.choice(Option.AUTHORIZER_MODE,
                Map.of("enforce", AuthorizerMode.ENFORCE, "audit", AuthorizerMode.AUDIT));
        String groupType = reader.string(GROUP_PRINCIPAL_TYPE, Option.GROUP_PRINCIPAL_TYPE.defaultValue().orElseThrow());
        if (groupType.contains(":") || groupType.equals("User")) {
            throw new InvalidOptionException(GROUP_PRINCIPAL_TYPE, "expected a principal type other than 'User'"
                    + " and without ':', such as 'Group'; got '" + groupType + "'");
        }
        Duration reload = reader.seconds(Option.POLICY_RELOAD_SECONDS);
        long cacheMax = reader.integer(Option.AUTHORIZER_CACHE_MAX_ENTRIES);
        int maxTopics = reader.integer(Option.AUTHORIZER_METRICS_MAX_TOPICS);
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
}
