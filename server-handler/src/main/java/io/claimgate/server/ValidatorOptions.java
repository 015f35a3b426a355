package io.claimgate.server;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.Option;
import io.claimgate.common.config.OptionNames;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The broker-side validation settings of one listener, read once in {@code configure()} and
 * immutable afterwards: the issuers whose tokens are accepted, and what is shared by all of them.
 *
 * <p>Without {@code oauth.issuers} the listener has one issuer, configured by the plain options
 * ({@code oauth.jwks.endpoint.uri}, ...). With {@code oauth.issuers=a,b} every validation option
 * may be given per issuer as {@code oauth.issuer.a.<rest>}; an issuer inherits the plain option
 * when it has no value of its own, except for the options declared {@link Option.Use#ISSUER_IDENTITY} (which IdP,
 * and the credentials for it), which each issuer must set itself. Several issuers also need
 * namespaces of their own ({@code IssuerNamespaces}).
 *
 * @param issuers               one or more, in the order of {@code oauth.issuers}
 * @param multiIssuer           whether {@code oauth.issuers} is set (tokens are routed by {@code iss})
 * @param allowedSaslExtensions SASL extension names a client may send
 * @param tokenCacheMaxEntries  validated tokens remembered ({@code oauth.token.cache.max.entries}); 0 = no cache
 * @param failFast              {@code oauth.fail.fast}: refuse to start when an IdP cannot be reached at
 *                              start-up, instead of starting and retrying in the background (default)
 */
