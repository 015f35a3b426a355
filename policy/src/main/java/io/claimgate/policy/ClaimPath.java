package io.claimgate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code names_from} expression that only reads one claim, such as {@code claims.topics},
 * {@code claims.kafka.topics} or {@code claims['allowed-topics']}: the keys it follows, so that a
 * token without that claim can be told apart from an expression that fails. In CEL, reading an
 * absent key is an error; for an allow rule whose names come straight from a claim, a token
 * without the claim simply names nothing, and reporting an error for every such token (the sample
 * policy does this for every client without a {@code topics} claim) would bury the
 * errors that matter. Immutable.
 */
public final class ClaimPath {
    private static final Pattern WHOLE = Pattern.compile(
            "claims((?:\\s*\\.\\s*[A-Za-z_][A-Za-z0-9_]*|\\s*\\[\\s*(?:'[^'\\\\]*'|\"[^\"\\\\]*\")\\s*\\])+)");
    private static final Pattern STEP = Pattern.compile(
            "\\.\\s*([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*(?:'([^'\\\\]*)'|\"([^\"\\\\]*)\")\\s*\\]");

    private final List<String> keys;

    private ClaimPath(List<String> keys) {
        this.keys = List.copyOf(keys);
    }

    /** The path {@code source} reads, when it is nothing but a claim path; empty otherwise. */
    public static Optional<ClaimPath> of(String source) {
        Matcher whole = WHOLE.matcher(source.strip());
        if (!whole.matches()) {
            return Optional.empty();
        }
        List<String> keys = new ArrayList<>();
        Matcher step = STEP.matcher(whole.group(1));
        while (step.find()) {
            keys.add(step.group(1) != null ? step.group(1) : step.group(2) != null ? step.group(2) : step.group(3));
        }
        return Optional.of(new ClaimPath(keys));
    }

    /** Whether {@code claims} lacks this path: some key on it is absent from a map. A non-map on the way is not "absent". */
    public boolean absentFrom(Map<String, ?> claims) {
        Object current = claims;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?>)) {
                return false;   // a wrong shape: let the expression report it
            }
            Map<?, ?> map = (Map<?, ?>) current;
            if (!map.containsKey(key)) {
                return true;
            }
            current = map.get(key);
        }
        return false;
    }

    public List<String> keys() {
        return keys;
    }
}
