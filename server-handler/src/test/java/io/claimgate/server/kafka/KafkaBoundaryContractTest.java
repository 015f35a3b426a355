package io.claimgate.server.kafka;

import org.junit.jupiter.api.Test;

/**
 * The contract of the Kafka internals behind {@code io.claimgate.server.kafka}
 * ({@link KafkaBoundaryContract}) on the build's Kafka; {@code src-it} runs the same checks on the
 * older releases claimgate supports.
 */
class KafkaBoundaryContractTest {
    @Test
    void anUnauthenticatedConnectionIsAnonymous() {
        KafkaBoundaryContract.anUnauthenticatedConnectionIsAnonymous();
    }

    @Test
    void aSaslConnectionIsTheUserItAuthenticatedAs() {
        KafkaBoundaryContract.aSaslConnectionIsTheUserItAuthenticatedAs();
    }

    @Test
    void theMappingRulesAreReadFromTheBrokerOptionsKafkaReadsThemFrom() {
        KafkaBoundaryContract.theMappingRulesAreReadFromTheBrokerOptionsKafkaReadsThemFrom();
    }

    @Test
    void principalsSurviveTheSerdeToTheController() {
        KafkaBoundaryContract.principalsSurviveTheSerdeToTheController();
    }

    @Test
    void theAcceptedTokenIsTheSessionsNegotiatedProperty() throws Exception {
        KafkaBoundaryContract.theAcceptedTokenIsTheSessionsNegotiatedProperty();
    }
}
