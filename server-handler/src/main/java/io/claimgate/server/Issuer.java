package io.claimgate.server;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One configured issuer as the validation pipeline knows it: built once per validator from its
 * {@link IssuerOptions}, then carried by every {@link ValidatedToken} it accepted and every
 * rejection its rules made, so that the layers above (token cache, metrics, log) read what they
 * need from the token instead of looking the issuer up again by its {@code iss} or its id.
 *
 * @param id             the issuer's name in {@code oauth.issuers}, or {@value IssuerOptions#DEFAULT_ID};
 *                       the {@code issuer} tag of the metrics
 * @param expectedIssuer the {@code iss} its tokens must carry; empty = not checked
 * @param clockSkew      its tolerance for {@code exp}, {@code nbf} and {@code iat}, also on token cache hits
 * @param usernamePrefix the namespace of its user names ({@code oauth.username.prefix}); "" = none
 * @param groupsPrefix   the namespace of its group names ({@code oauth.groups.prefix}); "" = none
 */
public record Issuer(String id, Optional<String> expectedIssuer, Duration clockSkew, String usernamePrefix,
                     String groupsPrefix) {

    public Issuer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expectedIssuer, "expectedIssuer");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(usernamePrefix, "usernamePrefix");
        Objects.requireNonNull(groupsPrefix, "groupsPrefix");
    }
}
