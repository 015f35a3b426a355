package io.claimgate.server.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The listener tag of a failed authentication, from the name of Kafka's network thread. */
class NetworkThreadListenerTest {
    @Test
    void theListenerIsReadFromKafkasNetworkThreadNamesOnly() {
        assertEquals("EXTERNAL", NetworkThreadListener.of("data-plane-kafka-network-thread-3-EXTERNAL-SASL_PLAINTEXT-0"));
        assertEquals("OAUTH_2", NetworkThreadListener.of("data-plane-kafka-network-thread-12-OAUTH_2-SASL_SSL-7"));
        assertEquals("unknown", NetworkThreadListener.of("main"));
        assertEquals("unknown", NetworkThreadListener.of("data-plane-kafka-request-handler-1"));
        assertEquals("unknown", NetworkThreadListener.of("data-plane-kafka-network-thread-1-EXTERNAL-SASL_SSL-x"));
    }
}
