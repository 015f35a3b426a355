package io.claimgate.login;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.OptionNames;
import io.claimgate.common.config.OptionSource;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * SASL extensions sent with the token (RFC 7628 §3.1 key/value pairs), e.g. Confluent Cloud's
 * {@code logicalCluster}: JAAS options {@code oauth.sasl.extension.<name>=<value>}. Kafka's own
 * {@code extension_<name>} options are honoured too, so a configuration written for Kafka's
 * built-in handler keeps working; the claimgate name wins when both are given.
 *
 * <p>Checked at configure time with the rules Kafka's SASL client applies when it sends them
 * ({@code OAuthBearerClientInitialResponse}), so a bad name fails start-up instead of every login.
 */
final class SaslExtensionOptions {
    /** Kafka's built-in handler's prefix. */
    static final String KAFKA_PREFIX = "extension_";
    /** Same as Kafka's {@code OAuthBearerClientInitialResponse.EXTENSION_KEY_PATTERN}. */
    static final Pattern NAME = Pattern.compile("[A-Za-z]+");
    /** Same as Kafka's {@code OAuthBearerClientInitialResponse.EXTENSION_VALUE_PATTERN}. */
    static final Pattern VALUE = Pattern.compile("[\\x21-\\x7E \t\r\n]+");
    /** Reserved by RFC 7628 for the token itself. */
    static final String RESERVED = "auth";

    private SaslExtensionOptions() {
    }

    static Map<String, String> from(OptionSource source) {
        Map<String, String> extensions = new TreeMap<>();
        Map<String, String> optionNames = new TreeMap<>();
        source.jaasOptionsWithPrefix(KAFKA_PREFIX).forEach((name, value) -> {
            extensions.put(name, value);
            optionNames.put(name, KAFKA_PREFIX + name);
        });
        source.jaasOptionsWithPrefix(OptionNames.SASL_EXTENSION_PREFIX).forEach((name, value) -> {
            extensions.put(name, value);
            optionNames.put(name, OptionNames.SASL_EXTENSION_PREFIX + name);
        });
        extensions.forEach((name, value) -> check(optionNames.get(name), name, value));
        return Map.copyOf(extensions);
    }

    private static void check(String option, String name, String value) {
        if (RESERVED.equals(name)) {
            throw new InvalidOptionException(option, "'auth' is reserved for the token itself (RFC 7628); use another name");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidOptionException(option, "the extension name '" + name
                    + "' is not allowed: Kafka accepts only letters (A-Z, a-z)");
        }
        // The value is not shown: extensions sometimes carry credentials.
        if (!VALUE.matcher(value).matches()) {
            throw new InvalidOptionException(option, "the value is not allowed: Kafka accepts only printable"
                    + " ASCII, space, tab, CR and LF, and at least one character");
        }
    }
}
