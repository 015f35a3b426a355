package io.claimgate.benchmarks;

import io.claimgate.authorizer.ClaimAuthorizer;
import io.claimgate.policy.OAuthKafkaPrincipal;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.ClusterResource;
import org.apache.kafka.common.Endpoint;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.metadata.authorizer.StandardAcl;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.apache.kafka.server.authorizer.AuthorizerServerInfo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * {@code authorize()} with N rules (issue 3): Kafka's {@link StandardAuthorizer} holding N ACLs
 * against claimgate's {@link ClaimAuthorizer} (which extends it) holding the same rights, cold and
 * cached:
 * <ul>
 *   <li>{@code standardAuthorizer}: the baseline, N Kafka ACLs (Kafka caches no decisions);</li>
 *   <li>{@code claimAuthorizerAcls*}: ClaimAuthorizer with the same N Kafka ACLs and no policy file;</li>
 *   <li>{@code claimAuthorizerPolicies*}: ClaimAuthorizer with no ACLs and a policy file of N rules
 *       granting and denying exactly what the ACLs do (one policy per user, {@code when:
 *       principal.name == 'client-k'}, one rule per ACL; a PREFIXED ACL becomes the glob
 *       {@code team-<i>-*});</li>
 *   <li>{@code *Cold}: decision cache off ({@code claimgate.authorizer.cache.max.entries=0}), every
 *       call decided afresh; {@code *Cached}: the default cache, which holds the whole rotation of
 *       requests after the first pass, so every measured call is a hit.</li>
 * </ul>
 * Issue 3's targets: no slower than StandardAuthorizer uncached; cached at least 5x faster.
 *
 * <p>Workload, identical for every authorizer: N ACLs ({@link #aclCount}) for 100 users
 * {@code User:client-0..99}: 90% LITERAL topic ACLs ({@code topic-<i>}, READ, WRITE or DESCRIBE
 * in turn), 10% PREFIXED topic ACLs ({@code team-<i>-}, ALL), one in twenty a DENY. Each
 * invocation authorizes one action (as the broker does per topic of a request) from a pre-built
 * rotation of {@value #REQUESTS} requests: half by the ACL's user (allowed, or denied by a DENY
 * ACL, including DESCRIBE implied by READ/WRITE), half by another user (denied: no ACL). Principals
 * are {@link OAuthKafkaPrincipal}s with a few claims, as claimgate's principal builder makes them.
 * The set-up fails unless every authorizer gives StandardAuthorizer's decision for every request.
 *
 * <p>This class measures throughput (ops/s); {@link AuthorizerBenchmarkLatency} samples latency.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class AuthorizerBenchmark {
    static final int USERS = 100;
    static final int REQUESTS = 4096;
    private static final AclOperation[] LITERAL_OPERATIONS = {AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE};

    @Param({"100", "1000", "10000"})
    public int aclCount;

    private StandardAuthorizer authorizer;
    private Request[] requests;
    private Path policyFile;

    /** One authorization as the broker asks for it: a request context and a single action. */
    record Request(AuthorizableRequestContext context, List<Action> actions) {
    }

    /** The broker's request context, reduced to what authorizers read. */
    record Context(KafkaPrincipal principal, String listenerName, InetAddress clientAddress)
            implements AuthorizableRequestContext {
        @Override
        public SecurityProtocol securityProtocol() {
            return SecurityProtocol.SASL_PLAINTEXT;
        }

        @Override
        public int requestType() {
            return 0;   // PRODUCE / FETCH do not matter to the decision
        }

        @Override
        public int requestVersion() {
            return 0;
        }

        @Override
        public String clientId() {
            return "bench";
        }

        @Override
        public int correlationId() {
            return 0;
        }
    }

    /** Where one benchmark thread is in the rotation of requests. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        String benchmark = params.getBenchmark();
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        Map<Uuid, StandardAcl> acls = acls(aclCount);
        requests = requests(aclCount, new SplittableRandom(42));
        StandardAuthorizer reference = standardAuthorizer(acls);
        AuthorizationResult[] expected = decisions(reference);
        authorizer = switch (method) {
            case "standardAuthorizer" -> reference;
            case "claimAuthorizerAclsCold" -> claimAuthorizer(acls, null, false);
            case "claimAuthorizerAclsCached" -> claimAuthorizer(acls, null, true);
            case "claimAuthorizerPoliciesCold" -> claimAuthorizer(Map.of(), policyFile = policyFile(acls), false);
            case "claimAuthorizerPoliciesCached" -> claimAuthorizer(Map.of(), policyFile = policyFile(acls), true);
            default -> throw new IllegalStateException("no set-up for benchmark method " + method);
        };
        if (authorizer != reference) {
            reference.close();
            requireSameDecisions(method, expected, decisions(authorizer));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        authorizer.close();
        if (policyFile != null) {
            Files.deleteIfExists(policyFile);
        }
    }

    /** Kafka's authorizer, set up as StandardAuthorizerTest and a KRaft broker do. */
    static StandardAuthorizer standardAuthorizer(Map<Uuid, StandardAcl> acls) {
        StandardAuthorizer authorizer = new StandardAuthorizer();
        authorizer.configure(Map.of(StandardAuthorizer.SUPER_USERS_CONFIG, "User:admin"));
        authorizer.withPluginMetrics(new PluginMetricsImpl(new Metrics(), Map.of()));   // required since 4.1
        authorizer.start(new ServerInfo());
        authorizer.loadSnapshot(acls);
        authorizer.completeInitialLoad();
        return authorizer;
    }

    /**
     * claimgate's authorizer, set up exactly like {@link #standardAuthorizer}; no policy reload
     * thread; {@code cached=false} turns its decision cache off.
     */
    static StandardAuthorizer claimAuthorizer(Map<Uuid, StandardAcl> acls, Path policies, boolean cached) {
        Map<String, Object> configs = new HashMap<>();
        configs.put(StandardAuthorizer.SUPER_USERS_CONFIG, "User:admin");
        configs.put("claimgate.policy.reload.seconds", "0");
        if (!cached) {
            configs.put("claimgate.authorizer.cache.max.entries", "0");
        }
        if (policies != null) {
            configs.put("claimgate.policy.location", policies.toString());
        }
        ClaimAuthorizer authorizer = new ClaimAuthorizer();
        authorizer.configure(configs);
        authorizer.withPluginMetrics(new PluginMetricsImpl(new Metrics(), Map.of()));
        authorizer.start(new ServerInfo());
        authorizer.loadSnapshot(acls);
        authorizer.completeInitialLoad();
        return authorizer;
    }

    /** The ACLs as a claimgate policy file: one policy per user, one rule per ACL. */
    static Path policyFile(Map<Uuid, StandardAcl> acls) throws IOException {
        Map<String, List<String>> rulesByUser = new LinkedHashMap<>();
        acls.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue)
                .forEach(acl -> rulesByUser.computeIfAbsent(acl.principal().substring("User:".length()),
                        user -> new ArrayList<>()).add(String.format(
                        "      - {action: %s, resource: topic, names: [\"%s\"], operations: [%s]}",
                        acl.permissionType() == AclPermissionType.DENY ? "deny" : "allow",
                        acl.patternType() == PatternType.PREFIXED ? acl.resourceName() + "*" : acl.resourceName(),
                        acl.operation().name().toLowerCase(java.util.Locale.ROOT))));
        StringBuilder yaml = new StringBuilder("# generated by claimgate's AuthorizerBenchmark: the ACLs as policies\npolicies:\n");
        rulesByUser.forEach((user, rules) -> {
            yaml.append("  - name: ").append(user).append('\n');
            yaml.append("    when: principal.name == '").append(user).append("'\n");
            yaml.append("    rules:\n");
            rules.forEach(rule -> yaml.append(rule).append('\n'));
        });
        Path file = Files.createTempFile("claimgate-bench-policy-", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    static Map<Uuid, StandardAcl> acls(int count) {
        Map<Uuid, StandardAcl> acls = new HashMap<>();
        for (int i = 0; i < count; i++) {
            boolean prefixed = i % 10 == 9;
            acls.put(new Uuid(0x5eed, i), new StandardAcl(
                    ResourceType.TOPIC,
                    prefixed ? "team-" + i + "-" : "topic-" + i,
                    prefixed ? PatternType.PREFIXED : PatternType.LITERAL,
                    "User:client-" + i % USERS,
                    "*",
                    prefixed ? AclOperation.ALL : LITERAL_OPERATIONS[i % 3],
                    i % 20 == 7 ? AclPermissionType.DENY : AclPermissionType.ALLOW));
        }
        return acls;
    }

    static Request[] requests(int aclCount, SplittableRandom random) throws Exception {
        InetAddress address = InetAddress.getByName("10.1.2.3");
        List<Request> list = new ArrayList<>(REQUESTS);
        for (int r = 0; r < REQUESTS; r++) {
            int i = random.nextInt(aclCount);
            boolean prefixed = i % 10 == 9;
            boolean owner = r % 2 == 0;
            String resource = prefixed ? "team-" + i + "-orders" : "topic-" + i;
            AclOperation operation = prefixed ? AclOperation.WRITE
                    : r % 4 == 0 ? AclOperation.DESCRIBE      // implied by READ and WRITE
                    : LITERAL_OPERATIONS[i % 3];
            KafkaPrincipal principal = principal(owner ? i % USERS : (i + 1) % USERS);
            Action action = new Action(operation, new ResourcePattern(ResourceType.TOPIC, resource, PatternType.LITERAL),
                    1, true, true);
            list.add(new Request(new Context(principal, "SASL_PLAINTEXT", address), List.of(action)));
        }
        return list.toArray(Request[]::new);
    }

    /** As claimgate's principal builder makes it; to StandardAuthorizer just {@code User:client-<n>}. */
    static KafkaPrincipal principal(int user) {
        String name = "client-" + user;
        List<String> groups = List.of("team-" + user % 7, "all");
        return new OAuthKafkaPrincipal(KafkaPrincipal.USER_TYPE, name, groups, Set.of("openid", "kafka"),
                Map.of("sub", name, "client_id", name, "groups", groups, "scope", "openid kafka"));
    }

    /** Every request's decision; the workload must mix allowed and denied ones. */
    private AuthorizationResult[] decisions(StandardAuthorizer authorizer) {
        AuthorizationResult[] results = new AuthorizationResult[requests.length];
        int allowed = 0;
        for (int i = 0; i < requests.length; i++) {
            results[i] = authorizer.authorize(requests[i].context(), requests[i].actions()).get(0);
            if (results[i] == AuthorizationResult.ALLOWED) {
                allowed++;
            }
        }
        if (allowed == 0 || allowed == requests.length) {
            throw new IllegalStateException("workload is degenerate: " + allowed + " of " + requests.length + " allowed");
        }
        return results;
    }

    /** Equivalent rules must give equal decisions, or the comparison is meaningless. */
    private void requireSameDecisions(String method, AuthorizationResult[] expected, AuthorizationResult[] actual) {
        int differ = 0;
        String first = null;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                differ++;
                if (first == null) {
                    Request request = requests[i];
                    Action action = request.actions().get(0);
                    first = request.context().principal() + " " + action.operation() + " "
                            + action.resourcePattern().name() + ": StandardAuthorizer " + expected[i] + ", " + method
                            + " " + actual[i];
                }
            }
        }
        if (differ > 0) {
            throw new IllegalStateException("benchmark set-up check failed: " + method + " decides " + differ + " of "
                    + expected.length + " requests differently from StandardAuthorizer, e.g. " + first);
        }
    }

    private Request next(Cursor cursor) {
        Request[] r = requests;
        int i = cursor.next;
        if (i >= r.length) {
            i = 0;
        }
        cursor.next = i + 1;
        return r[i];
    }

    private AuthorizationResult authorize(Cursor cursor) {
        Request request = next(cursor);
        return authorizer.authorize(request.context(), request.actions()).get(0);
    }

    @Benchmark
    public AuthorizationResult standardAuthorizer(Cursor cursor) {
        return authorize(cursor);
    }

    @Benchmark
    public AuthorizationResult claimAuthorizerAclsCold(Cursor cursor) {
        return authorize(cursor);
    }

    @Benchmark
    public AuthorizationResult claimAuthorizerAclsCached(Cursor cursor) {
        return authorize(cursor);
    }

    @Benchmark
    public AuthorizationResult claimAuthorizerPoliciesCold(Cursor cursor) {
        return authorize(cursor);
    }

    @Benchmark
    public AuthorizationResult claimAuthorizerPoliciesCached(Cursor cursor) {
        return authorize(cursor);
    }

    /** A single broker listener; its start future completes with completeInitialLoad(). */
    static final class ServerInfo implements AuthorizerServerInfo {
        private final Endpoint endpoint = new Endpoint("SASL_PLAINTEXT", SecurityProtocol.SASL_PLAINTEXT, "127.0.0.1", 9092);

        @Override
        public ClusterResource clusterResource() {
            return new ClusterResource("bench-cluster");
        }

        @Override
        public int brokerId() {
            return 0;
        }

        @Override
        public Collection<Endpoint> endpoints() {
            return List.of(endpoint);
        }

        @Override
        public Endpoint interBrokerEndpoint() {
            return endpoint;
        }

        @Override
        public Collection<String> earlyStartListeners() {
            return List.of();
        }
    }
}
