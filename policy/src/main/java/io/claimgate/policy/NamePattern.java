package io.claimgate.policy;

/**
 * One resource-name pattern: exact, prefix, any, or a general glob ({@code *} = any run of
 * characters, {@code ?} = one character). Policy {@code names} are globs; Kafka ACL names map onto
 * the same model (LITERAL {@code *} = any, LITERAL = exact, PREFIXED = prefix), so the decision
 * engine and the by-resource-type check treat both alike. Immutable.
 *
 * <p>Glob matching is a linear scan with one backtrack point, never a regular expression, so no
 * pattern a user writes can make matching slow.
 */
public final class NamePattern {
    public enum Kind { ANY, EXACT, PREFIX, GLOB }

    private static final NamePattern ANY = new NamePattern(Kind.ANY, "");

    private final Kind kind;
    /** EXACT: the name; PREFIX: the prefix (without the star); GLOB: the glob. */
    private final String text;

    private NamePattern(Kind kind, String text) {
        this.kind = kind;
        this.text = text;
    }

    /** A policy glob: {@code *}, {@code orders-*}, {@code t?pic}, or a plain name. */
    public static NamePattern glob(String glob) {
        if (glob.equals("*")) {
            return ANY;
        }
        int star = glob.indexOf('*');
        boolean question = glob.indexOf('?') >= 0;
        if (star < 0 && !question) {
            return new NamePattern(Kind.EXACT, glob);
        }
        if (!question && star == glob.length() - 1) {
            return new NamePattern(Kind.PREFIX, glob.substring(0, star));
        }
        return new NamePattern(Kind.GLOB, glob);
    }

    /** A name matched literally, even if it contains {@code *} or {@code ?} (Kafka LITERAL ACLs). */
    public static NamePattern exact(String name) {
        return new NamePattern(Kind.EXACT, name);
    }

    /** Kafka PREFIXED ACLs. */
    public static NamePattern prefix(String prefix) {
        return new NamePattern(Kind.PREFIX, prefix);
    }

    public static NamePattern any() {
        return ANY;
    }

    public Kind kind() {
        return kind;
    }

    /** The name (EXACT), the prefix (PREFIX), the glob (GLOB), or empty (ANY). */
    public String text() {
        return text;
    }

    public boolean matches(String name) {
        switch (kind) {
            case ANY:
                return true;
            case EXACT:
                return text.equals(name);
            case PREFIX:
                return name.startsWith(text);
            default:
                return globMatches(text, name);
        }
    }

    /**
     * Whether every name this pattern's {@code other} matches is also matched by this one. Used
     * to decide whether a deny dominates an allow when asking "is anything of this type allowed";
     * answering "no" when unsure is the safe direction there, as it only keeps an allow counting.
     */
    public boolean covers(NamePattern other) {
        switch (kind) {
            case ANY:
                return true;
            case EXACT:
                return other.kind == Kind.EXACT && text.equals(other.text);
            case PREFIX:
                if (other.kind == Kind.ANY) {
                    return text.isEmpty();
                }
                return other.kind == Kind.GLOB ? literalHead(other.text).startsWith(text) : other.text.startsWith(text);
            default:
                return other.kind == Kind.EXACT ? globMatches(text, other.text)
                        : other.kind == Kind.GLOB && text.equals(other.text);
        }
    }

    /** The characters of a glob before its first wildcard. */
    private static String literalHead(String glob) {
        int i = 0;
        while (i < glob.length() && glob.charAt(i) != '*' && glob.charAt(i) != '?') {
            i++;
        }
        return glob.substring(0, i);
    }

    static boolean globMatches(String glob, String name) {
        int g = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < name.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == name.charAt(n))) {
                g++;
                n++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                resume = n;
            } else if (star >= 0) {
                g = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamePattern && ((NamePattern) o).kind == kind && ((NamePattern) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + text.hashCode();
    }

    /** In policy-file notation: {@code *}, {@code name}, {@code prefix*}, {@code glob}. */
    @Override
    public String toString() {
        switch (kind) {
            case ANY:
                return "*";
            case PREFIX:
                return text + "*";
            default:
                return text;   // EXACT, GLOB
        }
    }
}
