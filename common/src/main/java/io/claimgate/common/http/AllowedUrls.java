package io.claimgate.common.http;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.OptionReader;
import java.net.URI;
import java.util.List;

/**
 * Honours Kafka's {@code org.apache.kafka.sasl.oauthbearer.allowed.urls} system property, which
 * Kafka 4 applies to its own OAuth handlers: when it is set, claimgate fetches only URLs on that
 * list, so operators keep a single control against server-side request forgery. When it is not
 * set, claimgate still fetches only the URLs in its configuration (never one taken from a token).
 */
public final class AllowedUrls {
    public static final String SYSTEM_PROPERTY = "org.apache.kafka.sasl.oauthbearer.allowed.urls";

    private AllowedUrls() {
    }

    /** Throws, naming {@code option}, if {@code uri} is not allowed by the system property. */
    public static void check(String option, URI uri) {
        String allowed = System.getProperty(SYSTEM_PROPERTY);
        if (allowed == null) {
            return;
        }
        List<String> list = OptionReader.splitList(allowed);
        if (!list.contains(uri.toString())) {
            throw new InvalidOptionException(option, "URL " + uri + " is not in the system property "
                    + SYSTEM_PROPERTY + "; add it there (comma list) to allow claimgate to call it");
        }
    }
}
