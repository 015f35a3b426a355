package io.claimgate.authorizer.decision;

/**
 * The outcome of evaluating a policy condition or a {@code names_from} match for one subject:
 * yes, no, or failed (with CEL's message). Failed is never treated as yes for an allow; for a deny
 * it is treated as a match, so that a broken condition cannot open access (fail closed).
 */
record Check(State state, String error) {
    enum State { YES, NO, FAILED }

    static final Check YES = new Check(State.YES, null);
    static final Check NO = new Check(State.NO, null);

    static Check of(boolean value) {
        return value ? YES : NO;
    }

    static Check failed(String error) {
        return new Check(State.FAILED, error);
    }

    boolean yes() {
        return state == State.YES;
    }

    boolean failed() {
        return state == State.FAILED;
    }
}
