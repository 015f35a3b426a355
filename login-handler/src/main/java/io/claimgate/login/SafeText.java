package io.claimgate.login;

import java.util.Collection;

/**
 * Makes text that came from outside (an IdP's error answer, an exception message) fit for a log
 * line: known secrets replaced, control characters removed (no forged log lines), length bounded
 * (an HTML error page must not flood the log).
 */
final class SafeText {
    static final String HIDDEN = "(hidden)";

    private SafeText() {
    }

    static String clean(String text, int maxLength, Collection<String> secrets) {
        if (text == null) {
            return "";
        }
        String out = hide(text, secrets);
        StringBuilder sb = new StringBuilder(Math.min(out.length(), maxLength + 1));
        boolean lastWasSpace = false;
        for (int i = 0; i < out.length() && sb.length() <= maxLength; i++) {
            char c = out.charAt(i);
            boolean space = Character.isWhitespace(c) || Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT;
            if (space) {
                if (!lastWasSpace && sb.length() > 0) {
                    sb.append(' ');
                }
            } else {
                sb.append(c);
            }
            lastWasSpace = space;
        }
        String result = sb.toString().strip();
        return result.length() > maxLength ? result.substring(0, maxLength) + "..." : result;
    }

    /** Replaces every occurrence of each secret; secrets shorter than 4 characters are too common to hunt. */
    static String hide(String text, Collection<String> secrets) {
        String out = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                out = out.replace(secret, HIDDEN);
            }
        }
        return out;
    }
}
