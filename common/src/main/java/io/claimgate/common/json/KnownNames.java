package io.claimgate.common.json;

import java.util.Arrays;

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
        "resource_access", "allowed-origins", "tenant", "org_id", "client_secret_expires_at",
    };
    private static final int LONGEST = longest();
    /** Names by length: a lookup compares the few names of the key's length, char by char. */
    private static final String[][] BY_LENGTH = byLength();

    private KnownNames() {
    }

    /** The constant equal to {@code in[start, end)}, or null. */
    static String find(String in, int start, int end) {
        int length = end - start;
        if (length > LONGEST) {
            return null;
        }
        for (String name : BY_LENGTH[length]) {
            if (in.regionMatches(start, name, 0, length)) {
                return name;
            }
        }
        return null;
    }

    private static int longest() {
        int longest = 0;
        for (String name : NAMES) {
            longest = Math.max(longest, name.length());
        }
        return longest;
    }

    private static String[][] byLength() {
        String[][] table = new String[LONGEST + 1][];
        for (int length = 0; length <= LONGEST; length++) {
            final int wanted = length;
            table[length] = Arrays.stream(NAMES).filter(n -> n.length() == wanted).distinct()
                    .toArray(String[]::new);
        }
        return table;
    }
}
