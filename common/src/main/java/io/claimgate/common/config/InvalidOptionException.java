package io.claimgate.common.config;

import org.apache.kafka.common.config.ConfigException;

/**
 * A claimgate option is missing or has a value we cannot use. The message always names the
 * option and what is expected; it never contains the value of a secret option.
 *
 * <p>Extends Kafka's {@link ConfigException} so that Kafka reports it like its own configuration
 * errors and refuses to start the listener or client.
 */
public final class InvalidOptionException extends ConfigException {
    private static final long serialVersionUID = 1L;

    private final String option;

    public InvalidOptionException(String option, String problem) {
        super("claimgate option '" + option + "': " + problem);
        this.option = option;
    }

    /** The name of the offending option, as the user wrote it (JAAS name or Kafka config name). */
    public String option() {
        return option;
    }
}
