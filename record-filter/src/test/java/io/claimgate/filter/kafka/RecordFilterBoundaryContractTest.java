package io.claimgate.filter.kafka;

import org.junit.jupiter.api.Test;

/**
 * The contract of the kafka-clients internals behind {@code io.claimgate.filter.kafka}
 * ({@link RecordFilterBoundaryContract}) on the build's kafka-clients; {@code src-it}
 * ({@code filter/OlderKafkaClientsTest}) runs the same checks on the older releases claimgate's
 * client jar supports.
 */
class RecordFilterBoundaryContractTest {
    @Test
    void theAdaptersLinkAgainstMethodsThisReleaseHas() throws Exception {
        RecordFilterBoundaryContract.theAdaptersLinkAgainstMethodsThisReleaseHas();
    }

    @Test
    void batchesAreBuiltByTheConstructorThisReleaseHas() throws Exception {
        RecordFilterBoundaryContract.batchesAreBuiltByTheConstructorThisReleaseHas();
    }

    @Test
    void theHeaderFieldsAreFound() {
        RecordFilterBoundaryContract.theHeaderFieldsAreFound();
    }

    @Test
    void aFetchedHeaderKeepsItsRawBytesUntilKafkaDecodesThem() {
        RecordFilterBoundaryContract.aFetchedHeaderKeepsItsRawBytesUntilKafkaDecodesThem();
    }

    @Test
    void aLookupDecodesNoOtherHeaderAndFindsWhatLastHeaderFinds() {
        RecordFilterBoundaryContract.aLookupDecodesNoOtherHeaderAndFindsWhatLastHeaderFinds();
    }

    @Test
    void anAddedHeaderIsTheObjectFoundAgain() {
        RecordFilterBoundaryContract.anAddedHeaderIsTheObjectFoundAgain();
    }

    @Test
    void theLoginModuleEntryIsParsedAsTheLoginGetsIt() {
        RecordFilterBoundaryContract.theLoginModuleEntryIsParsedAsTheLoginGetsIt();
    }

    @Test
    void applicationClassesAreInstantiatedAsKafkaDoes() throws Exception {
        RecordFilterBoundaryContract.applicationClassesAreInstantiatedAsKafkaDoes();
    }

    /** The version the consumer's messages name, from the build (record-filter/pom.xml). */
    @Test
    void theRunningVersionIsTheBuildsKafkaClients() {
        RecordFilterBoundaryContract.theRunningVersionIs(System.getProperty("claimgate.kafka.version"));
    }
}
