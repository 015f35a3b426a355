package io.claimgate.filter;

import com.google.common.collect.ImmutableList;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExpr.CelCall;
import dev.cel.parser.CelParser;
import dev.cel.parser.CelParserFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Looks at how a {@code skip_when} expression uses {@code record}, once, when the policy is loaded.
 *
 * <p><b>Missing headers read as {@code ''}.</b> In plain CEL, {@code record.headers['internal']} on
 * a record without that header is a "no such key" error, and the filter holds back records it cannot
 * judge; the sample policy's filter ({@code record.headers['internal'] == 'true' && ...}) would then
 * hold back every record WITHOUT the header. So each read of a header, {@code record.headers[k]} or
 * {@code record.headers.k}, is rewritten to {@code (k in record.headers ? record.headers[k] : '')}:
 * a missing header reads as the empty string, while {@code has(record.headers.k)} and
 * {@code 'k' in record.headers} still tell whether the record carries it. The rewrite works on the
 * expression without macros expanded (so {@code has(...)} and {@code exists(...)} keep their
 * surface form) and is printed back to CEL text ({@link CelText}), then compiled like any other
 * expression; it is only done when the expression reads a header.
 *
 * <p><b>Which headers matter.</b> When every use of {@code record} is {@code record.topic}, a read
 * or presence test of a header with a constant key, the result depends only on the principal, the
 * topic and the values of those headers: the filter then caches decisions by exactly those inputs
 * and hands CEL only those headers. Any other use ({@code record.headers.exists(...)},
 * {@code size(record.headers)}, a computed key, {@code record} as a whole) makes the expression
 * "dynamic": every record is evaluated with all its headers.
 *
 * <p>An iteration variable named {@code record} (e.g. {@code list.exists(record, ...)}) shadows
 * the variable inside its macro and is left alone.
 */
final class HeaderReads {
    private static final CelParser MACROLESS_PARSER = CelParserFactory.standardCelParserBuilder().build();
    private static final Set<String> MACROS = Set.of("all", "exists", "exists_one", "map", "filter");
    private static final String RECORD = "record";
    private static final String HEADERS = "headers";
    private static final String INDEX = "_[_]";
    private static final String IN = "@in";
    private static final String CONDITIONAL = "_?_:_";

    /**
     * @param source     the expression to compile: the original, or the rewritten one
     * @param headerKeys the header keys it depends on, sorted; empty when it is dynamic
     * @param rewritten  whether {@code source} differs from the original
     */
    static final class Analysis {
        private final String source;
        private final Optional<List<String>> headerKeys;
        private final boolean rewritten;

        Analysis(String source, Optional<List<String>> headerKeys, boolean rewritten) {
            this.source = source;
            this.headerKeys = headerKeys;
            this.rewritten = rewritten;
        }

        String source() {
            return source;
        }

        Optional<List<String>> headerKeys() {
            return headerKeys;
        }

        boolean rewritten() {
            return rewritten;
        }

        boolean dynamic() {
            return headerKeys.isEmpty();
        }
    }

    private final Set<String> keys = new TreeSet<>();
    private boolean dynamic;
    private boolean rewritten;
    private long nextId;

    private HeaderReads() {
    }

    /** Never fails: an expression that cannot be analysed is used as it is, evaluated in full. */
    static Analysis analyse(String source) {
        CelAbstractSyntaxTree ast;
        try {
            ast = MACROLESS_PARSER.parse(source).getAst();
        } catch (Exception e) {
            return new Analysis(source, Optional.empty(), false);
        }
        try {
            HeaderReads walk = new HeaderReads();
            walk.nextId = maxId(ast.getExpr()) + 1;
            CelExpr result = walk.visit(ast.getExpr(), false);
            Optional<List<String>> keys = walk.dynamic ? Optional.empty() : Optional.of(List.copyOf(walk.keys));
            if (!walk.rewritten) {
                return new Analysis(source, keys, false);
            }
            String text = CelText.print(result, ast.getSource(), MACROLESS_PARSER);
            if (text == null) {
                return new Analysis(source, Optional.empty(), false);
            }
            return new Analysis(text, keys, true);
        } catch (RuntimeException e) {
            return new Analysis(source, Optional.empty(), false);   // odd AST: evaluate in full, as written
        }
    }

