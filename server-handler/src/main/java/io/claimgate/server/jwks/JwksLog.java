package io.claimgate.server.jwks;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The log lines of a {@link JwksCache}: loud when no key can be used, quiet when nothing changed. */
final class JwksLog {
    private static final Logger log = LoggerFactory.getLogger(JwksCache.class);

    private final JwksSource jwksSource;

    /** Describes the source on every line: a discovered URL is only known after discovery. */
    JwksLog(JwksSource source) {
        this.jwksSource = source;
    }

    void startTimedOut(Duration maxWait) {
        log.error("claimgate: the JWKS fetch from {} did not complete within {} ms at start-up. Tokens are rejected"
                + " (KEYS_UNAVAILABLE) until it does; the fetch continues in the background.", jwksSource.describe(),
                maxWait.toMillis());
    }

    void secretsPublished() {
        log.warn("claimgate: the JWKS from {} contains private or symmetric keys. They are ignored, but the identity"
                + " provider is publishing secrets: fix its configuration.", jwksSource.describe());
    }

    void fetched(JwksSnapshot previous, JwksSnapshot fresh) {
        if (!previous.loaded() || !previous.keyIds().equals(fresh.keyIds())) {
            log.info("claimgate fetched {} signing key(s) {} from {}", fresh.keys().size(), fresh.keyIds(),
                    jwksSource.describe());
        } else {
            log.debug("claimgate refreshed the JWKS from {}: unchanged", jwksSource.describe());
        }
    }

    void failed(Exception failure, JwksSnapshot last, boolean expired, Duration maxAge) {
        String what = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (expired) {
            log.error("claimgate CANNOT REFRESH THE JWKS from {} ({}) and the last good keys, fetched at {}, are older"
                    + " than oauth.jwks.max.age.seconds={}: NO TOKEN CAN BE VALIDATED until a fetch succeeds;"
                    + " retrying in the background.", jwksSource.describe(), what, last.fetchedAt(), maxAge.toSeconds());
        } else if (!last.loaded()) {
            log.error("claimgate CANNOT FETCH THE JWKS from {} ({}). No token can be validated until a fetch"
                    + " succeeds; retrying in the background.", jwksSource.describe(), what);
        } else {
            log.warn("claimgate could not refresh the JWKS from {} ({}); still using the {} key(s) fetched at {}",
                    jwksSource.describe(), what, last.keys().size(), last.fetchedAt());
        }
    }
}
