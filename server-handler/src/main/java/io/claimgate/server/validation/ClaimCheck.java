package io.claimgate.server.validation;

import io.claimgate.common.text.Sanitizer;
import io.claimgate.policy.cel.CelValues;
import io.claimgate.policy.cel.CelVariables;
import io.claimgate.policy.cel.CompiledExpression;
import io.claimgate.policy.cel.EvaluationException;
import io.claimgate.server.validation.TokenValidationException.Reason;
import java.util.Map;

/**
 * {@code oauth.claim.check}: a CEL expression over {@code claims} that a token must satisfy, e.g.
 * {@code claims.tenant == 'acme' && 'kafka' in claims.roles}. Runs after every built-in claim
 * check, on JWT claims and introspection answers alike. Fails closed: an expression that cannot be
 * evaluated for a token (a missing claim it reads, a value of the wrong type) rejects the token.
 */
public final class ClaimCheck {
    private final CompiledExpression expression;

    public ClaimCheck(CompiledExpression expression) {
        this.expression = expression;
    }

    public void verify(Map<String, Object> claims) throws TokenValidationException {
        boolean satisfied;
        try {
            satisfied = expression.evaluateBool(Map.of(CelVariables.CLAIMS, CelValues.normalizeMap(claims)));
        } catch (EvaluationException e) {
            throw new TokenValidationException(Reason.CLAIM_CHECK_FAILED, "oauth.claim.check could not be evaluated"
                    + " for this token (" + Sanitizer.sanitize(firstLine(e.getMessage()), 160) + ")");
        }
        if (!satisfied) {
            throw new TokenValidationException(Reason.CLAIM_CHECK_FAILED, "claims do not satisfy oauth.claim.check");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
