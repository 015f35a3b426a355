package io.claimgate.filter.kafka;

import org.apache.kafka.common.utils.AppInfoParser;

/**
 * The version of the kafka-clients jar the consumer runs with, for messages. Kafka publishes it
 * only through the internal {@code AppInfoParser} (the same string its clients log at start).
 */
public final class KafkaVersion {
    private KafkaVersion() {
    }

    /** For example {@code 3.9.1}; {@code (unknown version)} if Kafka cannot tell. */
    public static String running() {
        try {
            return AppInfoParser.getVersion();
        } catch (RuntimeException | LinkageError e) {
            return "(unknown version)";   // only ever part of a message: never fail for it
        }
    }
}
