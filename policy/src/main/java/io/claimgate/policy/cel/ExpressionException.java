package io.claimgate.policy.cel;

/**
 * An expression does not parse or does not type-check. {@link #getMessage()} is CEL's report:
 * position within the expression ({@code line:column}), the problem, and the expression with a
 * caret under the offending character.
 */
public final class ExpressionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    public ExpressionException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    /** 1-based line within the expression of the first problem, or 0 if unknown. */
    public int line() {
        return line;
    }

    /** 1-based column within the expression of the first problem, or 0 if unknown. */
    public int column() {
        return column;
    }
}
