package io.claimgate.login;

import io.claimgate.common.http.IdpResponse;
import java.net.URI;
import java.text.ParseException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a token endpoint's answer (RFC 6749 §5.1 success, §5.2 error) into a token or into an
 * error message for the user. Messages quote what the IdP said, cleaned and bounded by
 * {@link SafeText}, and never the request's secrets nor a token.
 */
final class TokenResponses {
    static final int MAX_ERROR_CODE = 100;
    static final int MAX_DESCRIPTION = 300;
    static final int MAX_BODY_EXCERPT = 200;

    private TokenResponses() {
    }

    /**
     * The token of a successful answer.
     *
     * @param secrets values that must not appear in a message (client secret, assertion, header)
     */
    static ClientAccessToken token(URI endpoint, IdpResponse response, Instant requestedAt, String clientId,
                                   Optional<String> requestedScope, Collection<String> secrets)
            throws TokenRetrievalException {
        if (!response.isSuccess()) {
            throw new TokenRetrievalException(describeFailure(endpoint, response, secrets),
                    TokenFailureReason.ofErrorCode(jsonObject(response).map(j -> j.get("error")).orElse(null)), null);
        }
        Map<String, Object> json;
        try {
            json = response.jsonObject();
        } catch (ParseException e) {
            // The body is not quoted: a 2xx body might be a token in some other format.
            throw new TokenRetrievalException(prefix(endpoint, response)
                    + " but its body is not a JSON token response (RFC 6749 section 5.1); is this the token endpoint?",
                    TokenFailureReason.BAD_RESPONSE, null);
        }
        Object accessToken = json.get("access_token");
        if (!(accessToken instanceof String) || ((String) accessToken).isBlank()) {
            throw new TokenRetrievalException(prefix(endpoint, response) + " without an access_token",
                    TokenFailureReason.BAD_RESPONSE, null);
        }
        String value = (String) accessToken;
        if (!ClientAccessToken.isSendable(value)) {
            throw new TokenRetrievalException(prefix(endpoint, response)
                    + " with an access_token Kafka cannot send (characters outside RFC 6750 b64token)",
                    TokenFailureReason.BAD_RESPONSE, null);
        }
        return ClientAccessToken.fromTokenResponse(value, requestedAt, expiresIn(json.get("expires_in")),
                nonBlankString(json.get("scope")),
                clientId, requestedScope);
    }

    /**
     * E.g. {@code token endpoint https://idp/token answered HTTP 401: invalid_client (client
     * authentication failed)}; for a non-OAuth error body, an excerpt of it (an HTML page from a
     * proxy, say).
     */
    static String describeFailure(URI endpoint, IdpResponse response, Collection<String> secrets) {
        StringBuilder sb = new StringBuilder(prefix(endpoint, response));
        Optional<Map<String, Object>> json = jsonObject(response);
        Object error = json.map(j -> j.get("error")).orElse(null);
        Optional<String> code = nonBlankString(error);
        if (code.isPresent()) {
            sb.append(": ").append(SafeText.clean(code.get(), MAX_ERROR_CODE, secrets));
            nonBlankString(json.get().get("error_description")).ifPresent(description ->
                    sb.append(" (").append(SafeText.clean(description, MAX_DESCRIPTION, secrets)).append(')'));
            sb.append(hint(code.get()));
        } else {
            String excerpt = SafeText.clean(response.body(), MAX_BODY_EXCERPT, secrets);
            sb.append(excerpt.isEmpty() ? " with an empty body" : ": " + excerpt);
        }
        return sb.toString();
    }

    private static String prefix(URI endpoint, IdpResponse response) {
        return "token endpoint " + endpoint + " answered HTTP " + response.status();
    }

    /** The two errors users meet first, with where to look. */
    private static String hint(String code) {
        switch (code) {
            case "invalid_client":
            case "unauthorized_client":
                return "; check oauth.client.id, the client secret or key,"
                        + " and oauth.client.auth.method (some IdPs accept only client_secret_post)";
            case "invalid_scope":
                return "; check oauth.scope";
            default:
                return "";
        }
    }

    private static Optional<String> nonBlankString(Object value) {
        return value instanceof String && !((String) value).isBlank() ? Optional.of((String) value) : Optional.empty();
    }

    private static Optional<Map<String, Object>> jsonObject(IdpResponse response) {
        try {
            return Optional.of(response.jsonObject());
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A number, or a numeric string (some IdPs send one); anything else is ignored. */
    private static Optional<Long> expiresIn(Object value) {
        try {
            long seconds = value instanceof Number ? ((Number) value).longValue()
                    : value instanceof String ? Long.parseLong(((String) value).trim()) : -1;
            return seconds > 0 ? Optional.of(seconds) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
