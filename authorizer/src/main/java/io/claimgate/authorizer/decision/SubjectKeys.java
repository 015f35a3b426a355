package io.claimgate.authorizer.decision;

import io.claimgate.server.OAuthKafkaPrincipal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;

/**
 * Builds the {@link SubjectKey} of a request. Kafka builds a new principal object for every
 * request, but the claims map inside it is the token's, shared by all requests of a session; its
 * (deep) hash is remembered per map instance ({@link IdentityHashMemo}), so a cache hit does not
 * rehash every claim.
 * Principals of other listeners (SSL, SCRAM, PLAINTEXT) have no groups, scopes or claims.
 */
final class SubjectKeys {
    private final IdentityHashMemo claimHashes = new IdentityHashMemo();

    SubjectKey of(AuthorizableRequestContext context) {
        KafkaPrincipal principal = context.principal();
        List<String> groups = List.of();
        Set<String> scopes = Set.of();
        Map<String, Object> claims = Map.of();
        int claimsHash = 0;
        if (principal instanceof OAuthKafkaPrincipal oauth) {
            groups = oauth.groups();
            scopes = oauth.scopes();
            claims = oauth.claims();
            claimsHash = claims.isEmpty() ? 0 : claimHashes.hashOf(claims);
        }
        return new SubjectKey(principal.getPrincipalType(), principal.getName(), groups, scopes, claims, claimsHash,
                context.listenerName(), context.clientAddress());
    }
}
