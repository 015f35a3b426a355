package io.claimgate.authorizer.decision;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.claimgate.policy.OAuthKafkaPrincipal;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;

/**
 * Builds the {@link SubjectKey} of a request, and for token principals hands out ONE canonical key
 * instance per distinct requester: equal keys are interned (bounded), and the key found for a
 * session's claims map is remembered by identity ({@link SubjectKeyMemo}). A decision-cache hit
 * then compares subjects with {@code ==} instead of comparing every claim, and the claims are
 * hashed once per claims map, not per request. Interning is only a shortcut: keys stay equal by
 * content, so a key that is not canonical (evicted from the interner, or from another authorizer)
 * still finds equal entries, just more slowly.
 * Principals of other listeners (SSL, SCRAM, PLAINTEXT) have no groups, scopes or claims; their keys
 * are cheap to build and to compare (the empty collections are shared instances).
 *
 * <p>Thread-safe: the memo is lock-free, the interner a Caffeine cache.
 */
final class SubjectKeys {
    private final SubjectKeyMemo memo = new SubjectKeyMemo();
    private final Cache<SubjectKey, SubjectKey> interned;

    /** @param maxRequesters bound of the interner: distinct requesters remembered at once */
    SubjectKeys(long maxRequesters) {
        this.interned = Caffeine.newBuilder().maximumSize(maxRequesters).build();
    }

    SubjectKey of(AuthorizableRequestContext context) {
        KafkaPrincipal principal = context.principal();
        String listener = context.listenerName();
        InetAddress address = context.clientAddress();
        String type = principal.getPrincipalType();
        String name = principal.getName();
        if (!(principal instanceof OAuthKafkaPrincipal oauth)) {
            return new SubjectKey(type, name, List.of(), Set.of(), Map.of(), 0, listener, address);
        }
        List<String> groups = oauth.groups();
        Set<String> scopes = oauth.scopes();
        Map<String, Object> claims = oauth.claims();
        if (claims.isEmpty()) {
            // Not a token's map (the shared empty one): nothing to remember by identity, nothing costly to hash.
            return new SubjectKey(type, name, groups, scopes, claims, 0, listener, address);
        }
        SubjectKey known = memo.get(type, name, groups, scopes, claims, listener, address);
        if (known != null) {
            return known;
        }
        SubjectKey key = new SubjectKey(type, name, groups, scopes, claims, claims.hashCode(), listener, address);
        SubjectKey canonical = interned.get(key, k -> k);
        memo.put(canonical, name, groups, scopes, claims);
        return canonical;
    }
}
