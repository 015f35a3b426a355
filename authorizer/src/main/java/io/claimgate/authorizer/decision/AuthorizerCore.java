package io.claimgate.authorizer.decision;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.claimgate.authorizer.acl.AclIndex;
import io.claimgate.authorizer.acl.AclStore;
import io.claimgate.authorizer.config.AuthorizerOptions;
import io.claimgate.authorizer.kafka.KafkaRules;
import io.claimgate.authorizer.metrics.AuthorizerMetrics;
import io.claimgate.policy.PolicyFile;
import io.claimgate.policy.reload.LivePolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthorizerNotReadyException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.apache.kafka.server.authorizer.AuthorizationResult;

/**
 * The authorizer proper, free of Kafka's internal classes: super users, readiness, the decision
 * cache, the decision engine, audit mode, metrics and the decision log. {@code ClaimAuthorizer}
 * feeds it ACL changes and delegates {@code authorize} to it.
 *
 * <p>Thread-safe: the ACL index and the rule index are immutable snapshots replaced atomically;
 * each request reads both once and decides against that pair.
 */
public final class AuthorizerCore implements AuthorizerMetrics.Source {
    private static final Decision SUPER_USER = Decision.allow("super.users");
    private static final Decision WILDCARD_REQUESTER = Decision.deny(
            "the principal User:* is the ACL wildcard, not a requester (Kafka's StandardAuthorizer refuses it too)", true);
    /** Kafka's default {@code authorizeByResourceType} first checks a resource of this name. */
    private static final String PROBE_NAME = "hardcode";
    private static final String ANY_OF_TYPE = "(any)";
    private static final long SUBJECTS_WITHOUT_DECISION_CACHE = 10_000;

    private final AuthorizerOptions options;
    private final AclStore acls;
    private final BooleanSupplier initialLoadComplete;
    private final AtomicReference<RuleIndex> rules = new AtomicReference<>(RuleIndex.NONE);
    private final AtomicLong ruleVersions = new AtomicLong();
    private final SubjectKeys keys;
    private final Cache<SubjectKey, Subject> subjects;
    private final DecisionCache cache;
    private final DecisionEngine engine;
    private final ResourceTypeDecider byType = new ResourceTypeDecider();
    private final DecisionLog log = new DecisionLog();
    private final AuthorizerMetrics metrics;
    private final EvaluationErrors errors;
    private volatile BooleanSupplier lastReloadFailed = () -> false;

    public AuthorizerCore(AuthorizerOptions options, AclStore acls, BooleanSupplier initialLoadComplete,
                          AuthorizerMetrics metrics) {
        this.options = options;
        this.metrics = metrics;
        this.errors = new EvaluationErrors(metrics);
        this.acls = acls;
        this.initialLoadComplete = initialLoadComplete;
        this.cache = new DecisionCache(options.cacheMaxEntries(), metrics);
        // Requesters are far fewer than requester x resource pairs: a tenth of the decision bound.
        // Kept even with the decision cache off: it holds evaluated conditions, not decisions.
        long subjectBound = options.cacheMaxEntries() <= 0 ? SUBJECTS_WITHOUT_DECISION_CACHE
                : Math.max(1_000, options.cacheMaxEntries() / 10);
        this.subjects = Caffeine.newBuilder().maximumSize(subjectBound).build();
        this.keys = new SubjectKeys(subjectBound);
        this.engine = new DecisionEngine(options.allowEveryoneIfNoAcl());
        metrics.register(this);
        metrics.maxTopics(options.metricsMaxTopics());
    }

    /**
     * Decide by {@code policies} from now on: its initial version at once, each later valid version
     * as it is loaded; the reload gauge reports its state. The one way the broker authorizer and
     * the REST extensions attach their policy file.
     */
    public void follow(LivePolicies policies) {
        usePolicies(policies.initial().orElseThrow(() -> new IllegalArgumentException("no policies loaded")));
        lastReloadFailed = policies::lastReloadFailed;
        policies.start(this::usePolicies);
    }

    /** Swap in a new policy file (or the first one): later requests see only the new rules. */
    private void usePolicies(PolicyFile file) {
        rules.set(RuleIndex.of(ruleVersions.incrementAndGet(), file));
        errors.reset();
        subjects.invalidateAll();
        cache.clear();
    }

    /** The loaded policy file, or null in ACL-only mode. */
    public PolicyFile policies() {
        return rules.get().file();
    }

    /** An ACL was added or removed, or a snapshot loaded. */
    public void aclsChanged() {
        cache.clear();
    }

