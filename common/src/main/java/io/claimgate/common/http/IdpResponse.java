package io.claimgate.common.http;

import io.claimgate.common.json.Json;
import java.util.Map;

/** A response from the identity provider: status and body (bounded in size). */
public record IdpResponse(int status, String body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body as a JSON object; throws {@link java.text.ParseException} if it is not one. */
    public Map<String, Object> jsonObject() throws java.text.ParseException {
        return Json.parseObject(body);
    }

    /** Without the body: it may hold an access token (token endpoint) or a token's claims (introspection). */
    @Override
    public String toString() {
        return "IdpResponse[status=" + status + ", body=(" + (body == null ? "none" : body.length() + " chars") + ")]";
    }
}
