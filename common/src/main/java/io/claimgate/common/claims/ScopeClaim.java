package io.claimgate.common.claims;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.Option;
import io.claimgate.common.config.OptionNames;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where a token's scopes are and how they are read: the one implementation behind
 * {@code oauth.required.scopes} on the broker, the scopes a principal carries, and the client-side
 * record filter. Immutable.
 *
 * <p>A JSON array is taken as it is: each string element is one scope (other elements are not
 * scopes and are skipped). A string is split on U+0020 SPACE only (RFC 6749 §3.3: scope tokens are
 * space-delimited and contain no space; a tab, a line break or a non-breaking space is part of a
 * scope that then matches nothing configured). A comma is part of a scope: {@code kafka:read,admin}
 * is one scope and does not carry {@code admin}, unless {@code oauth.scope.claim.separators}
 * includes {@code comma}, for an IdP that writes its scopes comma-separated.
 *
 * @param name   {@code oauth.scope.claim}: claim name or dotted path, default {@value #DEFAULT_NAME}
 * @param commas whether a comma also separates scopes in a string ({@code oauth.scope.claim.separators})
 */
public final class ScopeClaim {
    public static final String DEFAULT_NAME = "scope";
    private static final String SPACE = "space";
    private static final String COMMA = "comma";

    private final String name;
    private final boolean commas;

    public ScopeClaim(String name, boolean commas) {
        this.name = name;
        this.commas = commas;
    }

    public String name() {
        return name;
    }

    public boolean commas() {
        return commas;
    }

    /** The scope claim {@code name}, split as RFC 6749 says (on spaces only). */
    public static ScopeClaim of(String name) {
        return new ScopeClaim(name, false);
    }

    /**
     * Reads {@code oauth.scope.claim} (or Kafka's {@code sasl.oauthbearer.scope.claim.name}) and
     * {@code oauth.scope.claim.separators}: a list of {@value #SPACE} (always) and {@value #COMMA}.
     */
    public static ScopeClaim from(OptionReader reader) {
        String option = OptionNames.SCOPE_CLAIM_SEPARATORS;
        List<String> separators = reader.list(Option.SCOPE_CLAIM_SEPARATORS).stream()
                .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableList());   // as every choice of words, case-insensitive
        for (String separator : separators) {
            if (!separator.equals(SPACE) && !separator.equals(COMMA)) {
                throw new InvalidOptionException(reader.name(option), "expected '" + SPACE + "' or '" + SPACE + ","
                        + COMMA + "' (names of the characters that separate scopes in a string claim)");
            }
        }
        if (!separators.contains(SPACE)) {
            throw new InvalidOptionException(reader.name(option), "must include '" + SPACE + "': a space always"
                    + " separates scopes (RFC 6749 §3.3); add '" + COMMA + "' for an IdP that writes commas");
        }
        return new ScopeClaim(reader.string(OptionNames.SCOPE_CLAIM, DEFAULT_NAME), separators.contains(COMMA));
    }

    /** The scopes in {@code claims}; none when the claim is absent or neither a string nor an array. */
    public List<String> scopes(Map<String, ?> claims) {
        Object value = Json.at(claims, name).orElse(null);
        if (value instanceof String) {
            return split((String) value, commas);
        }
        if (value instanceof List<?>) {
            List<?> list = (List<?>) value;
            List<String> scopes = new ArrayList<>(list.size());
            for (Object item : list) {
                if (item instanceof String && !((String) item).isEmpty()) {
                    scopes.add((String) item);
                }
            }
            return List.copyOf(scopes);
        }
        return List.of();
    }

    /** A scope string as RFC 6749 §3.3 has it (the {@code scope} of a token response or request): split on spaces. */
    public static List<String> split(String text) {
        return split(text, false);
    }

    /** {@code text} split on U+0020 (and commas if {@code commas}), without empty scopes. */
    static List<String> split(String text, boolean commas) {
        return Json.split(text, ' ', commas ? ',' : ' ');
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ScopeClaim)) {
            return false;
        }
        ScopeClaim other = (ScopeClaim) o;
        return Objects.equals(name, other.name) && commas == other.commas;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, commas);
    }

    @Override
    public String toString() {
        return name + (commas ? " (split on spaces and commas)" : "");
    }
}
