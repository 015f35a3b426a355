package io.claimgate.filter;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import io.claimgate.common.claims.ClaimMapping;
import io.claimgate.common.claims.UnmappableClaimsException;
import io.claimgate.common.token.IssuedTokens;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The principal of the consumer's own token: the latest token claimgate's login handler handed to
 * Kafka for this consumer's JAAS entry ({@link IssuedTokens}), its JWT payload decoded WITHOUT
 * verification (it is the client's own token; the broker verifies it), mapped to name, groups and
 * scopes with the broker's rules ({@link ClaimMapping}) and the {@code oauth.username.claim},
 * {@code oauth.username.prefix}, {@code oauth.groups.claim}, {@code oauth.scope.claim} options of
 * the same JAAS entry. Set those as on the broker, or the two sides disagree on the name.
 *
 * <p>Each call is one volatile read; a token is decoded once, when it first appears (at login and
 * after each refresh). Opaque and encrypted tokens cannot be read on the client: then there is no
 * principal, and records are held back ({@code claimgate.filter.principal} is the way out). Tokens
 * are never logged.
 */
final class TokenPrincipalSource implements PrincipalSource {
    private static final Logger LOG = LoggerFactory.getLogger(TokenPrincipalSource.class);

    /** The last token seen and what it mapped to (null principal: unusable); swapped as a whole. */
    private static final class Decoded {
        private final String token;
        private final FilterPrincipal principal;

        Decoded(String token, FilterPrincipal principal) {
            this.token = token;
            this.principal = principal;
        }

        String token() {
            return token;
        }

        FilterPrincipal principal() {
            return principal;
        }

        @Override
        public String toString() {
            return "Decoded[token=(hidden), principal=" + principal + "]";
        }
    }

    private final IssuedTokens.Slot slot;
    private final ClaimMapping mapping;
    private volatile Decoded last = new Decoded(null, null);

    TokenPrincipalSource(IssuedTokens.Slot slot, ClaimMapping mapping) {
        this.slot = slot;
        this.mapping = mapping;
    }

    @Override
    public FilterPrincipal current() {
        String token = slot.current();
        Decoded known = last;
        if (token == known.token()) {   // identity: the same published token
            return known.principal();
        }
        Decoded decoded = new Decoded(token, token == null ? null : decode(token));
        last = decoded;
        return decoded.principal();
    }

    private FilterPrincipal decode(String token) {
        Map<String, Object> claims;
        try {
            JWT jwt = JWTParser.parse(token);
            // toJSONObject gives plain JSON values (dates as epoch seconds), as the broker's mapper uses.
            claims = jwt.getJWTClaimsSet().toJSONObject();
        } catch (Exception e) {
            LOG.error("claimgate record filter: the consumer's access token is not a readable JWT (opaque or"
                    + " encrypted), so its principal is unknown and every record is held back; set {} to filter"
                    + " as a fixed principal", FilterOptions.PRINCIPAL);
            return null;
        }
        try {
            FilterPrincipal principal = FilterPrincipal.fromClaims(mapping.map(claims), "the consumer's access token");
            LOG.info("claimgate record filter: filtering as {}", principal);
            return principal;
        } catch (UnmappableClaimsException e) {
            LOG.error("claimgate record filter: no principal in the consumer's access token ({}); every record is"
                    + " held back. {}", e.getMessage(), mapping);
            return null;
        }
    }

    @Override
    public String describe() {
        return "the consumer's access token from claimgate's login handler, " + mapping;
    }
}
