package io.claimgate.it.rollout;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ClaimAuthorizer's decision log (logger {@code io.claimgate.authorizer.decisions}, INFO) read the
 * way an operator reads it: which principal was (or, in audit mode, would be) denied which
 * operation on which resource, and through which listener.
 */
final class DecisionLines {
    static final String WOULD_DENY_KIND = "Audit mode, would deny";
    static final String DENIED_KIND = "Denied";
    private static final String ANY = "\\S+";
    static final Pattern WOULD_DENY = regexLine(WOULD_DENY_KIND, ANY, ANY, ANY, ANY);
    static final Pattern DENIED = regexLine(DENIED_KIND, ANY, ANY, ANY, ANY);

    /** {@code User:reporting READ on TOPIC:orders}, what the comparison of audit and enforce is about. */
    record Denial(String principal, String operation, String resource) implements Comparable<Denial> {
        @Override
        public int compareTo(Denial other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return principal + " " + operation + " on " + resource;
        }
    }

    private DecisionLines() {
    }

    /** The distinct denials in decision-log lines matched by {@link #WOULD_DENY} or {@link #DENIED}. */
    static Set<Denial> denials(List<String> lines, Pattern kind) {
        Set<Denial> out = new TreeSet<>();
        for (String line : lines) {
            Matcher m = kind.matcher(line);
            if (!m.find()) {
                throw new IllegalArgumentException("not a decision line of that kind: " + line);
            }
            out.add(new Denial(m.group(1), m.group(2), m.group(3)));
        }
        return out;
    }

    /** Lines of one principal, operation, resource and listener, e.g. {@code would deny User:ANONYMOUS ... via LEGACY}. */
    static Pattern line(String kind, String principal, String operation, String resource, String listener) {
        return regexLine(kind, Pattern.quote(principal), Pattern.quote(operation), Pattern.quote(resource), Pattern.quote(listener));
    }

    /**
     * DecisionLog's format, each part a regular expression:
     * {@code <kind> <principal> <op> on <type>:<name> (<request> from <ip> via <listener>): <reason>}.
     */
    private static Pattern regexLine(String kind, String principal, String operation, String resource, String listener) {
        return Pattern.compile(Pattern.quote(kind) + " (" + principal + ") (" + operation + ") on (" + resource
                + ") \\(\\S+ from \\S+ via (" + listener + ")\\).*\\(io\\.claimgate\\.authorizer\\.decisions\\)$");
    }
}
