package io.claimgate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.server.testkit.Claims;
import io.claimgate.server.testkit.JwksServer;
import io.claimgate.server.testkit.SigningKey;
import io.claimgate.server.testkit.Validation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST Proxy extension end to end, on a real Jersey 3 server standing in for REST Proxy's (REST
 * Proxy itself is not on Maven Central): the extension is created, configured with a property map
 * and registered on the {@link ResourceConfig} as REST Proxy's {@code KafkaRestApplication} does;
 * {@link FakeRestProxy} answers a few of REST Proxy's real paths. Tokens are signed with a real key
 * and checked against a real JWKS endpoint; the policy is the sample one (client1 may write every
 * topic; client2 may describe three topics and read {@code topic}); every call is real HTTP.
 */
class OAuthRestResourceExtensionTest {
    static final SigningKey KEY = SigningKey.rsa("rest-proxy-test");
    static final java.nio.file.Path SAMPLE_POLICY = java.nio.file.Path.of("..", "samples", "config", "policy.yaml").toAbsolutePath().normalize();

    static JwksServer jwks;
    static OAuthRestResourceExtension extension;
    static HttpServer server;
    static URI base;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A few of REST Proxy's endpoints, answering who they saw; they never check anything themselves. */
    @Path("/")
    @Produces(MediaType.APPLICATION_JSON)
    public static class FakeRestProxy {
        @Context
        SecurityContext security;

        @POST
        @Path("v3/clusters/{clusterId}/topics/{topicName}/records")
        public String produce(@PathParam("topicName") String topic, String body) {
            return answer("produced to " + topic);
        }

        @POST
        @Path("topics/{topic}")
        public String produceV2(@PathParam("topic") String topic, String body) {
            return answer("produced (v2) to " + topic);
        }

        @GET
        @Path("v3/clusters/{clusterId}/topics/{topicName}")
        public String describe(@PathParam("topicName") String topic) {
            return answer("described " + topic);
        }

        @GET
        @Path("v3/clusters/{clusterId}/topics")
        public String list() {
            return answer("listed topics");
        }

        @POST
        @Path("consumers/{group}")
        public String createConsumer(@PathParam("group") String group, String body) {
            return answer("created a consumer in " + group);
        }

        private String answer(String what) {
            return "{\"did\":\"" + what + "\",\"principal\":\"" + security.getUserPrincipal().getName() + "\"}";
        }
    }

    /** REST Proxy's properties as {@code originals()} would hold them: its own, Kafka's, and ours. */
    static Map<String, Object> restProxyProperties() {
        Map<String, Object> config = new HashMap<>(Validation.options(jwks));
        config.put("claimgate.policy.location", SAMPLE_POLICY.toString());
        config.put("bootstrap.servers", "localhost:9092");
        config.put("listeners", "http://0.0.0.0:8082");
        config.put("kafka.rest.resource.extension.class", OAuthRestResourceExtension.class.getName());
        config.put("client.security.protocol", "SASL_SSL");
        return config;
    }

