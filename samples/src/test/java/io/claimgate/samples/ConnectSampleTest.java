package io.claimgate.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.claimgate.it.ConnectWorker;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
import io.claimgate.it.ListenerSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * samples/config/connect-worker.properties and connect-policy.yaml, exactly as shipped, on a real
 * Kafka Connect worker (child JVM, the claimgate-broker jar on its classpath) in front of a real
 * broker: the sample users copy is the one that is run.
 */
class ConnectSampleTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theConnectSampleGuardsTheRestApiWithTokensAndItsPolicy() throws Exception {
        try (EmbeddedIdp idp = EmbeddedIdp.start();
             KafkaCluster cluster = KafkaCluster.start(KafkaClusterSpec.builder("connect-sample")
                     .listener(ListenerSpec.plaintext("PLAIN")).build())) {
            Path directory = cluster.directory().resolve("connect");
            Files.createDirectories(directory);
            Path policy = Files.writeString(directory.resolve("connect-policy.yaml"),
                    SampleConfig.text("connect-policy.yaml"));
            Properties sample = SampleConfig.properties("connect-worker.properties", Map.of(
                    "IDP_JWKS_URI", idp.jwksUri(), "IDP_ISSUER", idp.issuerUri(),
                    "CONNECT_POLICY_FILE", policy.toString()));
            Map<String, String> workerProperties = new LinkedHashMap<>();
            sample.stringPropertyNames().forEach(name -> workerProperties.put(name, sample.getProperty(name)));

            try (ConnectWorker worker = ConnectWorker.start(directory.resolve("worker"),
                    cluster.bootstrapServers("PLAIN"), workerProperties, Duration.ofSeconds(60))) {
                URI connectors = worker.restUri().resolve("connectors");
                String client1 = idp.issueToken(EmbeddedIdp.CLIENT1);
                String client2 = idp.issueToken(EmbeddedIdp.CLIENT2);

                assertEquals(401, get(connectors, null).statusCode(), "no token");
                assertEquals(200, get(worker.restUri().resolve("health"), null).statusCode(), "the public path");
                assertEquals(200, get(connectors, client2).statusCode(), "connect-viewers may list");
                assertEquals(403, get(worker.restUri().resolve("connectors?expand=info"), client2).statusCode(),
                        "but not read configurations");
                HttpResponse<String> plugins = get(worker.restUri().resolve("connector-plugins"), client1);
                assertEquals(200, plugins.statusCode(), plugins.body());
                assertEquals(200, get(worker.restUri().resolve("connectors?expand=info"), client1).statusCode(),
                        "connect-admins may");
            }
        }
    }

    private static HttpResponse<String> get(URI uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
