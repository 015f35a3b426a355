package io.claimgate.policy.cel;

/**
 * An expression failed at run time, for example a missing map key ({@code claims.topics} on a
 * token without that claim) or a value of an unexpected type. Callers decide what failing safe
 * means at their place: never grant access, drop the record, and count it.
 */
public final class EvaluationException extends Exception {
    private static final long serialVersionUID = 1L;

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }

    public EvaluationException(String message) {
        super(message);
    }
}
