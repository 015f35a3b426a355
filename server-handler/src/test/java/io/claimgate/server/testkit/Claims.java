package io.claimgate.server.testkit;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/** Claims of a typical, valid access token; tests change only what they are about. */
public final class Claims {
    public static final String ISSUER = "https://idp.example/realms/kafka";
    public static final String AUDIENCE = "kafka-broker";

    private Claims() {
    }

    public static JWTClaimsSet.Builder valid() {
        Instant now = now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("service-account-orders")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("scope", "kafka profile")
                .claim("client_id", "orders-app");
    }

    /** Whole seconds, as JWT times are. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    public static Date in(Duration offset) {
        return Date.from(now().plus(offset));
    }
}