    @BeforeAll
    static void start() throws IOException {
        assertTrue(Files.isRegularFile(SAMPLE_POLICY), SAMPLE_POLICY.toString());
        jwks = JwksServer.publishing(KEY.publicJwk());
        extension = new OAuthRestResourceExtension();
        extension.configure(restProxyProperties());
        ResourceConfig resources = new ResourceConfig(FakeRestProxy.class);
        extension.register(resources, null);
        server = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), resources);
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (extension != null) {
            extension.clean();
            extension.clean();   // REST Proxy may clean once; a second call is harmless
        }
        if (jwks != null) {
            jwks.close();
        }
    }

    static String token(String subject) {
        return KEY.sign(Claims.valid().subject(subject).build());
    }

    static HttpResponse<String> call(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString("{\"value\":{\"type\":\"JSON\",\"data\":1}}"));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertNoToken(HttpResponse<String> response, String token) {
        assertFalse(response.body().contains(token), response.body());
        response.headers().map().forEach((name, values) -> values.forEach(
                value -> assertFalse(value.contains(token), name + ": " + value)));
    }

    @Test
    void client1MayProduceToAnyTopicAndTheResourceSeesThePrincipal() throws Exception {
        String client1 = token("client1");
        HttpResponse<String> v3 = call("POST", "v3/clusters/lkc-1/topics/topic/records", client1);
        assertEquals(200, v3.statusCode(), v3.body());
        assertEquals("{\"did\":\"produced to topic\",\"principal\":\"client1\"}", v3.body());
        HttpResponse<String> v2 = call("POST", "topics/extra_topic", client1);
        assertEquals(200, v2.statusCode(), v2.body());
        assertNoToken(v3, client1);
    }

    @Test
    void client2MayDescribeButNotProduce() throws Exception {
        String client2 = token("client2");
        HttpResponse<String> produce = call("POST", "v3/clusters/lkc-1/topics/topic/records", client2);
        assertEquals(403, produce.statusCode());
        assertTrue(produce.body().contains("\"error_code\":403"), produce.body());
        assertTrue(produce.body().contains("client2"), produce.body());
        assertFalse(produce.headers().firstValue("WWW-Authenticate").isPresent());
        assertNoToken(produce, client2);

        HttpResponse<String> describe = call("GET", "v3/clusters/lkc-1/topics/topic", client2);
        assertEquals(200, describe.statusCode(), describe.body());
        assertEquals("{\"did\":\"described topic\",\"principal\":\"client2\"}", describe.body());

        // only the three topics the policy names
        assertEquals(403, call("GET", "v3/clusters/lkc-1/topics/orders", client2).statusCode());
        // an encoded name is checked decoded: "%74opic" is "topic"
        assertEquals(200, call("GET", "v3/clusters/lkc-1/topics/%74opic", client2).statusCode());
    }

    @Test
    void whatThePolicyDoesNotGrantOrTheTableDoesNotKnowIsDenied() throws Exception {
        String client1 = token("client1");
        // listing all topics needs describe on the cluster, which the sample policy grants nobody
        assertEquals(403, call("GET", "v3/clusters/lkc-1/topics", client1).statusCode());
        // the v2 consumer API is denied whoever asks: its topics are in the request bodies
        assertEquals(403, call("POST", "consumers/billing", client1).statusCode());
    }

    @Test
    void noTokenIs401WithABareChallenge() throws Exception {
        HttpResponse<String> response = call("POST", "v3/clusters/lkc-1/topics/topic/records", null);
        assertEquals(401, response.statusCode());
        assertEquals(List.of("Bearer realm=\"kafka-rest\""), response.headers().allValues("WWW-Authenticate"));
        assertTrue(response.body().contains("\"error_code\":401"), response.body());
    }

    @Test
    void twoAuthorizationHeadersAreAmbiguousAndNeitherIsTaken() throws Exception {
        // client2's token first, client1's second: a server that took either one would answer 200
        // or 403 for someone; the request is treated as carrying no token at all.
        HttpRequest request = HttpRequest.newBuilder(base.resolve("v3/clusters/lkc-1/topics/topic/records"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token("client2"))
                .header("Authorization", "Bearer " + token("client1"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"value\":{\"type\":\"JSON\",\"data\":1}}")).build();

        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(401, response.statusCode(), response.body());
    }

    @Test
    void badTokensAre401InvalidTokenAndNeverEchoed() throws Exception {
        String forged = SigningKey.rsa("rest-proxy-test").sign(Claims.valid().subject("client1").build());
        HttpResponse<String> response = call("POST", "v3/clusters/lkc-1/topics/topic/records", forged);
        assertEquals(401, response.statusCode());
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith("Bearer realm=\"kafka-rest\", error=\"invalid_token\", error_description=\""),
                challenge);
        assertNoToken(response, forged);

        String expired = KEY.sign(Claims.valid().subject("client1").issueTime(Claims.in(Duration.ofHours(-2)))
                .notBeforeTime(Claims.in(Duration.ofHours(-2))).expirationTime(Claims.in(Duration.ofHours(-1))).build());
        HttpResponse<String> late = call("GET", "v3/clusters/lkc-1/topics/topic", expired);
        assertEquals(401, late.statusCode());
        assertTrue(late.headers().firstValue("WWW-Authenticate").orElseThrow().contains("EXPIRED"),
                late.headers().toString());
        assertNoToken(late, expired);

        HttpResponse<String> garbage = call("GET", "v3/clusters/lkc-1/topics/topic", "not-a-jwt");
        assertEquals(401, garbage.statusCode());
        assertTrue(garbage.headers().firstValue("WWW-Authenticate").orElseThrow().contains("error=\"invalid_token\""));
    }

    @Test
    void aWrongOptionFailsConfigureNamingIt() {
        Map<String, Object> typo = restProxyProperties();
        typo.put("oauth.jwks.endpoint.url", "https://idp.example.com/jwks");
        OAuthRestResourceExtension broken = new OAuthRestResourceExtension();
        assertEquals("oauth.jwks.endpoint.url",
                assertThrows(InvalidOptionException.class, () -> broken.configure(typo)).option());

        Map<String, Object> noPolicy = restProxyProperties();
        noPolicy.remove("claimgate.policy.location");
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> broken.configure(noPolicy));
        assertEquals("claimgate.policy.location", e.option());
        assertTrue(e.getMessage().contains("Confluent REST Proxy"), e.getMessage());

        // nothing to register before a successful configure
        assertThrows(IllegalStateException.class, () -> broken.register(new ResourceConfig(), null));
        broken.clean();
    }
}
