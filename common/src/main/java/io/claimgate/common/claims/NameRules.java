package io.claimgate.common.claims;

import java.util.Optional;

/**
 * Which principal and group names a token may produce. A name is taken exactly as the token says
 * it, never trimmed or otherwise normalised: {@code "admin\u3000"} must not become {@code admin}
 * (and match {@code super.users=User:admin}), so a name that could be mistaken for another one, or
 * that hides characters from whoever reads an ACL, a policy or a log, is refused instead.
 *
 * <p>Refused (the table in docs/CONFIGURATION.md, "Name rules", says the same):
 * <ul>
 *   <li>the empty name;</li>
 *   <li>a space (U+0020) at the start or the end;</li>
 *   <li>anywhere: control characters (Cc), format characters (Cf: zero-width characters, bidi
 *       controls, BOM, soft hyphen, tags), lone surrogates (Cs), private-use (Co) and unassigned
 *       (Cn, by the Unicode version of the running JDK) code points, line and paragraph separators
 *       (Zl, Zp), every space separator (Zs) other than U+0020, and the other characters Unicode
 *       calls default-ignorable or that render blank ({@link #isInvisible}).</li>
 * </ul>
 * Interior U+0020 spaces are legal (Keycloak group names have them); so is every visible
 * character of any script. Stateless; costs one pass over the code points.
 */
public final class NameRules {
    private NameRules() {
    }

    /** Why {@code name} breaks the rules (e.g. {@code "contains U+200B (a format character...)"}), or empty if it does not. */
    public static Optional<String> violation(String name) {
        if (name.isEmpty()) {
            return Optional.of("is empty");
        }
        if (name.charAt(0) == ' ') {
            return Optional.of("starts with a space");
        }
        if (name.charAt(name.length() - 1) == ' ') {
            return Optional.of("ends with a space");
        }
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            // Fast path: visible ASCII and the (interior) space are always fine.
            if (codePoint < 0x20 || codePoint > 0x7e) {
                String kind = forbiddenKind(codePoint);
                if (kind != null) {
                    return Optional.of(String.format("contains U+%04X (%s) at index %d", codePoint, kind, i));
                }
            }
            i += Character.charCount(codePoint);
        }
        return Optional.empty();
    }

    /** Whether {@code name} is a legal principal or group name. */
    public static boolean isValid(String name) {
        return violation(name).isEmpty();
    }

    /** What kind of forbidden character {@code codePoint} is, or null if it may appear in a name. */
    private static String forbiddenKind(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.CONTROL:
                return "a control character";
            case Character.FORMAT:
                return "a format character: zero-width, bidi control, BOM, tag or similar";
            case Character.SURROGATE:
                return "a lone surrogate";
            case Character.PRIVATE_USE:
                return "a private-use character";
            case Character.UNASSIGNED:
                return "an unassigned code point";
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return "a line or paragraph separator";
            case Character.SPACE_SEPARATOR:
                return "a space other than U+0020";
            default:
                return isInvisible(codePoint) ? "an invisible character" : null;
        }
    }

    /**
     * Characters outside the categories above that render as nothing or as blank space: the
     * default-ignorable code points of Unicode's DerivedCoreProperties that are letters or marks
     * (combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian free variation
     * selectors, variation selectors) and the Braille blank. The rest of that property is Cf or
     * Cn, refused by category.
     */
    static boolean isInvisible(int codePoint) {
        return codePoint == 0x034F                               // COMBINING GRAPHEME JOINER
                || codePoint == 0x115F || codePoint == 0x1160    // HANGUL CHOSEONG / JUNGSEONG FILLER
                || codePoint == 0x17B4 || codePoint == 0x17B5    // KHMER VOWEL INHERENT AQ / AA
                || (codePoint >= 0x180B && codePoint <= 0x180F)  // MONGOLIAN FREE VARIATION SELECTORS
                || codePoint == 0x2800                           // BRAILLE PATTERN BLANK
                || codePoint == 0x3164                           // HANGUL FILLER
                || (codePoint >= 0xFE00 && codePoint <= 0xFE0F)  // VARIATION SELECTORS 1-16
                || codePoint == 0xFFA0                           // HALFWIDTH HANGUL FILLER
                || (codePoint >= 0xE0100 && codePoint <= 0xE01EF);  // VARIATION SELECTORS 17-256
    }
}