    private CelExpr visit(CelExpr expr, boolean shadowed) {
        if (!shadowed && isHeaderMap(expr)) {
            dynamic = true;   // the whole map: size(), exists(), ==, ...
            return expr;
        }
        switch (expr.getKind()) {
            case IDENT:
                if (!shadowed && expr.ident().name().equals(RECORD)) {
                    dynamic = true;   // record as a whole
                }
                return expr;
            case SELECT:
                return visitSelect(expr, shadowed);
            case CALL:
                return visitCall(expr, shadowed);
            case LIST: {
                List<CelExpr> elements = new ArrayList<>();
                expr.list().elements().forEach(e -> elements.add(visit(e, shadowed)));
                return CelExpr.ofList(expr.id(), ImmutableList.copyOf(elements), expr.list().optionalIndices());
            }
            case MAP: {
                List<CelExpr.CelMap.Entry> entries = new ArrayList<>();
                for (CelExpr.CelMap.Entry e : expr.map().entries()) {
                    entries.add(CelExpr.ofMapEntry(e.id(), visit(e.key(), shadowed), visit(e.value(), shadowed),
                            e.optionalEntry()));
                }
                return CelExpr.ofMap(expr.id(), ImmutableList.copyOf(entries));
            }
            case STRUCT: {
                List<CelExpr.CelStruct.Entry> entries = new ArrayList<>();
                for (CelExpr.CelStruct.Entry e : expr.struct().entries()) {
                    entries.add(CelExpr.ofStructEntry(e.id(), e.fieldKey(), visit(e.value(), shadowed), e.optionalEntry()));
                }
                return CelExpr.ofStruct(expr.id(), expr.struct().messageName(), ImmutableList.copyOf(entries));
            }
            case COMPREHENSION:
                // Not produced without macros; be conservative if it ever is.
                dynamic = true;
                return expr;
            default:
                return expr;   // constants
        }
    }

    private CelExpr visitSelect(CelExpr expr, boolean shadowed) {
        CelExpr operand = expr.select().operand();
        String field = expr.select().field();
        if (!shadowed && isHeaderMap(operand)) {
            keys.add(field);
            return readWithDefault(expr, string(field));
        }
        if (!shadowed && isRecord(operand)) {
            if (!field.equals("topic")) {
                dynamic = true;   // record.<anything else>: evaluate in full (and fail if it is wrong)
            }
            return expr;
        }
        return CelExpr.ofSelect(expr.id(), visit(operand, shadowed), field, expr.select().testOnly());
    }

