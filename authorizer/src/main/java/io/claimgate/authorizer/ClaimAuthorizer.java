package io.claimgate.authorizer;

import io.claimgate.authorizer.acl.AclEntry;
import io.claimgate.authorizer.acl.AclStore;
import io.claimgate.authorizer.config.AuthorizerOptions;
import io.claimgate.authorizer.decision.AuthorizerCore;
import io.claimgate.authorizer.decision.Decision;
import io.claimgate.authorizer.kafka.StandardAcls;
import io.claimgate.authorizer.metrics.AuthorizerMetrics;
import io.claimgate.authorizer.metrics.PluginMetricsBridge;
import io.claimgate.policy.PolicyFile;
import io.claimgate.policy.reload.LivePolicies;
import io.claimgate.common.metrics.ClaimgateMetrics;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthorizerNotReadyException;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.metadata.authorizer.StandardAcl;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code authorizer.class.name=io.claimgate.authorizer.ClaimAuthorizer}: Kafka ACLs from the KRaft
 * metadata log (managed with {@code kafka-acls} and the Admin API, as with Kafka's own authorizer),
 * extended with {@code Group:} principals from token groups and with claim-based policies from
 * {@code claimgate.policy.location}. Configure it on brokers and controllers alike.
 *
 * <h2>Coupling to Kafka internals: this class and {@code io.claimgate.authorizer.kafka}</h2>
 * Kafka's {@link StandardAuthorizer} (kafka-metadata) is not a stable public API. This class extends
 * it (Kafka loads the authorizer by this public name); the {@link StandardAcl}s its hooks receive
 * become claimgate's own {@link AclEntry} in {@code io.claimgate.authorizer.kafka}, which also holds
 * the other Kafka rules read outside the public API. AuthorizerBoundaryContract (test sources)
 * checks them on every supported release. What is relied on:
 * <ul>
 *   <li>the {@code ClusterMetadataAuthorizer} hooks Kafka's ACL publisher calls:
 *       {@code loadSnapshot} (replaces all ACLs), {@code addAcl}, {@code removeAcl},
 *       {@code completeInitialLoad}; each calls {@code super} first, so Kafka's copy (used for
 *       DescribeAcls, CreateAcls/DeleteAcls on the controller and the ACL-count metric) stays
 *       exact, and then mirrors the change into claimgate's index;</li>
 *   <li>{@code configure} parsing {@code super.users}, {@code allow.everyone.if.no.acl.found} and
 *       {@code node.id}; claimgate re-reads the first two itself (same rules) because Kafka's
 *       accessors are package-private;</li>
 *   <li>the decision semantics of {@code StandardAuthorizerData} (deny wins, implied operations,
 *       wildcard and prefixed ACLs, host {@code *} or exact, the no-ACL default) and of Kafka's
 *       default {@code authorizeByResourceType}, re-implemented in claimgate's decision engine
 *       (Kafka's answer is only ALLOWED or DENIED, not which ACL decided, so policies cannot be
 *       layered over {@code super.authorize}). StandardAuthorizerDifferentialTest compares the two on
 *       random ACL sets; they differ on purpose twice: a requester named {@code User:*} is denied
 *       (Kafka throws), and a wildcard ACL covers names that begin with {@code *} (Kafka skips it).</li>
 * </ul>
 * Built against kafka-metadata 4.3.1; runs on 4.0.1, 4.1.1 and 4.2.0 brokers in src-it's
 * OlderKafkaReleasesTest (same hook signatures; identical {@code StandardAuthorizerData} bytecode
 * for matching and defaults, compared when this class was written). {@code authorize} and
 * {@code authorizeByResourceType} are overridden entirely, so Kafka's own authorizer rate metrics
 * (kafka.server:type=authorizer-metrics, authorization-*-rate) stay at zero; claimgate's
 * {@code authorizer.decisions} counters replace them. {@code withPluginMetrics} (4.1+) keeps Kafka's and
 * adds claimgate's authorizer meters (KIP-877). On 4.0, which has no {@code PluginMetrics}, Kafka
 * never calls it and the JVM never resolves its parameter type (it is linked lazily), so the class
 * loads and works there; only reflection over this class's public methods would fail on 4.0.
 */
