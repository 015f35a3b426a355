package io.claimgate.policy.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypes;
import dev.cel.common.types.ListType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Compiles CEL expressions for claimgate: parse, type-check against the variables of a
 * {@link CelScope}, check the result type, plan. Every claimgate expression goes through here, so
 * policies, record filters and claim checks accept the same language with the same options.
 *
 * <p>Options: the standard macros ({@code has}, {@code all}, {@code exists}, {@code map},
 * {@code filter}), numeric comparisons across int/uint/double ({@code claims.level > 2} works
 * whether the claim arrived as an integer or a double), and a cap on comprehension iterations so
 * that no expression can loop for long on a large claim.
 */
public final class ExpressionCompiler {
    /** Comprehensions ({@code all}, {@code exists}, ...) stop with an error beyond this many steps. */
    public static final int MAX_COMPREHENSION_ITERATIONS = 10_000;

    public static final int COMPILED_CACHE_ENTRIES = 20_000;

    private static final Map<CelScope, Cel> ENVIRONMENTS = buildEnvironments();
    private static final Map<CacheKey, CompiledExpression> COMPILED = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<CacheKey, CompiledExpression> eldest) {
                    return size() > COMPILED_CACHE_ENTRIES;
                }
            });

    private ExpressionCompiler() {
    }

    /**
     * @param source      the expression text
     * @param scope       which variables it may use
     * @param expected    what it must produce; {@code dyn} results (e.g. {@code claims.topics})
     *                    pass here and are checked when evaluated
     * @throws ExpressionException with CEL's message and the position of the first problem
     */
    public static CompiledExpression compile(String source, CelScope scope, ResultKind expected)
            throws ExpressionException {
        if (source == null || source.isBlank()) {
            throw new ExpressionException("the expression is empty", 0, 0);
        }
        CacheKey key = new CacheKey(scope, expected, source);
        CompiledExpression known = COMPILED.get(key);
        if (known != null) {
            return known;
        }
        CompiledExpression compiled = compileUncached(source, scope, expected);
        COMPILED.put(key, compiled);
        return compiled;
    }

    private static CompiledExpression compileUncached(String source, CelScope scope, ResultKind expected)
            throws ExpressionException {
        Cel cel = ENVIRONMENTS.get(scope);
        CelAbstractSyntaxTree ast;
        try {
            ast = cel.compile(source).getAst();
        } catch (CelValidationException e) {
            throw fromValidation(e);
        }
        CelType type = ast.getResultType();
        if (!fits(type, expected)) {
            throw new ExpressionException("the expression must produce " + expected.description()
                    + " but produces " + CelTypes.format(type), 1, 1);
        }
        try {
            return new CompiledExpression(source, scope, expected, cel.createProgram(ast));
        } catch (CelEvaluationException e) {
            // Planning a checked AST fails only on an internal inconsistency; report it the same way.
            throw new ExpressionException(e.getMessage(), 0, 0);
        }
    }

    private static final class CacheKey {
        private final CelScope scope;
        private final ResultKind expected;
        private final String source;

        CacheKey(CelScope scope, ResultKind expected, String source) {
            this.scope = scope;
            this.expected = expected;
            this.source = source;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof CacheKey)) {
                return false;
            }
            CacheKey other = (CacheKey) o;
            return scope == other.scope && expected == other.expected && source.equals(other.source);
        }

        @Override
        public int hashCode() {
            return Objects.hash(scope, expected, source);
        }
    }

    private static boolean fits(CelType type, ResultKind expected) {
        CelKind kind = type.kind();
        if (kind == CelKind.DYN) {
            return true;
        }
        switch (expected) {
            case BOOL:
                return kind == CelKind.BOOL;
            case STRING_LIST:
                if (kind == CelKind.STRING) {
                    return true;
                }
                if (!(type instanceof ListType)) {
                    return false;
                }
                CelKind element = ((ListType) type).elemType().kind();
                return element == CelKind.STRING || element == CelKind.DYN;
            default:
                throw new IllegalArgumentException("unknown result kind " + expected);
        }
    }

    private static ExpressionException fromValidation(CelValidationException e) {
        int line = 0;
        int column = 0;
        if (!e.getErrors().isEmpty()) {
            CelIssue first = e.getErrors().get(0);
            line = first.getSourceLocation().getLine();
            column = first.getSourceLocation().getColumn() + 1;   // CEL's columns are 0-based
        }
        return new ExpressionException(e.getMessage(), line, column);
    }

    private static Map<CelScope, Cel> buildEnvironments() {
        CelOptions options = CelOptions.current()
                .enableHeterogeneousNumericComparisons(true)
                .comprehensionMaxIterations(MAX_COMPREHENSION_ITERATIONS)
                .build();
        Map<CelScope, Cel> environments = new EnumMap<>(CelScope.class);
        for (CelScope scope : CelScope.values()) {
            var builder = CelFactory.standardCelBuilder()
                    .setOptions(options)
                    .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
            scope.variables().forEach(builder::addVar);
            environments.put(scope, builder.build());
        }
        return environments;
    }
}
