package io.claimgate.filter;

import com.google.common.collect.ImmutableList;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelSource;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.parser.CelParser;
import dev.cel.parser.CelUnparserFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a (macro-less) CEL expression tree back to CEL text, faithfully or not at all. CEL's
 * unparser prints string constants between double quotes without escaping them, so they are
 * escaped first; and the text is parsed again and must give back exactly the tree (node ids
 * aside), so that a change in the unparser can only turn {@link HeaderReads}' rewrite off, never
 * change what a filter means.
 */
final class CelText {
    private CelText() {
    }

    /** The text, or null if it cannot be printed faithfully. */
    static String print(CelExpr expr, CelSource source, CelParser macrolessParser) {
        String text = CelUnparserFactory.newUnparser().unparse(
                CelAbstractSyntaxTree.newParsedAst(escapeStrings(expr), source));
        try {
            CelExpr again = macrolessParser.parse(text).getAst().getExpr();
            return shape(again).equals(shape(expr)) ? text : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The tree's text without node ids. */
    private static String shape(CelExpr expr) {
        return expr.toString().replaceAll("\\[\\d+\\]", "");
    }

    private static CelExpr escapeStrings(CelExpr expr) {
        switch (expr.getKind()) {
            case CONSTANT:
                return expr.constant().getKind() == CelConstant.Kind.STRING_VALUE
                        ? CelExpr.ofConstant(expr.id(), CelConstant.ofValue(escape(expr.constant().stringValue()))) : expr;
            case SELECT:
                return CelExpr.ofSelect(expr.id(), escapeStrings(expr.select().operand()), expr.select().field(),
                        expr.select().testOnly());
            case CALL: {
                List<CelExpr> args = new ArrayList<>();
                expr.call().args().forEach(a -> args.add(escapeStrings(a)));
                return CelExpr.ofCall(expr.id(), expr.call().target().map(CelText::escapeStrings),
                        expr.call().function(), ImmutableList.copyOf(args));
            }
            case LIST: {
                List<CelExpr> elements = new ArrayList<>();
                expr.list().elements().forEach(e -> elements.add(escapeStrings(e)));
                return CelExpr.ofList(expr.id(), ImmutableList.copyOf(elements), expr.list().optionalIndices());
            }
            case MAP: {
                List<CelExpr.CelMap.Entry> entries = new ArrayList<>();
                for (CelExpr.CelMap.Entry e : expr.map().entries()) {
                    entries.add(CelExpr.ofMapEntry(e.id(), escapeStrings(e.key()), escapeStrings(e.value()),
                            e.optionalEntry()));
                }
                return CelExpr.ofMap(expr.id(), ImmutableList.copyOf(entries));
            }
            case STRUCT: {
                List<CelExpr.CelStruct.Entry> entries = new ArrayList<>();
                for (CelExpr.CelStruct.Entry e : expr.struct().entries()) {
                    entries.add(CelExpr.ofStructEntry(e.id(), e.fieldKey(), escapeStrings(e.value()), e.optionalEntry()));
                }
                return CelExpr.ofStruct(expr.id(), expr.struct().messageName(), ImmutableList.copyOf(entries));
            }
            default:
                return expr;
        }
    }

    /** The body of a double-quoted CEL string literal for {@code value}: printable ASCII, the rest escaped. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        value.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp >= 0x20 && cp < 0x7f) {
                out.appendCodePoint(cp);
            } else if (cp <= 0xffff) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.append(String.format("\\U%08x", cp));
            }
        });
        return out.toString();
    }
}
