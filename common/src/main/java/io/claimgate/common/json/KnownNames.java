package io.claimgate.common.json;

/**
 * The member names nearly every JWT header and claim set carries (RFC 7515, 7519, 8693, OpenID
 * Connect, and the claims common IdPs add), as shared string constants. The parser returns these
 * instances instead of a new string per key: a broker parses the claims of every new token and
 * keeps them while the token is cached or its session lives, and the constants also come with their
 * hash codes computed. A name not listed here is simply copied out of the input, as before.
 */
final class KnownNames {
    private static final String[] NAMES = {
        // JOSE header
        "alg", "kid", "typ", "cty", "crit", "x5t", "x5t#S256", "jku", "x5u", "jwk", "x5c",
        // registered claims and OAuth/OIDC
        "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "azp", "scope", "scp", "client_id", "cid",
        "auth_time", "acr", "amr", "nonce", "at_hash", "sid", "act", "may_act", "cnf", "groups", "roles",
        "email", "email_verified", "name", "given_name", "family_name", "preferred_username", "upn",
        "unique_name", "uid", "oid", "tid", "ver", "appid", "idp", "session_state", "realm_access",
        "resource_access", "allowed-origins", "tenant", "org_id",
    };
    /**
     * Open addressing by {@link String#hashCode()}, which the parser computes while it scans a key:
     * a lookup is one slot (rarely two) and one comparison, whatever the key.
     */
    private static final String[] TABLE = table();
    private static final int MASK = TABLE.length - 1;

    private KnownNames() {
    }

    /**
     * The constant equal to {@code in[start, end)}, or null.
     *
     * @param hash the {@link String#hashCode()} of {@code in[start, end)}
     */
    static String find(String in, int start, int end, int hash) {
        for (int slot = spread(hash) & MASK; ; slot = (slot + 1) & MASK) {
            String name = TABLE[slot];
            if (name == null) {
                return null;
            }
            if (name.hashCode() == hash && name.length() == end - start && in.startsWith(name, start)) {
                return name;
            }
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    private static String[] table() {
        String[] table = new String[256];   // at most a quarter full: probe runs stay short
        for (String name : NAMES) {
            int slot = spread(name.hashCode()) & (table.length - 1);
            while (table[slot] != null && !table[slot].equals(name)) {
                slot = (slot + 1) & (table.length - 1);
            }
            table[slot] = name;
        }
        return table;
    }
}
