package io.claimgate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclOperation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConnectAccessTest {

    @ParameterizedTest(name = "{0} /{1} -> {2}")
    @CsvSource({
            "GET, '', DESCRIBE",
            "HEAD, /, DESCRIBE",
            "GET, health, DESCRIBE",
            "GET, connectors, DESCRIBE",
            "GET, /connectors/, DESCRIBE",
            "POST, connectors, CREATE",
            "GET, connectors/s3-sink, DESCRIBE_CONFIGS",
            "DELETE, connectors/s3-sink, DELETE",
            "GET, connectors/s3-sink/config, DESCRIBE_CONFIGS",
            "PUT, connectors/s3-sink/config, ALTER_CONFIGS",
            "PATCH, connectors/s3-sink/config, ALTER_CONFIGS",
            "GET, connectors/s3-sink/status, DESCRIBE",
            "GET, connectors/s3-sink/topics, DESCRIBE",
            "PUT, connectors/s3-sink/topics/reset, ALTER",
            "GET, connectors/s3-sink/offsets, DESCRIBE",
            "PATCH, connectors/s3-sink/offsets, ALTER",
            "DELETE, connectors/s3-sink/offsets, ALTER",
            "GET, connectors/s3-sink/tasks, DESCRIBE_CONFIGS",
            "GET, connectors/s3-sink/tasks-config, DESCRIBE_CONFIGS",
            "GET, connectors/s3-sink/tasks/0/status, DESCRIBE",
            "POST, connectors/s3-sink/tasks/0/restart, ALTER",
            "POST, connectors/s3-sink/restart, ALTER",
            "PUT, connectors/s3-sink/pause, ALTER",
            "PUT, connectors/s3-sink/resume, ALTER",
            "PUT, connectors/s3-sink/stop, ALTER",
            "GET, connector-plugins, DESCRIBE",
            "GET, connector-plugins/FileStreamSink/config, DESCRIBE",
            "PUT, connector-plugins/FileStreamSink/config/validate, CREATE",
            "GET, admin/loggers, DESCRIBE_CONFIGS",
            "GET, admin/loggers/org.apache.kafka, DESCRIBE_CONFIGS",
            "PUT, admin/loggers/org.apache.kafka, ALTER_CONFIGS",
            // a connector name that is the encoded form of "x/config" stays one segment
            "DELETE, connectors/x%2Fconfig, DELETE",
    })
    void mapsEveryEndpointToOneClusterOperation(String method, String path, AclOperation expected) {
        assertEquals(RestAccess.check(expected), ConnectAccess.of(method, path, Map.of(), false));
    }

    @ParameterizedTest(name = "{0} /{1} is unmapped")
    @CsvSource({
            "POST, ''",
            "DELETE, health",
            "PUT, connectors",
            "POST, connectors/s3-sink",
            "POST, connectors/s3-sink/config",
            "GET, connectors/s3-sink/pause",
            "GET, connectors/s3-sink/unknown",
            "GET, connectors/s3-sink/tasks/0",
            "GET, connectors/s3-sink/tasks/0/status/extra",
            "GET, connectors/a/../../admin/loggers/x",
            "PUT, admin/loggers",
            "OPTIONS, connectors",
            "GET, metrics",
            // internal endpoints without Connect's signature header are not internal
            "POST, connectors/s3-sink/tasks",
            "PUT, connectors/s3-sink/fence",
    })
    void deniesWhatTheTableDoesNotKnow(String method, String path) {
        assertEquals(ConnectAccess.UNMAPPED, ConnectAccess.of(method, path, Map.of(), false));
    }

    @Test
    void signedWorkerToWorkerCallsAreLeftToConnectsSignatureCheck() {
        assertEquals(ConnectAccess.INTERNAL, ConnectAccess.of("POST", "connectors/a/tasks", Map.of(), true));
        assertEquals(ConnectAccess.INTERNAL, ConnectAccess.of("PUT", "/connectors/a/fence/", Map.of(), true));
        // the signature header opens nothing else
        assertEquals(RestAccess.check(AclOperation.CREATE), ConnectAccess.of("POST", "connectors", Map.of(), true));
        assertEquals(ConnectAccess.UNMAPPED, ConnectAccess.of("PUT", "connectors/a/tasks", Map.of(), true));
    }

    @Test
    void listingWithExpandInfoReturnsConfigsSoNeedsDescribeConfigs() {
        assertEquals(RestAccess.check(AclOperation.DESCRIBE_CONFIGS),
                ConnectAccess.of("GET", "connectors", Map.of("expand", List.of("status", "info")), false));
        assertEquals(RestAccess.check(AclOperation.DESCRIBE_CONFIGS),
                ConnectAccess.of("GET", "connectors", Map.of("expand", List.of("status,info")), false));
        assertEquals(RestAccess.check(AclOperation.DESCRIBE),
                ConnectAccess.of("GET", "connectors", Map.of("expand", List.of("status")), false));
    }
}
