package io.claimgate.policy;

import java.util.ArrayList;
import java.util.List;

/** The names of a rule or a record filter: a name matches if any of the patterns matches. Immutable. */
public final class NamePatterns {
    public static final NamePatterns ANY = new NamePatterns(List.of(NamePattern.any()));

    private final List<NamePattern> patterns;

    public NamePatterns(List<NamePattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    public List<NamePattern> patterns() {
        return patterns;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamePatterns && patterns.equals(((NamePatterns) o).patterns);
    }

    @Override
    public int hashCode() {
        return patterns.hashCode();
    }

    public static NamePatterns globs(List<String> globs) {
        List<NamePattern> out = new ArrayList<>(globs.size());
        for (String glob : globs) {
            out.add(NamePattern.glob(glob));
        }
        return new NamePatterns(out);
    }

    public boolean matches(String name) {
        for (NamePattern pattern : patterns) {
            if (pattern.matches(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return patterns.toString();
    }
}