    private CelExpr visitCall(CelExpr expr, boolean shadowed) {
        CelCall call = expr.call();
        List<CelExpr> args = call.args();
        if (!shadowed && call.function().equals("has") && call.target().isEmpty() && args.size() == 1
                && args.get(0).getKind() == CelExpr.ExprKind.Kind.SELECT && isHeaderMap(args.get(0).select().operand())) {
            keys.add(args.get(0).select().field());   // presence test: not rewritten
            return expr;
        }
        if (!shadowed && call.function().equals(IN) && args.size() == 2 && isHeaderMap(args.get(1))) {
            Optional<String> key = constantString(args.get(0));
            if (key.isPresent()) {
                keys.add(key.get());
            } else {
                dynamic = true;
            }
            return CelExpr.ofCall(expr.id(), Optional.empty(), IN, ImmutableList.of(visit(args.get(0), false), args.get(1)));
        }
        if (!shadowed && call.function().equals(INDEX) && args.size() == 2) {
            if (isHeaderMap(args.get(0))) {
                Optional<String> key = constantString(args.get(1));
                if (key.isPresent()) {
                    keys.add(key.get());
                } else {
                    dynamic = true;
                }
                return readWithDefault(CelExpr.ofCall(expr.id(), Optional.empty(), INDEX,
                        ImmutableList.of(args.get(0), visit(args.get(1), false))), null);
            }
            if (isRecord(args.get(0))) {
                Optional<String> field = constantString(args.get(1));
                if (field.isEmpty() || !field.get().equals("topic")) {
                    dynamic = true;
                }
                return expr;
            }
        }
        Optional<CelExpr> target = call.target().map(t -> visit(t, shadowed));
        boolean macro = call.target().isPresent() && MACROS.contains(call.function()) && !args.isEmpty()
                && args.get(0).getKind() == CelExpr.ExprKind.Kind.IDENT;
        boolean shadowsRecord = macro && args.get(0).ident().name().equals(RECORD);
        List<CelExpr> newArgs = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            newArgs.add(macro && i == 0 ? args.get(0) : visit(args.get(i), shadowed || shadowsRecord));
        }
        return CelExpr.ofCall(expr.id(), target, call.function(), ImmutableList.copyOf(newArgs));
    }

    /**
     * {@code read} is {@code record.headers.k} or {@code record.headers[k]}: becomes
     * {@code (k in record.headers ? read : '')}. {@code key} is the constant key of a select, or
     * null for an index, whose key expression is reused.
     */
    private CelExpr readWithDefault(CelExpr read, CelExpr key) {
        rewritten = true;
        CelExpr map;
        CelExpr keyExpr;
        if (read.getKind() == CelExpr.ExprKind.Kind.SELECT) {
            map = read.select().operand();
            keyExpr = key;
        } else {
            map = read.call().args().get(0);
            keyExpr = read.call().args().get(1);
        }
        CelExpr present = CelExpr.ofCall(nextId++, Optional.empty(), IN, ImmutableList.of(keyExpr, map));
        return CelExpr.ofCall(nextId++, Optional.empty(), CONDITIONAL, ImmutableList.of(present, read, string("")));
    }

    private CelExpr string(String value) {
        return CelExpr.ofConstant(nextId++, CelConstant.ofValue(value));
    }

    private static boolean isRecord(CelExpr expr) {
        return expr.getKind() == CelExpr.ExprKind.Kind.IDENT && expr.ident().name().equals(RECORD);
    }

    /** {@code record.headers} or {@code record['headers']}. */
    private static boolean isHeaderMap(CelExpr expr) {
        if (expr.getKind() == CelExpr.ExprKind.Kind.SELECT) {
            return !expr.select().testOnly() && expr.select().field().equals(HEADERS) && isRecord(expr.select().operand());
        }
        if (expr.getKind() == CelExpr.ExprKind.Kind.CALL && expr.call().function().equals(INDEX)
                && expr.call().args().size() == 2) {
            return isRecord(expr.call().args().get(0))
                    && constantString(expr.call().args().get(1)).filter(HEADERS::equals).isPresent();
        }
        return false;
    }

    private static Optional<String> constantString(CelExpr expr) {
        if (expr.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && expr.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
            return Optional.of(expr.constant().stringValue());
        }
        return Optional.empty();
    }

    private static long maxId(CelExpr expr) {
        long max = expr.id();
        switch (expr.getKind()) {
            case SELECT:
                max = Math.max(max, maxId(expr.select().operand()));
                break;
            case CALL:
                if (expr.call().target().isPresent()) {
                    max = Math.max(max, maxId(expr.call().target().get()));
                }
                for (CelExpr arg : expr.call().args()) {
                    max = Math.max(max, maxId(arg));
                }
                break;
            case LIST:
                for (CelExpr e : expr.list().elements()) {
                    max = Math.max(max, maxId(e));
                }
                break;
            case MAP:
                for (CelExpr.CelMap.Entry e : expr.map().entries()) {
                    max = Math.max(max, Math.max(e.id(), Math.max(maxId(e.key()), maxId(e.value()))));
                }
                break;
            case STRUCT:
                for (CelExpr.CelStruct.Entry e : expr.struct().entries()) {
                    max = Math.max(max, Math.max(e.id(), maxId(e.value())));
                }
                break;
            default:
                break;
        }
        return max;
    }
}
