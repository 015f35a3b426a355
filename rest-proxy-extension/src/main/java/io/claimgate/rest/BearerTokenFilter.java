package io.claimgate.rest;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JAX-RS side of {@link RestGuard}: reads the request, and either lets it through (with a
 * {@link SecurityContext} naming the principal) or aborts it with the guard's status, its
 * {@code WWW-Authenticate} challenge and a body in the shape Connect and REST Proxy both use for
 * errors ({@code {"error_code":401,"message":"..."}}). Registered with priority
 * {@link Priorities#AUTHENTICATION}, so it runs before the host's resources see the request.
 */
final class BearerTokenFilter implements ContainerRequestFilter {
    private final RestGuard guard;

    BearerTokenFilter(RestGuard guard) {
        this.guard = guard;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        List<String> authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        // Two Authorization headers are ambiguous; none of them is taken.
        String header = authorization != null && authorization.size() == 1 ? authorization.get(0) : null;
        Map<String, List<String>> query = new HashMap<>();
        request.getUriInfo().getQueryParameters().forEach((k, v) -> query.put(k, new ArrayList<>(v)));
        RestGuard.Outcome outcome = guard.check(new RestGuard.Request(request.getMethod(),
                request.getUriInfo().getPath(false), query, header,
                request.getHeaderString(ConnectAccess.SIGNATURE_HEADER) != null, null));
        if (outcome.passes()) {
            if (outcome.principal() != null) {
                request.setSecurityContext(new TokenSecurityContext(outcome.principal(), request.getSecurityContext()));
            }
            return;
        }
        Response.ResponseBuilder response = Response.status(outcome.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity("{\"error_code\":" + outcome.status() + ",\"message\":\"" + outcome.message() + "\"}");
        if (outcome.challenge() != null) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, outcome.challenge());
        }
        request.abortWith(response.build());
    }

    /** The caller, for Connect's resources; everything else as the container said. */
    private record TokenSecurityContext(Principal principal, SecurityContext container) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;   // roles are decided by claimgate's policies, not by the container
        }

        @Override
        public boolean isSecure() {
            return container != null && container.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
