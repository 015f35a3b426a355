package io.claimgate.rest;

import io.claimgate.authorizer.acl.AclStore;
import io.claimgate.authorizer.config.AuthorizerOptions;
import io.claimgate.authorizer.decision.AuthorizerCore;
import io.claimgate.authorizer.metrics.AuthorizerMetrics;
import io.claimgate.policy.PolicyFile;
import io.claimgate.policy.reload.LivePolicies;
import io.claimgate.common.metrics.ClaimgateMetrics;
import io.claimgate.common.text.Sanitizer;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker authorizer's decision engine ({@link AuthorizerCore}: super users, policy rules, audit
 * mode, decision cache, metrics, decision log) over the policy file, with hot reload by the same
 * {@link LivePolicies}. The REST API has no Kafka ACLs: the ACL store stays empty, so only policy
 * rules (and {@code super.users}) can allow. A reload that fails keeps the last good policies, as on
 * the broker; a file unusable at start-up fails start-up.
 */
final class RestAuthorizer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(RestAuthorizer.class);
    private final AuthorizerCore core;
    private final LivePolicies policies;

    RestAuthorizer(AuthorizerOptions options, Path policyLocation) {
        AuthorizerMetrics metrics = AuthorizerMetrics.on(ClaimgateMetrics.registry());
        policies = LivePolicies.load(AuthorizerOptions.POLICY_LOCATION, policyLocation, options.reloadInterval(),
                metrics::policyReload, Clock.systemUTC());
        PolicyFile file = policies.initial().orElseThrow();
        core = new AuthorizerCore(options, new AclStore(), () -> true, metrics);
        core.follow(policies);
        LOG.info("claimgate REST authorization: {} policies ({} rules) from {}, mode {}, reload every {}s",
                file.policies().size(), file.ruleCount(), policyLocation, options.mode(),
                options.reloadInterval().toSeconds());
    }

    /**
     * Whether the caller may do what {@code access} says ({@link RestAccess.Kind#CHECK}: an operation
     * on a cluster, topic or group), as the broker would decide it. Never throws: errors deny.
     */
    boolean allowed(AuthorizableRequestContext context, RestAccess access) {
        if (access.kind() != RestAccess.Kind.CHECK) {
            return false;
        }
        Action action = new Action(access.operation(), access.resource(), 1, true, true);
        try {
            return core.authorize(context, List.of(action)).get(0) == AuthorizationResult.ALLOWED;
        } catch (RuntimeException e) {
            LOG.error("claimgate REST authorization failed for {}; denied",
                    Sanitizer.sanitize(String.valueOf(context.principal()), 256), e);
            return false;
        }
    }

    /** Check the policy file now instead of waiting for the next poll; for tests. */
    boolean checkPolicyFileNow() {
        return policies.checkNow();
    }

    @Override
    public void close() {
        policies.close();
        core.close();
    }
}
