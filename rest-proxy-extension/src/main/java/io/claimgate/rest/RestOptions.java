package io.claimgate.rest;

import io.claimgate.authorizer.config.AuthorizerOptions;
import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.UnknownOptions;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import io.claimgate.server.ValidatorOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything a REST extension reads from its host's properties (a Connect worker's, REST Proxy's),
 * once, at start-up.
 *
 * <p>No second parser: the {@code oauth.*} worker properties go through the broker's
 * {@link ValidatorOptions} (same names, defaults, checks, environment-variable fallback), and the
 * {@code claimgate.*} ones through the authorizer's {@link AuthorizerOptions}. Differences, on
 * purpose:
 * <ul>
 *   <li>Kafka's {@code sasl.oauthbearer.*} configs are <em>not</em> fallbacks here: in a worker
 *       or REST Proxy config they belong to the host's own Kafka clients, not to REST callers.</li>
 *   <li>{@value AuthorizerOptions#POLICY_LOCATION} is required: the REST API has no Kafka ACLs, so
 *       without policies every request would be denied.</li>
 *   <li>{@code allow.everyone.if.no.acl.found} is ignored (always false): with no ACLs at all it
 *       would open every endpoint no rule names.</li>
 * </ul>
 *
 * @param validator   the validation options, as a broker listener's
 * @param authorizer  the policy options
 * @param publicPaths {@value #PUBLIC_PATHS}: exact paths answered to GET/HEAD without a token
 */
record RestOptions(ValidatorOptions validator, AuthorizerOptions authorizer, Set<String> publicPaths) {

    /** claimgate's own: exact request paths (e.g. {@code /health}) that need no token for GET/HEAD. */
    static final String PUBLIC_PATHS = "claimgate.rest.public.paths";
    private static final String REST_PREFIX = "claimgate.rest.";
    /** Connect's own worker property: how workers of a distributed cluster talk to each other. */
    static final String CONNECT_PROTOCOL = "connect.protocol";

    RestOptions {
        publicPaths = Set.copyOf(publicPaths);
    }

    /** A Connect worker's options. */
    static RestOptions from(Map<String, ?> workerConfig) {
        return from(workerConfig, System::getenv, RestSurface.CONNECT);
    }

    static RestOptions from(Map<String, ?> workerConfig, Function<String, String> environment) {
        return from(workerConfig, environment, RestSurface.CONNECT);
    }

    /** The options of the extension guarding {@code surface}, from its host's properties. */
    static RestOptions from(Map<String, ?> workerConfig, Function<String, String> environment, RestSurface surface) {
        rejectUnknownRestOptions(workerConfig);
        if (surface == RestSurface.CONNECT) {
            requireSignedWorkerRequests(workerConfig);
        }
        Map<String, Object> oauth = new HashMap<>();
        workerConfig.forEach((name, value) -> {
            if (name.startsWith("oauth.")) {
                oauth.put(name, value);
            }
        });
        OptionSource source = OptionSource.of(oauth, Map.of(), environment).withKind(surface.optionKind());
        ValidatorOptions validator = ValidatorOptions.from(new OptionReader(source));

        Map<String, Object> authorizerConfig = new HashMap<>(workerConfig);
        authorizerConfig.remove(AuthorizerOptions.ALLOW_EVERYONE_IF_NO_ACL_FOUND);
        AuthorizerOptions authorizer = AuthorizerOptions.from(authorizerConfig, environment);
        if (authorizer.policyLocation().isEmpty()) {
            throw new InvalidOptionException(AuthorizerOptions.POLICY_LOCATION, "is required for the REST extension:"
                    + " the path of the policy file whose rules decide who may call the " + surface.name()
                    + " REST API (docs/CONFIGURATION.md, " + surface.docsSection() + ")");
        }
        return new RestOptions(validator, authorizer, publicPaths(workerConfig, environment));
    }

    Path policyLocation() {
        return authorizer.policyLocation().orElseThrow();
    }

    private static Set<String> publicPaths(Map<String, ?> config, Function<String, String> environment) {
        Object value = config.get(PUBLIC_PATHS);
        String text = value == null || value.toString().isBlank()
                ? environment.apply(OptionSource.environmentVariable(PUBLIC_PATHS)) : value.toString();
        Set<String> paths = new LinkedHashSet<>();
        if (text == null) {
            return paths;
        }
        for (String path : OptionReader.splitList(text)) {
            if (!path.startsWith("/") || path.contains("*") || path.contains("?") || path.contains("..")) {
                throw new InvalidOptionException(PUBLIC_PATHS, "expected exact paths starting with '/' (no"
                        + " wildcards), such as /health; got '" + path + "'");
            }
            paths.add(normalize(path));
        }
        return paths;
    }

    /** {@code /health/} and {@code /health} are the same path to Connect and REST Proxy. */
    static String normalize(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.startsWith("/") ? p : "/" + p;
    }

    /**
     * Workers call each other's internal endpoints (task configurations, zombie fencing) with no
     * token, only Connect's request signature, which {@link ConnectAccess} lets through for Connect
     * to verify. A distributed worker verifies it only with {@code connect.protocol=sessioned} (the
     * default); with {@code eager} or {@code compatible} anyone could send those requests with a
     * made-up signature header, so the extension refuses to start rather than leave them open.
     */
    private static void requireSignedWorkerRequests(Map<String, ?> config) {
        Object protocol = config.get(CONNECT_PROTOCOL);
        boolean distributed = config.get("group.id") != null;
        if (distributed && protocol != null && !protocol.toString().trim().equalsIgnoreCase("sessioned")) {
            throw new InvalidOptionException(CONNECT_PROTOCOL, "is '" + protocol.toString().trim() + "': workers then"
                    + " send each other unsigned internal requests, which the REST extension could not tell from a"
                    + " caller's; use sessioned (Connect's default) to use the claimgate REST extension");
        }
    }

    private static void rejectUnknownRestOptions(Map<String, ?> config) {
        UnknownOptions.reject(config, Set.of(REST_PREFIX), Set.of(PUBLIC_PATHS),
                "the REST extension knows " + PUBLIC_PATHS + " (docs/CONFIGURATION.md)");
    }
}
