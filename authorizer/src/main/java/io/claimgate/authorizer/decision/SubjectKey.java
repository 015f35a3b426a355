package io.claimgate.authorizer.decision;

import io.claimgate.common.text.Sanitizer;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.security.auth.KafkaPrincipal;

/**
 * Everything about a requester that a decision may depend on: principal type and name, the
 * token's claims, groups and scopes, the listener and the client address. Two requests with equal
 * keys get the same decision for the same action under the same ACLs and policies. The key always
 * holds all of these, whether or not the loaded policies read them: simpler to reason about, and
 * a connection's requests share one key anyway.
 *
 * <p>The hash is computed once; equality checks identity first, which is what a cache hit sees:
 * {@link SubjectKeys} hands out one canonical instance per requester. Comparing the parts (claims
 * maps included) is the slow path, for keys that are not canonical.
 */
final class SubjectKey {
    private static final String WILDCARD_USER_NAME = "*";

    final String type;
    final String name;
    final List<String> groups;
    final Collection<String> scopes;
    final Map<String, Object> claims;
    final String listener;
    final InetAddress address;
    private final int hash;

    SubjectKey(String type, String name, List<String> groups, Collection<String> scopes, Map<String, Object> claims,
               int claimsHash, String listener, InetAddress address) {
        this.type = type;
        this.name = name;
        this.groups = groups;
        this.scopes = scopes;
        this.claims = claims;
        this.listener = listener;
        this.address = address;
        int h = type.hashCode();
        h = 31 * h + name.hashCode();
        h = 31 * h + groups.hashCode();
        h = 31 * h + scopes.hashCode();
        h = 31 * h + claimsHash;
        h = 31 * h + Objects.hashCode(listener);
        h = 31 * h + Objects.hashCode(address);
        this.hash = h;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof SubjectKey k && k.hash == hash && k.name.equals(name) && k.type.equals(type)
                && Objects.equals(k.listener, listener) && Objects.equals(k.address, address)
                && same(k.groups, groups) && same(k.scopes, scopes) && same(k.claims, claims);
    }

    private static boolean same(Object a, Object b) {
        return a == b || a.equals(b);
    }

    /**
     * Whether the requester is {@code User:*}, the name Kafka's ACLs use for "every principal".
     * Kafka's StandardAuthorizer refuses such a requester (its principal set would hold
     * {@code User:*} twice); it must not pass as one who holds the ACLs meant for everyone.
     */
    boolean isWildcardUser() {
        return WILDCARD_USER_NAME.equals(name) && KafkaPrincipal.USER_TYPE.equals(type);
    }

    /** {@code User:client1}, as Kafka prints principals. */
    String principal() {
        return type + ":" + name;
    }

    /** For log lines: sanitised, as the name may come from a token or another listener's client. */
    @Override
    public String toString() {
        return Sanitizer.sanitize(principal(), 256);
    }
}
