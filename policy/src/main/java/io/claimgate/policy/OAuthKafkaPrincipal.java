package io.claimgate.policy;

import io.claimgate.common.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.security.auth.KafkaPrincipal;

/**
 * A Kafka principal that also carries what the token said: groups, scopes and all claims, so the
 * authorizer can decide from them.
 *
 * <p>Built by the broker's {@code OAuthPrincipalBuilder} (server-handler), read by the authorizer and
 * the REST extensions: it lives in the policy module, which both use, so that the authorizer does
 * not depend on the validator. Its package keeps the public name it has always had.
 *
 * <p>{@code equals}/{@code hashCode} are deliberately inherited from {@link KafkaPrincipal}
 * (class, type and name only): Kafka refuses a re-authentication whose principal is not equal to
 * the previous one, and a refreshed token legitimately carries new claims for the same client.
 */
public final class OAuthKafkaPrincipal extends KafkaPrincipal {
    private final List<String> groups;
    private final Set<String> scopes;
    private final Map<String, Object> claims;

    public OAuthKafkaPrincipal(String principalType, String name, List<String> groups, Set<String> scopes,
                               Map<String, Object> claims) {
        super(principalType, name);
        this.groups = List.copyOf(groups);
        this.scopes = Set.copyOf(scopes);
        this.claims = JsonObject.immutable(claims);   // the validator's claims as they are, others copied
    }

    public List<String> groups() {
        return groups;
    }

    public Set<String> scopes() {
        return scopes;
    }

    public Map<String, Object> claims() {
        return claims;
    }
}
