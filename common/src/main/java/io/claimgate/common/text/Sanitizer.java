package io.claimgate.common.text;

/**
 * Makes text from tokens or the network (claims, {@code kid}s, IdP answers) safe to put in a log
 * line or an error sent to an unauthenticated client: printable ASCII only (no line breaks to
 * forge log entries, no terminal escapes) and short, so a hostile token cannot flood the log. The
 * one place every claimgate module does this.
 */
public final class Sanitizer {
    /** Longest token-derived value shown; longer ones are cut and end in "...". */
    public static final int MAX_LENGTH = 64;

    private Sanitizer() {
    }

    public static String sanitize(Object value) {
        return sanitize(String.valueOf(value), MAX_LENGTH);
    }

    public static String sanitize(String value, int maxLength) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), maxLength + 3));
        for (int i = 0; i < value.length(); i++) {
            if (out.length() >= maxLength) {
                return out.append("...").toString();
            }
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }

    /**
     * Kafka's {@code OAuthBearerSaslServer} embeds the error status in
     * {@code {"status":"<status>"}} without JSON-escaping it: a quote or backslash would make the
     * client's message invalid JSON. This keeps the status printable ASCII, swaps double quotes for
     * single ones and drops backslashes.
     */
    public static String forJsonStatus(String status, int maxLength) {
        return sanitize(status, maxLength).replace('"', '\'').replace("\\", "");
    }
}
