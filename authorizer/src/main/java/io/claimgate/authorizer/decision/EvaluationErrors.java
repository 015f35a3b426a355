package io.claimgate.authorizer.decision;

import io.claimgate.authorizer.metrics.AuthorizerMetrics;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts every CEL evaluation error and logs it: at WARN the first time per policy and expression
 * while a policy file is loaded, at DEBUG after that. Errors are never cached, so a broken
 * expression is re-evaluated (and counted) on every decision that needs it; without this, one
 * client could fill the log.
 */
final class EvaluationErrors {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationErrors.class);

    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final AuthorizerMetrics metrics;

    EvaluationErrors(AuthorizerMetrics metrics) {
        this.metrics = metrics;
    }

    void report(String policy, String expression, SubjectKey subject, String message) {
        metrics.evaluationError(policy);
        String template = "Policy '{}' {} failed to evaluate for {}: {} (it grants nothing; a deny rule counts as"
                + " matching)";
        if (warned.add(policy + '\u0000' + expression)) {
            LOG.warn(template + "; further errors of this expression are logged at DEBUG", policy, expression,
                    subject, message);
        } else {
            LOG.debug(template, policy, expression, subject, message);
        }
    }

    /** A new policy file was loaded: its errors deserve a warning again. */
    void reset() {
        warned.clear();
    }
}