    public List<AuthorizationResult> authorize(AuthorizableRequestContext context, List<Action> actions) {
        for (Action action : actions) {
            if (action.resourcePattern().patternType() != PatternType.LITERAL) {
                throw new IllegalArgumentException("Only literal resources are supported. Got: "
                        + action.resourcePattern().patternType());
            }
        }
        List<AuthorizationResult> results = new ArrayList<>(actions.size());
        if (options.superUsers().contains(context.principal())) {
            for (Action action : actions) {
                results.add(outcome(context, action, verdict(SUPER_USER, action.operation(),
                        action.resourcePattern().resourceType(), action.resourcePattern().name())));
            }
            return results;
        }
        Request request = request(context);
        for (Action action : actions) {
            ResourcePattern resource = action.resourcePattern();
            Verdict verdict;
            try {
                verdict = decide(request, action.operation(), resource.resourceType(), resource.name());
            } catch (RuntimeException e) {
                log.failed(context, action, e);
                verdict = verdict(Decision.deny("internal error", e.toString(), false), action.operation(),
                        resource.resourceType(), resource.name());
            }
            results.add(outcome(context, action, verdict));
        }
        return results;
    }

    public AuthorizationResult authorizeByResourceType(AuthorizableRequestContext context, AclOperation op,
                                                       ResourceType type) {
        KafkaRules.checkResourceTypeArguments(op, type);
        // Only for the log line and the counters; like Kafka, a by-type denial is logged at DEBUG.
        Action anyOfType = new Action(op, new ResourcePattern(type, ANY_OF_TYPE, PatternType.LITERAL), 0, false, false);
        if (options.superUsers().contains(context.principal())) {
            return outcome(context, anyOfType, verdict(SUPER_USER, op, type, null));
        }
        Request request = request(context);
        Verdict verdict;
        try {
            verdict = decide(request, op, type, PROBE_NAME);
            if (!verdict.decision().allowed()) {
                verdict = decide(request, op, type, null);
            }
        } catch (RuntimeException e) {
            log.failed(context, anyOfType, e);
            verdict = verdict(Decision.deny("internal error", e.toString(), false), op, type, null);
        }
        return outcome(context, anyOfType, verdict);
    }

    /**
     * The decision for one literal action exactly as {@link #authorize} takes it, without counting
     * or logging it: for tools that say which rule decided (the CLI's policy test and explain).
     */
    public Decision explain(AuthorizableRequestContext context, Action action) {
        if (options.superUsers().contains(context.principal())) {
            return SUPER_USER;
        }
        ResourcePattern resource = action.resourcePattern();
        return decide(request(context), action.operation(), resource.resourceType(), resource.name()).decision();
    }

    private Request request(AuthorizableRequestContext context) {
        if (!initialLoadComplete.getAsBoolean()) {
            throw new AuthorizerNotReadyException();
        }
        return new Request(keys.of(context), acls.current(), rules.get());
    }

    /** @param name a literal resource name, or null to ask about the resource type */
    private Verdict decide(Request request, AclOperation op, ResourceType type, String name) {
        if (request.key.isWildcardUser()) {
            return verdict(WILDCARD_REQUESTER, op, type, name);
        }
        DecisionKey key = null;
        if (cache.enabled()) {
            key = new DecisionKey(request.key, op, type, name, request.acls.version(), request.rules.version());
            Verdict cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Subject subject = request.subject();
        Decision decision = name == null ? byType.decide(subject, request.acls, op, type)
                : engine.decide(subject, request.acls, op, type, name);
        Verdict verdict = verdict(decision, op, type, name);
        if (key != null) {
            cache.put(key, verdict);
        }
        return verdict;
    }

    private Verdict verdict(Decision decision, AclOperation op, ResourceType type, String name) {
        return Verdict.of(decision, options.mode(), op, type, name, metrics);
    }

    /** Count and log the verdict; what Kafka is told. */
    private AuthorizationResult outcome(AuthorizableRequestContext context, Action action, Verdict verdict) {
        AuthorizationResult result = verdict.count(action.logIfDenied());
        switch (verdict.kind()) {
            case ALLOWED -> log.allowed(context, action, verdict.decision());
            case DENIED -> log.denied(context, action, verdict.decision());
            default -> log.auditAllowed(context, action, verdict.decision());
        }
        return result;
    }

    @Override
    public long cacheSize() {
        return cache.size();
    }

    @Override
    public boolean lastReloadFailed() {
        return lastReloadFailed.getAsBoolean();
    }

    public void close() {
        metrics.unregister(this);
        cache.clear();
    }

    /** One authorize call: the requester's key and the two snapshots it is decided against. */
    private final class Request {
        final SubjectKey key;
        final AclIndex acls;
        final RuleIndex rules;
        private Subject subject;

        Request(SubjectKey key, AclIndex acls, RuleIndex rules) {
            this.key = key;
            this.acls = acls;
            this.rules = rules;
        }

        /** The requester for these rules; reused across requests until the rules change. */
        Subject subject() {
            if (subject == null) {
                Subject known = subjects.getIfPresent(key);
                if (known == null || known.rules() != rules) {
                    known = Subject.of(key, rules, options.groupPrincipalType(), errors);
                    subjects.put(key, known);
                }
                subject = known;
            }
            return subject;
        }
    }
}
