package io.claimgate.login;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** How the client proves its identity to the token endpoint ({@code oauth.client.auth.method}). */
public enum ClientAuthMethod {
    /** RFC 6749 §2.3.1: HTTP Basic with the form-urlencoded client id and secret. The default. */
    CLIENT_SECRET_BASIC,
    /** RFC 6749 §2.3.1: {@code client_id} and {@code client_secret} in the request body. */
    CLIENT_SECRET_POST,
    /** RFC 7523 / OIDC Core §9: a JWT signed with the client's private key, no shared secret. */
    PRIVATE_KEY_JWT,
    /**
     * RFC 6749 §2.1 public client: only {@code client_id} is sent. Allowed with the jwt-bearer
     * grant only, where the assertion itself proves who asks.
     */
    NONE;

    /** The option value, e.g. {@code client_secret_basic}. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static final Map<String, ClientAuthMethod> BY_OPTION_VALUE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ClientAuthMethod::optionValue, Function.identity()));
}