public record ValidatorOptions(List<IssuerOptions> issuers, boolean multiIssuer, Set<String> allowedSaslExtensions,
                               int tokenCacheMaxEntries, boolean failFast) {

    /** Kafka accepts only letters in extension names ({@code OAuthBearerSaslServer.EXTENSION_KEY_PATTERN}). */
    private static final Pattern EXTENSION_NAME = Pattern.compile("[A-Za-z]+");
    private static final Pattern ISSUER_ID = Pattern.compile("[A-Za-z0-9_-]+");
    /** Declared in {@link Option}: which options may be given per issuer, which only per issuer, which never. */
    private static final Set<String> PER_ISSUER = Option.names(Option.Use.PER_ISSUER);
    private static final Set<String> PER_ISSUER_ONLY = Option.names(Option.Use.PER_ISSUER_ONLY);
    private static final Set<String> LISTENER_WIDE = Option.names(Option.Use.LISTENER);
    /** Which IdP an issuer is, and its credentials: never inherited from the unscoped option. */
    private static final Set<String> ISSUER_IDENTITY = Option.names(Option.Use.ISSUER_IDENTITY);

    public ValidatorOptions {
        issuers = List.copyOf(issuers);
        allowedSaslExtensions = Set.copyOf(allowedSaslExtensions);
    }

    /** The only issuer of a listener without {@code oauth.issuers}. */
    public IssuerOptions single() {
        if (issuers.size() != 1) {
            throw new IllegalStateException("the listener has " + issuers.size() + " issuers");
        }
        return issuers.get(0);
    }

    public static ValidatorOptions from(OptionReader reader) {
        reader.rejectUnknownOptions(Set.of(OptionNames.SASL_EXTENSION_PREFIX, OptionNames.ISSUER_PREFIX));
        List<String> ids = issuerIds(reader);
        checkScopedOptions(reader, ids);
        List<IssuerOptions> issuers = new ArrayList<>();
        boolean sharedNamespace = reader.bool(Option.ISSUERS_SHARED_NAMESPACE);
        if (ids.isEmpty()) {
            if (reader.source().find(OptionNames.ISSUERS_SHARED_NAMESPACE).isPresent()) {
                throw new InvalidOptionException(reader.name(OptionNames.ISSUERS_SHARED_NAMESPACE), "applies only"
                        + " with several issuers (" + OptionNames.ISSUERS + "); remove it");
            }
            issuers.add(IssuerOptions.from(IssuerOptions.DEFAULT_ID, reader));
        } else {
            for (String option : PER_ISSUER_ONLY) {
                if (reader.source().jaasOptionNames().contains(option)) {
                    throw new InvalidOptionException(option, "with " + OptionNames.ISSUERS + " set, give it per"
                            + " issuer as " + OptionNames.ISSUER_PREFIX + "<id>." + option.substring("oauth.".length()));
                }
            }
            for (String id : ids) {
                OptionSource source = reader.source().scoped(OptionNames.ISSUER_PREFIX + id + ".",
                        option -> !ISSUER_IDENTITY.contains(option));
                issuers.add(IssuerOptions.from(id, new OptionReader(source)));
            }
            checkDistinctIssuers(issuers, reader);
            checkOneIntrospector(issuers);
            IssuerNamespaces.check(issuers, sharedNamespace);
        }
        return new ValidatorOptions(issuers, !ids.isEmpty(), saslExtensions(reader),
                reader.integer(Option.TOKEN_CACHE_MAX_ENTRIES),
                reader.bool(Option.FAIL_FAST));
    }

    private static List<String> issuerIds(OptionReader reader) {
        Optional<OptionSource.Found> found = reader.source().find(OptionNames.ISSUERS);
        if (found.isEmpty()) {
            return List.of();
        }
        List<String> ids = OptionReader.splitList(found.get().value());
        if (ids.isEmpty() || ids.stream().anyMatch(id -> !ISSUER_ID.matcher(id).matches())
                || new LinkedHashSet<>(ids).size() != ids.size()) {
            throw reader.invalid(OptionNames.ISSUERS, found.get(), "a comma list of distinct issuer names made of"
                    + " letters, digits, '-' and '_'");
        }
        return ids;
    }

    /** Fails on an {@code oauth.issuer.<id>.<rest>} JAAS option with an unknown id or option. */
    private static void checkScopedOptions(OptionReader reader, List<String> ids) {
        for (String rest : new TreeSet<>(reader.source().jaasOptionsWithPrefix(OptionNames.ISSUER_PREFIX).keySet())) {
            int dot = rest.indexOf('.');
            if (dot < 0) {
                continue;   // oauth.issuer.uri
            }
            String id = rest.substring(0, dot);
            String name = OptionNames.ISSUER_PREFIX + rest;
            String option = "oauth." + rest.substring(dot + 1);
            if (ids.isEmpty()) {
                throw new InvalidOptionException(name, "per-issuer options need " + OptionNames.ISSUERS
                        + " to list the issuer '" + id + "' (e.g. " + OptionNames.ISSUERS + "=" + id + ")");
            }
            if (!ids.contains(id)) {
                throw new InvalidOptionException(name, "'" + id + "' is not one of " + OptionNames.ISSUERS + " " + ids);
            }
            if (!PER_ISSUER.contains(option)) {
                throw new InvalidOptionException(name, LISTENER_WIDE.contains(option)
                        ? "applies to the whole listener; set " + option + " instead"
                        : "unknown per-issuer option; see docs/CONFIGURATION.md for the options of an issuer");
            }
        }
    }

    /** Tokens are routed by {@code iss}: every issuer needs one, and no two may share it. */
    private static void checkDistinctIssuers(List<IssuerOptions> issuers, OptionReader reader) {
        Map<String, String> seen = new HashMap<>();
        for (IssuerOptions issuer : issuers) {
            String prefix = OptionNames.ISSUER_PREFIX + issuer.id() + ".";
            String expected = issuer.claims().expectedIssuer().orElseThrow(() -> new InvalidOptionException(
                    prefix + "valid.issuer.uri", "is required with " + OptionNames.ISSUERS + ": tokens are routed to"
                    + " an issuer by their iss claim (or set " + prefix + "issuer.uri for OIDC discovery)"));
            String other = seen.putIfAbsent(expected, issuer.id());
            if (other != null) {
                throw new InvalidOptionException(prefix + "valid.issuer.uri", "issuers '" + other + "' and '"
                        + issuer.id() + "' both expect iss '" + expected + "'; each issuer needs its own");
            }
        }
    }

    /** An opaque token does not say who issued it: only one issuer may be asked about such tokens. */
    private static void checkOneIntrospector(List<IssuerOptions> issuers) {
        List<String> introspecting = issuers.stream().filter(i -> i.introspection().isPresent())
                .map(IssuerOptions::id).toList();
        if (introspecting.size() > 1) {
            throw new InvalidOptionException(OptionNames.ISSUER_PREFIX + introspecting.get(1) + ".introspection.endpoint.uri",
                    "issuers " + introspecting + " all introspect tokens; an opaque token does not say who issued it,"
                    + " so only one issuer of a listener may introspect (remove the introspection endpoint, or the"
                    + " client credentials next to an issuer.uri, of all but one)");
        }
    }

    private static Set<String> saslExtensions(OptionReader reader) {
        Optional<OptionSource.Found> found = reader.source().find(OptionNames.ALLOWED_SASL_EXTENSIONS);
        if (found.isEmpty()) {
            return Set.of();
        }
        List<String> names = OptionReader.splitList(found.get().value());
        for (String name : names) {
            if (!EXTENSION_NAME.matcher(name).matches()) {
                throw reader.invalid(OptionNames.ALLOWED_SASL_EXTENSIONS, found.get(),
                        "a comma list of SASL extension names made of letters only (as Kafka requires)");
            }
        }
        return Set.copyOf(names);
    }
}
