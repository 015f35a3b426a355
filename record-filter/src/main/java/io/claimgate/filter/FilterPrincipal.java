package io.claimgate.filter;

import io.claimgate.policy.cel.CelVariables;
import io.claimgate.common.claims.MappedClaims;
import io.claimgate.common.text.Sanitizer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.security.auth.KafkaPrincipal;

/**
 * Who the consumer is, as its filters see it: {@code principal.name} and {@code principal.type}
 * ({@code User}, as the broker's principal builder makes it), {@code claims}, {@code groups},
 * {@code scopes}. {@code listener} and {@code client.address} are broker-side facts a client does
 * not know: they are {@code ''} here. Immutable; a new token gives a new instance, and decision
 * caches belong to one instance, so they can never outlive the identity they were made for.
 */
final class FilterPrincipal {
    private final String name;
    private final String origin;
    private final Map<String, Object> variables;

    private FilterPrincipal(String name, String origin, Map<String, Object> variables) {
        this.name = name;
        this.origin = origin;
        this.variables = variables;
    }

    static FilterPrincipal fromClaims(MappedClaims mapped, String origin) {
        return new FilterPrincipal(mapped.principalName(), origin, CelVariables.principal(KafkaPrincipal.USER_TYPE,
                mapped.principalName(), mapped.claims(), mapped.groups(), mapped.scopes(), "", ""));
    }

    /** {@code claimgate.filter.principal}: a name only; no claims, groups or scopes. */
    static FilterPrincipal named(String name, String origin) {
        return new FilterPrincipal(name, origin, CelVariables.principal(KafkaPrincipal.USER_TYPE, name, Map.of(),
                List.of(), List.of(), "", ""));
    }

    String name() {
        return name;
    }

    /** Where the identity came from, for log lines. */
    String origin() {
        return origin;
    }

    /** The principal variables of {@code skip_when}, as CEL values. */
    Map<String, Object> variables() {
        return variables;
    }

    /** For log lines: the name sanitised (it comes from a token or the consumer's configs). */
    @Override
    public String toString() {
        return KafkaPrincipal.USER_TYPE + ":" + Sanitizer.sanitize(name, 256) + " (" + origin + ")";
    }
}
