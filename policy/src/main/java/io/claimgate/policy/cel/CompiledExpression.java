package io.claimgate.policy.cel;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed and type-checked CEL expression, ready to evaluate. Immutable and thread-safe: CEL
 * programs keep no state between evaluations, so one instance serves every request thread.
 */
public final class CompiledExpression {
    private final String source;
    private final CelScope scope;
    private final ResultKind resultKind;
    private final CelRuntime.Program program;

    CompiledExpression(String source, CelScope scope, ResultKind resultKind, CelRuntime.Program program) {
        this.source = source;
        this.scope = scope;
        this.resultKind = resultKind;
        this.program = program;
    }

    public String source() {
        return source;
    }

    public CelScope scope() {
        return scope;
    }

    public ResultKind resultKind() {
        return resultKind;
    }

    /** The raw result. Variables must be CEL values (see {@link CelVariables}). */
    public Object evaluate(Map<String, ?> variables) throws EvaluationException {
        try {
            return program.eval(variables);
        } catch (CelEvaluationException e) {
            throw new EvaluationException(e.getMessage(), e);
        } catch (RuntimeException e) {
            // CEL reports most failures as CelEvaluationException, but a bug or an odd value must
            // not escape as something callers do not expect to handle.
            throw new EvaluationException("evaluation failed: " + e, e);
        }
    }

    /** For {@link ResultKind#BOOL} expressions: {@code true} or {@code false}, never a default. */
    public boolean evaluateBool(Map<String, ?> variables) throws EvaluationException {
        Object result = evaluate(variables);
        if (result instanceof Boolean) {
            return (Boolean) result;
        }
        throw new EvaluationException("expected a bool, got " + describe(result));
    }

    /** For {@link ResultKind#STRING_LIST} expressions: a list of strings, or one string. */
    public List<String> evaluateStringList(Map<String, ?> variables) throws EvaluationException {
        Object result = evaluate(variables);
        if (result instanceof String) {
            return List.of((String) result);
        }
        if (result instanceof List<?>) {
            List<?> list = (List<?>) result;
            List<String> out = new ArrayList<>(list.size());
            for (Object item : list) {
                if (!(item instanceof String)) {
                    throw new EvaluationException("expected a list of strings, found an element " + describe(item));
                }
                out.add((String) item);
            }
            return List.copyOf(out);
        }
        throw new EvaluationException("expected a list of strings, got " + describe(result));
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return source;
    }
}
