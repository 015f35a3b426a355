package io.claimgate.it.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.ConnectWorker;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
import io.claimgate.it.ListenerSpec;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real Kafka Connect 4.3.1 worker (standalone, child JVM, the shaded claimgate-broker jar on its
 * classpath as in Kafka's libs/) with {@code rest.extension.classes=io.claimgate.rest.OAuthConnectRestExtension},
 * a real KRaft broker behind it, tokens from the embedded IdP's token endpoint, and plain
 * java.net.http calls. The policy is {@link ConnectRestSetup}'s: the sample policy with two {@code cluster}
 * policies added, client1 administers Connect, client2 may only describe (list, status).
 */
@ExtendWith(BrokerLogOnFailure.class)
class ConnectRestExtensionTest {
    private static EmbeddedIdp idp;
    private static KafkaCluster cluster;
    private static ConnectWorker worker;
    private static Path directory;

    @BeforeAll
    static void start() throws IOException {
        idp = EmbeddedIdp.start();
        cluster = KafkaCluster.start(KafkaClusterSpec.builder("connect-rest").listener(ListenerSpec.plaintext("PLAIN")).build());
        directory = cluster.directory().resolve("connect");
        Path policy = ConnectRestSetup.writePolicy(directory);
        Map<String, String> props = ConnectRestSetup.workerOAuthProperties(idp, policy);
        props.put("claimgate.rest.public.paths", "/health");
        worker = ConnectWorker.start(directory.resolve("worker"), cluster.bootstrapServers("PLAIN"), props,
                Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        try {
            if (worker != null) {
                ProcessHandle handle = worker.processHandle();
                worker.close();
                assertFalse(handle.isAlive(), "Connect worker still alive after close");
            }
        } finally {
            try {
                if (cluster != null) {
                    cluster.close();
                }
            } finally {
                if (idp != null) {
                    idp.close();
                }
            }
        }
    }

    @Test
    void bearerTokensAndPoliciesGuardTheConnectRestApi() throws Exception {
        String client1 = token(EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET);
        String client2 = token(EmbeddedIdp.CLIENT2, EmbeddedIdp.CLIENT2_SECRET);

        // No token: 401 with a bare challenge (RFC 6750 3.1), also on the root endpoint.
        HttpResponse<String> anonymous = call("GET", "", null, null);
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals("Bearer realm=\"kafka-connect\"", anonymous.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals(401, call("GET", "connectors", null, null).statusCode());
        // ... except the configured public path.
        assertEquals(200, call("GET", "health", null, null).statusCode());

        // Garbage, expired and forged tokens: 401 invalid_token with the reason, never the token.
        String garbage = "not.a-jwt";
        assertRejected(call("GET", "connectors", garbage, null), "MALFORMED", garbage);
        String expired = idp.issueToken(EmbeddedIdp.CLIENT1, Map.of(), Duration.ofMinutes(-5));
        assertRejected(call("GET", "connectors", expired, null), "EXPIRED", expired);
        String forged = idp.issueForgedToken(EmbeddedIdp.CLIENT1, Map.of(), Duration.ofMinutes(5));
        assertRejected(call("GET", "connectors", forged, null), "BAD_SIGNATURE", forged);

        // client1 administers connectors.
        HttpResponse<String> root = call("GET", "", client1, null);
        assertEquals(200, root.statusCode(), root.body());
        assertTrue(root.body().contains("\"version\""), root.body());
        assertEquals("[]", call("GET", "connectors", client1, null).body());
        String connector = """
                {"name": "file-sink", "config": {"connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector",
                 "tasks.max": "1", "topics": "rest-it", "file": "%s"}}"""
                .formatted(directory.resolve("sink.txt").toString().replace("\\", "\\\\"));
        HttpResponse<String> created = call("POST", "connectors", client1, connector);
        assertEquals(201, created.statusCode(), created.body());

        // client2 may list, but not create, read configs, pause or delete.
        HttpResponse<String> listed = call("GET", "connectors", client2, null);
        assertEquals(200, listed.statusCode(), listed.body());
        assertEquals("[\"file-sink\"]", listed.body());
        assertForbidden(call("POST", "connectors", client2, connector.replace("file-sink", "other-sink")));
        assertForbidden(call("GET", "connectors/file-sink/config", client2, null));
        assertForbidden(call("GET", "connectors?expand=info", client2, null));
        assertForbidden(call("PUT", "connectors/file-sink/pause", client2, null));
        assertForbidden(call("DELETE", "connectors/file-sink", client2, null));
        assertEquals(200, call("GET", "connectors/file-sink/status", client2, null).statusCode());

        // client1 reads the config and deletes the connector.
        HttpResponse<String> config = call("GET", "connectors/file-sink/config", client1, null);
        assertEquals(200, config.statusCode(), config.body());
        assertTrue(config.body().contains("FileStreamSinkConnector"), config.body());
        assertEquals(204, call("DELETE", "connectors/file-sink", client1, null).statusCode());

        // Nothing of any token in the worker's log.
        ConnectRestSetup.assertNoTokenIn(worker.log(), client1, client2, expired, forged);
        String log = Files.readString(worker.log(), StandardCharsets.UTF_8);
        assertTrue(log.contains("claimgate rejected a REST token: EXPIRED"), "rejections are logged with the reason");
    }

    @Test
    void aMissingPolicyFailsWorkerStartUpNamingTheOption() {
        Map<String, String> props = ConnectRestSetup.workerOAuthProperties(idp, null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ConnectWorker.start(
                directory.resolve("worker-without-policy"), cluster.bootstrapServers("PLAIN"), props,
                Duration.ofSeconds(60)).close());
        assertTrue(e.getMessage().contains("claimgate option 'claimgate.policy.location': is required"), e.getMessage());
    }

    private static void assertRejected(HttpResponse<String> response, String reason, String token) {
        assertEquals(401, response.statusCode(), response.body());
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith("Bearer realm=\"kafka-connect\", error=\"invalid_token\", error_description=\""
                + reason + ": "), challenge);
        assertFalse(challenge.contains(token), challenge);
        assertFalse(response.body().contains(token), response.body());
        assertTrue(response.body().contains("\"error_code\":401"), response.body());
    }

    private static void assertForbidden(HttpResponse<String> response) {
        assertEquals(403, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("WWW-Authenticate").isEmpty());
    }

    private static HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        return RestCalls.call(worker.restUri(), method, path, token, json);
    }

    private static String token(String clientId, String secret) throws Exception {
        return RestCalls.token(idp, clientId, secret);
    }
}
