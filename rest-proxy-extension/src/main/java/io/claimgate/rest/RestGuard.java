package io.claimgate.rest;

import io.claimgate.policy.OAuthKafkaPrincipal;
import io.claimgate.server.OAuthPrincipalBuilder;
import io.claimgate.server.ValidatedToken;
import io.claimgate.common.text.Sanitizer;
import io.claimgate.server.validation.TokenValidationException;
import io.claimgate.server.validation.TokenValidationException.Reason;
import io.claimgate.server.validation.TokenValidator;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides one REST request, free of JAX-RS so that it can be tested directly: bearer token → the
 * broker's validator stack → principal → the API's access table ({@link ConnectAccess},
 * {@link RestProxyAccess}) → policy decision on the resource it names. Thread-safe and
 * non-blocking apart from the validator, whose IdP calls are bounded by the HTTP timeouts.
 *
 * <p>Responses, deny by default, never echoing the token:
 * <ul>
 *   <li>no {@code Authorization: Bearer} header: 401 with a bare {@code WWW-Authenticate: Bearer
 *       realm="..."} (RFC 6750 §3.1: no error code when no credentials were sent);</li>
 *   <li>a token the validator rejects: 401, {@code error="invalid_token"} and the reason
 *       ({@code EXPIRED: ...}) as {@code error_description}, as a broker tells a Kafka client;</li>
 *   <li>the IdP cannot be asked right now (keys unavailable, introspection failed) or an internal
 *       error: 503, so the caller retries instead of fetching a new token;</li>
 *   <li>valid token, not allowed (or an unknown endpoint): 403.</li>
 * </ul>
 */
final class RestGuard {
    private static final Logger LOG = LoggerFactory.getLogger(RestGuard.class);
    /** Longest reason sent back; details are short, this bounds the worst case. */
    static final int MAX_DESCRIPTION_LENGTH = 300;
    /** Reasons that say nothing about the token, only that it could not be judged now. */
    private static final Set<Reason> UNAVAILABLE = EnumSet.of(Reason.KEYS_UNAVAILABLE, Reason.INTROSPECTION_FAILED,
            Reason.INTERNAL_ERROR);

    /** What to do with a request: pass it on ({@link #status} 0), or answer it with this status. */
    record Outcome(int status, OAuthKafkaPrincipal principal, String challenge, String message) {
        static Outcome pass(OAuthKafkaPrincipal principal) {
            return new Outcome(0, principal, null, null);
        }

        boolean passes() {
            return status == 0;
        }
    }

    /** The parts of a request the guard reads. {@code rawPath} is percent-encoded, relative or absolute. */
    record Request(String method, String rawPath, Map<String, List<String>> query, String authorization,
                   boolean signed, InetAddress clientAddress) {
        /** Without the Authorization header's value, which carries the bearer token. */
        @Override
        public String toString() {
            return "Request[" + method + " " + rawPath + ", authorization=" + (authorization == null ? "none" : "(hidden)")
                    + ", signed=" + signed + ", client=" + clientAddress + "]";
        }
    }

    private final TokenValidator validator;
    private final BiPredicate<AuthorizableRequestContext, RestAccess> authorizer;
    private final Set<String> publicPaths;
    private final RestSurface surface;
    private final String realm;
    /** Set by {@link #close}: a filter the server still holds then answers 503 instead of using stopped parts. */
    private volatile boolean closed;

    RestGuard(TokenValidator validator, BiPredicate<AuthorizableRequestContext, RestAccess> authorizer,
              Set<String> publicPaths, RestSurface surface) {
        this.validator = validator;
        this.authorizer = authorizer;
        this.publicPaths = Set.copyOf(publicPaths);
        this.surface = surface;
        this.realm = surface.realm();
    }

    Outcome check(Request request) {
        String method = request.method().toUpperCase(Locale.ROOT);
        if ((method.equals("GET") || method.equals("HEAD"))
                && publicPaths.contains(RestOptions.normalize(request.rawPath()))) {
            return Outcome.pass(null);
        }
        RestAccess access = surface.table().of(method, request.rawPath(), request.query(), request.signed());
        if (access.kind() == RestAccess.Kind.INTERNAL) {
            // Connect verifies the session-key signature itself and refuses a bad one (403).
            return Outcome.pass(null);
        }
        if (closed) {
            // The extension was closed (server shutdown, or configured again): its validator no longer
            // refreshes keys and its policies no longer reload, so it answers nothing from them.
            return new Outcome(503, null, null, "the claimgate extension was closed");
        }
        String token = bearerToken(request.authorization());
        if (token == null) {
            return new Outcome(401, null, "Bearer realm=\"" + realm + "\"", "a bearer token is required");
        }
        ValidatedToken validated;
        try {
            validated = validator.validate(token);
        } catch (TokenValidationException e) {
            return rejected(e);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("claimgate: unexpected failure while validating a REST token; rejecting it", e);
            return rejected(new TokenValidationException(Reason.INTERNAL_ERROR,
                    "unexpected " + e.getClass().getSimpleName() + ", see the server log"));
        }
        OAuthKafkaPrincipal principal = OAuthPrincipalBuilder.principalOf(validated);
        if (access.kind() == RestAccess.Kind.UNMAPPED) {
            LOG.info("claimgate denied {} {} {}: not an endpoint the {} access table allows",
                    Sanitizer.sanitize(principal.toString(), 256), Sanitizer.sanitize(method, 16),
                    Sanitizer.sanitize(request.rawPath(), 120), surface.name());
            return forbidden(principal);
        }
        RestRequestContext context = new RestRequestContext(principal, request.clientAddress(), "", surface.listener());
        if (!authorizer.test(context, access)) {
            return forbidden(principal);
        }
        return Outcome.pass(principal);
    }

    private Outcome forbidden(OAuthKafkaPrincipal principal) {
        return new Outcome(403, principal, null, "principal " + Sanitizer.forJsonStatus(principal.getName(), Sanitizer.MAX_LENGTH)
                + " is not allowed to do this");
    }

    private Outcome rejected(TokenValidationException e) {
        String context = e.context();
        LOG.info("claimgate rejected a REST token: {}: {}{}", e.reason(), e.detail(),
                context.isEmpty() ? "" : " [" + context + "]");
        // Printable ASCII without quotes or backslashes: valid inside an RFC 6750 quoted string and JSON.
        String description = Sanitizer.forJsonStatus(e.reason() + ": " + e.detail(), MAX_DESCRIPTION_LENGTH);
        if (UNAVAILABLE.contains(e.reason())) {
            return new Outcome(503, null, null, "the token cannot be checked now (" + description + ")");
        }
        return new Outcome(401, null, "Bearer realm=\"" + realm + "\", error=\"invalid_token\", error_description=\""
                + description + "\"", "invalid token: " + description);
    }

    /** From now on every request that needs a token is answered 503. */
    void close() {
        closed = true;
    }

    /** The token of an {@code Authorization: Bearer <token>} header (scheme case-insensitive), else null. */
    static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = value.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
