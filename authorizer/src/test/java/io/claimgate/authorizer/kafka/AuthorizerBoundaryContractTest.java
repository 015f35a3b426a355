package io.claimgate.authorizer.kafka;

import org.junit.jupiter.api.Test;

/**
 * The contract of the Kafka internals the authorizer uses ({@link AuthorizerBoundaryContract}) on
 * the build's Kafka; {@code src-it} runs the same checks on the older releases claimgate supports.
 */
class AuthorizerBoundaryContractTest {
    @Test
    void kafkaCallsTheMetadataHooksClaimAuthorizerOverrides() throws Exception {
        AuthorizerBoundaryContract.kafkaCallsTheMetadataHooksClaimAuthorizerOverrides();
    }

    @Test
    void aclsHandedToTheHooksDecideAndStayInKafkasCopy() throws Exception {
        AuthorizerBoundaryContract.aclsHandedToTheHooksDecideAndStayInKafkasCopy();
    }

    @Test
    void superUsersParseAsKafkaParsesThem() {
        AuthorizerBoundaryContract.superUsersParseAsKafkaParsesThem();
    }

    @Test
    void byResourceTypeRefusesWhatKafkaRefuses() {
        AuthorizerBoundaryContract.byResourceTypeRefusesWhatKafkaRefuses();
    }

    @Test
    void requestNamesAreKafkas() {
        AuthorizerBoundaryContract.requestNamesAreKafkas();
    }
}