public class ClaimAuthorizer extends StandardAuthorizer {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimAuthorizer.class);

    /** Fed by the metadata hooks, which Kafka may call before or after configure(). */
    private final AclStore acls = new AclStore();
    private volatile boolean initialLoadComplete;
    private volatile AuthorizerCore core;
    private volatile LivePolicies livePolicies;
    private volatile PluginMetricsBridge pluginMetrics;

    @Override
    public void configure(Map<String, ?> configs) {
        ClaimgateMetrics.identify(configs);   // before any meter is registered: they all carry the tags
        super.configure(configs);
        AuthorizerOptions options = AuthorizerOptions.from(configs);
        AuthorizerMetrics metrics = AuthorizerMetrics.on(ClaimgateMetrics.registry());
        // Load the policy file before building anything, so a bad file leaves nothing running.
        LivePolicies policies = options.policyLocation()
                .map(path -> LivePolicies.load(AuthorizerOptions.POLICY_LOCATION, path, options.reloadInterval(),
                        metrics::policyReload, Clock.systemUTC()))
                .orElse(null);
        closeCurrent();   // configure() runs once in Kafka; be safe if called again
        AuthorizerCore newCore = new AuthorizerCore(options, acls, () -> initialLoadComplete, metrics);
        if (policies != null) {
            PolicyFile file = policies.initial().orElseThrow();
            newCore.follow(policies);
            livePolicies = policies;
            LOG.info("claimgate authorizer: {} policies ({} rules) from {}, mode {}, reload every {}s",
                    file.policies().size(), file.ruleCount(), policies.path(), options.mode(),
                    options.reloadInterval().toSeconds());
        } else {
            LOG.info("claimgate authorizer: no {}, Kafka ACLs (with {} principals) only, mode {}",
                    AuthorizerOptions.POLICY_LOCATION, options.groupPrincipalType(), options.mode());
        }
        core = newCore;
    }

    @Override
    public void loadSnapshot(Map<Uuid, StandardAcl> snapshot) {
        super.loadSnapshot(snapshot);
        Map<Uuid, AclEntry> entries = new HashMap<>(snapshot.size() * 2);
        snapshot.forEach((id, acl) -> entries.put(id, StandardAcls.entry(acl)));
        acls.replaceAll(entries);
        aclsChanged();
    }

    @Override
    public void addAcl(Uuid id, StandardAcl acl) {
        super.addAcl(id, acl);
        acls.add(id, StandardAcls.entry(acl));
        aclsChanged();
    }

    @Override
    public void removeAcl(Uuid id) {
        super.removeAcl(id);
        acls.remove(id);
        aclsChanged();
    }

    @Override
    public void completeInitialLoad() {
        super.completeInitialLoad();
        initialLoadComplete = true;
    }

    @Override
    public List<AuthorizationResult> authorize(AuthorizableRequestContext context, List<Action> actions) {
        return core().authorize(context, actions);
    }

    @Override
    public AuthorizationResult authorizeByResourceType(AuthorizableRequestContext context, AclOperation op,
                                                       ResourceType resourceType) {
        return core().authorizeByResourceType(context, op, resourceType);
    }

    /** Which rule, ACL or default decides {@code action}, without counting or logging it: for the CLI. */
    public Decision explain(AuthorizableRequestContext context, Action action) {
        return core().explain(context, action);
    }

    /**
     * KIP-877 (Kafka 4.1+): Kafka's own authorizer metrics as before, plus claimgate's authorizer
     * and policy meters as plugin metrics, for {@code metric.reporters} users.
     */
    @Override
    public void withPluginMetrics(PluginMetrics metrics) {
        super.withPluginMetrics(metrics);
        PluginMetricsBridge previous = pluginMetrics;
        pluginMetrics = PluginMetricsBridge.attach(ClaimgateMetrics.registry(), metrics,
                name -> name.startsWith("authorizer.") || name.startsWith("policy."));
        if (previous != null) {
            previous.close();
        }
    }

    /** Check the policy file now instead of waiting for the next poll; for tests and tools. */
    boolean checkPolicyFileNow() {
        LivePolicies current = livePolicies;
        return current != null && current.checkNow();
    }

    /** The policy file in force, or null without one. */
    PolicyFile policies() {
        return core().policies();
    }

    @Override
    public void close() throws IOException {
        PluginMetricsBridge bridge = pluginMetrics;
        if (bridge != null) {
            bridge.close();
        }
        closeCurrent();
        super.close();
    }

    private void closeCurrent() {
        LivePolicies currentPolicies = livePolicies;
        if (currentPolicies != null) {
            currentPolicies.close();
            livePolicies = null;
        }
        AuthorizerCore currentCore = core;
        if (currentCore != null) {
            currentCore.close();
        }
    }

    private AuthorizerCore core() {
        AuthorizerCore current = core;
        if (current == null) {
            throw new AuthorizerNotReadyException();   // configure() has not run yet
        }
        return current;
    }

    private void aclsChanged() {
        AuthorizerCore current = core;
        if (current != null) {
            current.aclsChanged();
        }
    }
}
