package io.claimgate.login;

import java.util.Map;

/** The grant a login asks the token endpoint for ({@code oauth.grant.type}). */
public enum GrantType {
    /** RFC 6749 §4.4: the client's own credentials. The default. */
    CLIENT_CREDENTIALS("client_credentials"),
    /** RFC 7523 §2.1: an assertion issued by someone else (Kubernetes, a cloud) for a token. */
    JWT_BEARER("urn:ietf:params:oauth:grant-type:jwt-bearer");

    private final String wireValue;

    GrantType(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The {@code grant_type} sent to the token endpoint. */
    public String wireValue() {
        return wireValue;
    }

    /** Option values, lower case: the short names and the RFC's URN. */
    static final Map<String, GrantType> BY_OPTION_VALUE = Map.of(
            "client_credentials", CLIENT_CREDENTIALS,
            "jwt_bearer", JWT_BEARER,
            JWT_BEARER.wireValue, JWT_BEARER);
}
