package io.claimgate.common.http;

import io.claimgate.common.json.JsonObjectParser;
import java.util.Map;
import java.util.Objects;

/** A response from the identity provider: status and body (bounded in size). */
public final class IdpResponse {
    private final int status;
    private final String body;

    public IdpResponse(int status, String body) {
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /**
     * The body as a JSON object; throws {@link java.text.ParseException} if it is not one. Parsed by
     * claimgate's own strict parser, not Nimbus: the login jar, which reads token responses and
     * discovery documents, carries no Nimbus.
     */
    public Map<String, Object> jsonObject() throws java.text.ParseException {
        return JsonObjectParser.parse(body);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdpResponse && status == ((IdpResponse) o).status
                && Objects.equals(body, ((IdpResponse) o).body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, body);
    }

    /** Without the body: it may hold an access token (token endpoint) or a token's claims (introspection). */
    @Override
    public String toString() {
        return "IdpResponse[status=" + status + ", body=(" + (body == null ? "none" : body.length() + " chars") + ")]";
    }
}
