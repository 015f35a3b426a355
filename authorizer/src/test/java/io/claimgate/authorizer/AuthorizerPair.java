package io.claimgate.authorizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.metadata.authorizer.StandardAcl;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.apache.kafka.server.authorizer.Authorizer;

/**
 * A {@link ClaimAuthorizer} without a policy file beside a plain Kafka {@link StandardAuthorizer},
 * configured with the same properties and fed the same ACLs through the metadata hooks a KRaft node
 * calls ({@code configure}, {@code loadSnapshot}, {@code addAcl}, {@code removeAcl},
 * {@code completeInitialLoad}). Both are Kafka's real classes; nothing is mocked.
 */
final class AuthorizerPair implements AutoCloseable {
    private final ClaimAuthorizer claimgate = new ClaimAuthorizer();
    private final StandardAuthorizer kafka = new StandardAuthorizer();
    private final Metrics metrics = new Metrics();
    private final Map<String, ?> configs;
    /** What both hold. */
    private final Map<Uuid, StandardAcl> acls = new LinkedHashMap<>();
    private boolean ready;

    AuthorizerPair(Map<String, ?> configs) {
        this.configs = configs;
        claimgate.configure(configs);
        kafka.configure(configs);
        // Kafka 4.1+ nodes call it, and StandardAuthorizer.authorize needs the meters it registers.
        // Not on claimgate's: its bridge listens to the JVM-wide meter registry for good (Micrometer
        // cannot detach it), hundreds of worlds would pile listeners up, and no decision depends on
        // it (TestBroker covers it).
        kafka.withPluginMetrics(new PluginMetricsImpl(metrics, Map.of()));
    }

    /** A pair that has loaded {@code acls} as its initial snapshot and is ready. */
    static AuthorizerPair loaded(Map<String, ?> configs, List<StandardAcl> acls) {
        AuthorizerPair pair = new AuthorizerPair(configs);
        pair.loadSnapshot(RandomAcls.withIds(acls));
        pair.completeInitialLoad();
        return pair;
    }

    void loadSnapshot(Map<Uuid, StandardAcl> snapshot) {
        claimgate.loadSnapshot(snapshot);
        kafka.loadSnapshot(snapshot);
        acls.clear();
        acls.putAll(snapshot);
    }

    void addAcl(Uuid id, StandardAcl acl) {
        claimgate.addAcl(id, acl);
        kafka.addAcl(id, acl);
        acls.put(id, acl);
    }

    void removeAcl(Uuid id) {
        claimgate.removeAcl(id);
        kafka.removeAcl(id);
        acls.remove(id);
    }

    void completeInitialLoad() {
        claimgate.completeInitialLoad();
        kafka.completeInitialLoad();
        ready = true;
    }

    /** The ACLs both hold, by id (a read-only view). */
    Map<Uuid, StandardAcl> acls() {
        return Collections.unmodifiableMap(acls);
    }

    /** What each authorizer answers to {@code probe}: its result, or the exception it threw. */
    Answers ask(Function<Authorizer, Object> probe) {
        return new Answers(answer(claimgate, probe), answer(kafka, probe));
    }

    /**
     * Like {@link #ask}, with Kafka's answer corrected for its wildcard bug: StandardAuthorizer
     * (4.3.1 and earlier KRaft releases) skips the LITERAL {@code *} ACLs, allow and deny alike, for
     * a resource name that starts with {@code *} and is longer ("{@code *x}"), taking {@code *} for a
     * literal ACL on a prefix of the name. Kafka documents {@code *} as matching every resource, and
     * claimgate applies it so (a wildcard DENY must not be escaped by naming a group {@code *x}).
     * The reference answer comes from a StandardAuthorizer that holds the same ACLs plus, for each
     * wildcard ACL, a LITERAL copy on each of {@code names}: what "{@code *} matches every name" means.
     */
    Answers askWithWildcardsOn(Collection<String> names, Function<Authorizer, Object> probe) {
        Map<Uuid, StandardAcl> spelledOut = new LinkedHashMap<>(acls);
        Set<StandardAcl> present = new HashSet<>(acls.values());
        for (StandardAcl acl : acls.values()) {
            if (acl.patternType() == PatternType.LITERAL && ResourcePattern.WILDCARD_RESOURCE.equals(acl.resourceName())) {
                for (String name : names) {
                    StandardAcl copy = new StandardAcl(acl.resourceType(), name, PatternType.LITERAL, acl.principal(),
                            acl.host(), acl.operation(), acl.permissionType());
                    if (present.add(copy)) {
                        spelledOut.put(Uuid.randomUuid(), copy);
                    }
                }
            }
        }
        StandardAuthorizer reference = new StandardAuthorizer();
        try (Metrics referenceMetrics = new Metrics()) {
            reference.configure(configs);
            reference.withPluginMetrics(new PluginMetricsImpl(referenceMetrics, Map.of()));
            reference.loadSnapshot(spelledOut);
            if (ready) {
                reference.completeInitialLoad();
            }
            return new Answers(answer(claimgate, probe), answer(reference, probe));
        } finally {
            close(reference);
        }
    }

    private static String answer(Authorizer authorizer, Function<Authorizer, Object> probe) {
        try {
            return String.valueOf(probe.apply(authorizer));
        } catch (RuntimeException e) {
            return "threw " + e.getClass().getSimpleName();
        }
    }

    record Answers(String claimgate, String kafka) {
        boolean differ() {
            return !claimgate.equals(kafka);
        }
    }

    @Override
    public void close() {
        close(claimgate);
        close(kafka);
        metrics.close();
    }

    private static void close(Authorizer authorizer) {
        try {
            authorizer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
