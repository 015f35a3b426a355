package io.claimgate.server;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.OptionNames;
import io.claimgate.common.text.Sanitizer;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With several issuers on a listener, a token of one issuer must never produce a user or group
 * name that another issuer's tokens can produce: otherwise a partner IdP can mint a token for
 * {@code sub=admin} or {@code groups=["kafka-admins"]} and get the ACLs, policies and
 * {@code super.users} entries meant for the corporate IdP's {@code admin} and {@code kafka-admins}.
 *
 * <p>So every issuer needs a non-empty {@code oauth.issuer.<id>.username.prefix} and
 * {@code oauth.issuer.<id>.groups.prefix}, and no issuer's prefix may be a prefix of another's
 * (with {@code a/} and {@code a/b/}, {@code a/}'s user {@code b/x} would be {@code a/b/}'s user
 * {@code x}). Prefix-free prefixes make the names of two issuers disjoint: a name begins with
 * exactly one issuer's prefix. Unless {@code oauth.issuers.shared.namespace=true} says that the
 * issuers deliberately share one namespace; that is logged at WARN, naming them.
 */
final class IssuerNamespaces {
    private static final Logger log = LoggerFactory.getLogger(IssuerNamespaces.class);

    private IssuerNamespaces() {
    }

    /**
     * Fails start-up with an {@link InvalidOptionException} naming the issuer and the option.
     *
     * @param shared {@code oauth.issuers.shared.namespace}
     */
    static void check(List<IssuerOptions> issuers, boolean shared) {
        if (issuers.size() < 2) {
            return;
        }
        List<String> ids = issuers.stream().map(IssuerOptions::id).toList();
        if (shared) {
            log.warn("claimgate: {}=true: the issuers {} share one namespace of user and group names. A token of"
                    + " any of them can produce the name of a user or group of another, and gets that name's ACLs,"
                    + " policies and super.users entries. Give each issuer its own {} and {} instead, unless the"
                    + " issuers are the same organisation.", OptionNames.ISSUERS_SHARED_NAMESPACE, ids,
                    perIssuer("<id>", OptionNames.USERNAME_PREFIX), perIssuer("<id>", OptionNames.GROUPS_PREFIX));
            return;
        }
        checkPrefixes(issuers, OptionNames.USERNAME_PREFIX, issuer -> issuer.mapping().usernamePrefix(), "user");
        checkPrefixes(issuers, OptionNames.GROUPS_PREFIX, issuer -> issuer.mapping().groupsPrefix(), "group");
    }

    private static void checkPrefixes(List<IssuerOptions> issuers, String option,
                                      Function<IssuerOptions, String> prefixOf, String kind) {
        for (IssuerOptions issuer : issuers) {
            if (prefixOf.apply(issuer).isEmpty()) {
                throw new InvalidOptionException(perIssuer(issuer.id(), option), "is required for issuer '"
                        + issuer.id() + "' with several " + OptionNames.ISSUERS + ": each issuer needs its own "
                        + kind + " name prefix, or its tokens could produce another issuer's " + kind + " names and get"
                        + " their ACLs (or set " + OptionNames.ISSUERS_SHARED_NAMESPACE + "=true if the issuers"
                        + " deliberately share one namespace)");
            }
        }
        for (IssuerOptions issuer : issuers) {
            for (IssuerOptions other : issuers) {
                String prefix = prefixOf.apply(issuer);
                String otherPrefix = prefixOf.apply(other);
                if (issuer != other && otherPrefix.startsWith(prefix)) {
                    throw new InvalidOptionException(perIssuer(issuer.id(), option), "'" + Sanitizer.sanitize(prefix)
                            + "' of issuer '" + issuer.id() + "' is a prefix of '" + Sanitizer.sanitize(otherPrefix)
                            + "' of issuer '" + other.id() + "' (" + perIssuer(other.id(), option) + "), so both could"
                            + " produce the same " + kind + " name; no issuer's prefix may begin another's (e.g."
                            + " 'corp/' and 'partner/')" + (prefix.equals(otherPrefix) ? "; an issuer without a prefix"
                            + " of its own inherits " + option : ""));
                }
            }
        }
    }

    private static String perIssuer(String id, String option) {
        return OptionNames.ISSUER_PREFIX + id + "." + option.substring("oauth.".length());
    }
}
