package io.claimgate.it.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.ConnectWorker;
import io.claimgate.it.DesignPolicy;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
import io.claimgate.it.ListenerSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real Kafka Connect 4.3.1 worker (standalone, child JVM, the shaded claimgate-broker jar on its
 * classpath as in Kafka's libs/) with {@code rest.extension.classes=io.claimgate.rest.OAuthConnectRestExtension},
 * a real KRaft broker behind it, tokens from the embedded IdP's token endpoint, and plain
 * java.net.http calls. The policy is DESIGN.md's with two {@code cluster} policies added:
 * client1 administers Connect, client2 may only describe (list, status).
 */
@ExtendWith(BrokerLogOnFailure.class)
class ConnectRestExtensionTest {
    static final String CONNECT_POLICIES = """
              - name: connect-admin
                when: principal.name == 'client1'
                rules:
                  - {action: allow, resource: cluster, operations: [describe, describe_configs, create, alter, alter_configs, delete]}
              - name: connect-viewer
                when: principal.name == 'client2' && listener == 'CONNECT_REST'
                rules:
                  - {action: allow, resource: cluster, operations: [describe]}
            record_filters:
            """;

    private static EmbeddedIdp idp;
    private static KafkaCluster cluster;
    private static ConnectWorker worker;
    private static Path directory;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException {
        idp = EmbeddedIdp.start();
        cluster = KafkaCluster.start(KafkaClusterSpec.builder("connect-rest").listener(ListenerSpec.plaintext("PLAIN")).build());
        directory = cluster.directory().resolve("connect");
        Files.createDirectories(directory);
        Path policy = Files.writeString(directory.resolve("policy.yaml"),
                DesignPolicy.YAML.replace("record_filters:\n", CONNECT_POLICIES));
        Map<String, String> props = workerOAuthProperties(policy);
        props.put("claimgate.rest.public.paths", "/health");
        worker = ConnectWorker.start(directory.resolve("worker"), cluster.bootstrapServers("PLAIN"), props,
                Duration.ofSeconds(60));
    }

    static Map<String, String> workerOAuthProperties(Path policy) {
        Map<String, String> props = new HashMap<>();
        props.put("rest.extension.classes", "io.claimgate.rest.OAuthConnectRestExtension");
        props.put("oauth.jwks.endpoint.uri", idp.jwksUri());
        props.put("oauth.valid.issuer.uri", idp.issuerUri());
        props.put("oauth.valid.audience", EmbeddedIdp.DEFAULT_AUDIENCE);
        props.put("oauth.username.claim", "client_id,sub");
        if (policy != null) {
            props.put("claimgate.policy.location", policy.toString());
        }
        return props;
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
        String log = Files.readString(worker.log(), StandardCharsets.UTF_8);
        for (String token : new String[] {client1, client2, expired, forged}) {
            assertFalse(log.contains(token), "a token leaked into connect.log");
            assertFalse(log.contains(token.substring(token.lastIndexOf('.') + 1)), "a signature leaked into connect.log");
        }
        assertTrue(log.contains("claimgate rejected a REST token: EXPIRED"), "rejections are logged with the reason");
    }

    @Test
    void aMissingPolicyFailsWorkerStartUpNamingTheOption() {
        Map<String, String> props = workerOAuthProperties(null);
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
        HttpRequest.Builder request = HttpRequest.newBuilder(worker.restUri().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** client_credentials at the IdP's token endpoint, as a REST client would. */
    private static String token(String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(idp.tokenEndpoint()))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=kafka"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        assertTrue(m.find(), response.body());
        return m.group(1);
    }
}
