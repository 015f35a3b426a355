package io.claimgate.it.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.ConnectWorker;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
import io.claimgate.it.ListenerSpec;
import io.claimgate.it.Resources;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two distributed Kafka Connect 4.3.1 workers in one group, both with the claimgate extension and
 * {@link ConnectRestSetup}'s policy (client1 administers Connect, client2 only describes), over one
 * KRaft broker. Distributed mode adds two kinds of worker-to-worker calls, both through the
 * extension of the receiving worker:
 * <ul>
 *   <li>a write sent to a worker that is not the group's leader is forwarded to the leader with the
 *       caller's {@code Authorization} header, so the leader checks the caller's token again;</li>
 *   <li>a worker running a connector while not the leader pushes the connector's task configs to
 *       the leader ({@code POST /connectors/{c}/tasks}), with no token but signed with the group's
 *       session key; the extension lets it through and Connect verifies the signature.</li>
 * </ul>
 * The tests run in order: the first needs a group without connectors (see there), the last reads
 * the logs the others produced.
 */
@ExtendWith(BrokerLogOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedConnectRestTest {
    private static final String GROUP = "claimgate-connect";
    private static final Duration WORKER_START = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofSeconds(30);
    /** Connect's internal-request signature (InternalRequestSignature) and the header naming its algorithm. */
    private static final String SIGNATURE = "X-Connect-Authorization";
    private static final String SIGNATURE_ALGORITHM = "X-Connect-Request-Signature-Algorithm";

    private static EmbeddedIdp idp;
    private static KafkaCluster cluster;
    private static ConnectWorker first;
    private static ConnectWorker second;
    private static ConnectWorker leader;
    private static ConnectWorker follower;
    private static Path directory;
    /** client1's token: administers Connect. */
    private static String admin;
    /** client2's token: may only describe. */
    private static String viewer;

    @BeforeAll
    static void start() throws Exception {
        idp = EmbeddedIdp.start();
        cluster = KafkaCluster.start(KafkaClusterSpec.builder("connect-distributed")
                .listener(ListenerSpec.plaintext("PLAIN")).build());
        directory = cluster.directory().resolve("connect");
        Map<String, String> props = ConnectRestSetup.workerOAuthProperties(idp, ConnectRestSetup.writePolicy(directory));
        // A source task on a worker that is not the leader then also asks the leader for zombie
        // fencing before it starts: the other signed internal call, PUT /connectors/{c}/fence.
        props.put("exactly.once.source.support", "enabled");
        String bootstrap = cluster.bootstrapServers("PLAIN");
        first = ConnectWorker.startDistributed(directory.resolve("worker-1"), bootstrap, GROUP, props, WORKER_START);
        second = ConnectWorker.startDistributed(directory.resolve("worker-2"), bootstrap, GROUP, props, WORKER_START);
        URI leaderUrl = awaitOneLeader();
        leader = leaderUrl.getPort() == first.restUri().getPort() ? first : second;
        follower = leader == first ? second : first;
        assertEquals(leader.restUri().getPort(), leaderUrl.getPort(), "the leader is neither worker: " + leaderUrl);
        admin = RestCalls.token(idp, EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET);
        viewer = RestCalls.token(idp, EmbeddedIdp.CLIENT2, EmbeddedIdp.CLIENT2_SECRET);
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(second, first, cluster, idp);
    }

    @Test
    @Order(1)
    void aWriteSentToTheFollowerReachesTheLeaderAndTheFollowersSignedCallsPass() throws Exception {
        // Connect's incremental cooperative assignor spreads connectors, and separately tasks, evenly:
        // of two one-task connectors in a group of two that had none, the follower runs one connector
        // (and pushes its task configs) and one task (and asks for fencing before starting it).
        assertEquals("[]", call(follower, "GET", "connectors", admin, null).body());
        List<String> names = List.of("source-a", "source-b");
        for (String name : names) {
            HttpResponse<String> created = call(follower, "POST", "connectors", admin, sourceConnector(name));
            assertEquals(201, created.statusCode(), created.body());
        }
        // The follower answered 201 only because the leader accepted client1's token on the forwarded call.
        assertLogged(leader, "\"POST /connectors?forward=true HTTP/1.1\" 201");

        String followerId = follower.restUri().getHost() + ":" + follower.restUri().getPort();
        String connectorOnFollower = null;
        String taskOnFollower = null;
        for (String name : names) {
            ConnectorStatus status = awaitRunning(leader, name);
            assertEquals(status, awaitRunning(follower, name), "both workers report the same status of " + name);
            if (status.workerId().equals(followerId)) {
                connectorOnFollower = name;
            }
            if (status.tasks().get(0).workerId().equals(followerId)) {
                taskOnFollower = name;
            }
        }
        if (connectorOnFollower == null || taskOnFollower == null) {
            fail("the follower " + followerId + " runs no connector or no task; the assignment this test relies on changed");
        }
        // The tasks run, so the leader wrote the task configs the follower pushed, and fenced before
        // the follower started its task; the leader's request log (method, path, status; no headers)
        // shows both signed calls passed the extension.
        assertLogged(leader, "\"POST /connectors/" + connectorOnFollower + "/tasks HTTP/1.1\" 204");
        assertLogged(leader, "\"PUT /connectors/" + taskOnFollower + "/fence HTTP/1.1\" 204");
    }

    @Test
    @Order(2)
    void forgedInternalRequestsAreRefusedByConnectAndChangeNoTaskConfig() throws Exception {
        String target = "forge-target";
        HttpResponse<String> created = call(leader, "POST", "connectors", admin, sourceConnector(target));
        assertEquals(201, created.statusCode(), created.body());
        // Running with its task: its task configs are written and the rebalance that followed is over
        // (while one is pending, Connect answers reads of task configs with 409).
        awaitRunning(leader, target);
        String tasksPath = "connectors/" + target + "/tasks";
        HttpResponse<String> tasks = call(leader, "GET", tasksPath, admin, null);
        assertEquals(200, tasks.statusCode(), tasks.body());
        String before = tasks.body();
        assertTrue(before.contains("\"task\":0"), before);
        String forgedConfigs = "[{\"task.class\":\"org.apache.kafka.connect.file.FileStreamSourceTask\","
                + "\"file\":\"/etc/passwd\",\"topic\":\"stolen\"}]";
        String madeUp = Base64.getEncoder().encodeToString("not the session key's HMAC".getBytes(StandardCharsets.UTF_8));

        // The extension passes anything carrying the signature header on to Connect, which answers
        // (not the extension: its 403 says "is not allowed"). A signature without its algorithm
        // header is no signature to Connect: 400.
        HttpResponse<String> bare = call(leader, "POST", tasksPath, null, forgedConfigs, Map.of(SIGNATURE, madeUp));
        assertEquals(400, bare.statusCode(), bare.body());
        assertTrue(bare.body().contains("Internal request missing required signature"), bare.body());
        // With the algorithm, a made-up HMAC: 403 from Connect's check against the session key.
        Map<String, String> forgedSignature = Map.of(SIGNATURE, madeUp, SIGNATURE_ALGORITHM, "HmacSHA256");
        HttpResponse<String> forged = call(leader, "POST", tasksPath, null, forgedConfigs, forgedSignature);
        assertEquals(403, forged.statusCode(), forged.body());
        assertTrue(forged.body().contains("Internal request contained invalid signature"), forged.body());
        // Zombie fencing, the other signed endpoint, the same.
        HttpResponse<String> fence = call(leader, "PUT", "connectors/" + target + "/fence", null, null, forgedSignature);
        assertEquals(403, fence.statusCode(), fence.body());
        assertTrue(fence.body().contains("Internal request contained invalid signature"), fence.body());

        // Without the signature header it is no internal request to the extension: a token is
        // required, and no policy grants writing task configs, not even to the administrator.
        assertEquals(401, call(leader, "POST", tasksPath, null, forgedConfigs).statusCode());
        HttpResponse<String> asAdmin = call(leader, "POST", tasksPath, admin, forgedConfigs);
        assertEquals(403, asAdmin.statusCode(), asAdmin.body());
        assertTrue(asAdmin.body().contains("is not allowed to do this"), asAdmin.body());

        assertEquals(before, call(leader, "GET", tasksPath, admin, null).body());
        assertEquals(before, call(follower, "GET", tasksPath, admin, null).body());
    }

    @Test
    @Order(3)
    void theViewerAndAnonymousCallersAreTurnedAwayByEitherWorker() throws Exception {
        for (ConnectWorker worker : List.of(leader, follower)) {
            HttpResponse<String> asViewer = call(worker, "POST", "connectors", viewer, sourceConnector("viewer-source"));
            assertEquals(403, asViewer.statusCode(), asViewer.body());
            assertEquals(401, call(worker, "POST", "connectors", null, sourceConnector("anonymous-source")).statusCode());
            assertEquals(401, call(worker, "GET", "connectors", null, null).statusCode());
            HttpResponse<String> listed = call(worker, "GET", "connectors", viewer, null);
            assertEquals(200, listed.statusCode(), listed.body());
            assertFalse(listed.body().contains("viewer-source") || listed.body().contains("anonymous-source"), listed.body());
        }
    }

    @Test
    @Order(4)
    void noTokenReachesEitherWorkersLog() throws Exception {
        for (ConnectWorker worker : List.of(leader, follower)) {
            ConnectRestSetup.assertNoTokenIn(worker.log(), admin, viewer);
        }
    }

    /** The leader both workers name in their last rebalance, once they report the same generation. */
    private static URI awaitOneLeader() throws Exception {
        return awaitValue("both workers in one generation with one leader", () -> {
            Optional<ConnectWorker.GroupJoin> a = first.lastGroupJoin();
            Optional<ConnectWorker.GroupJoin> b = second.lastGroupJoin();
            return a.isPresent() && a.equals(b) ? Optional.of(a.get().leaderUrl()) : Optional.empty();
        });
    }

    /** The connector's status as {@code worker} reports it, once the connector and its one task run. */
    private static ConnectorStatus awaitRunning(ConnectWorker worker, String name) throws Exception {
        return awaitValue(name + " running with its task on " + worker.restUri(), () -> {
            HttpResponse<String> status = call(worker, "GET", "connectors/" + name + "/status", viewer, null);
            if (status.statusCode() != 200) {
                return Optional.empty();
            }
            ConnectorStatus parsed = ConnectorStatus.parse(status.body());
            return parsed.runningWith(1) ? Optional.of(parsed) : Optional.empty();
        });
    }

    /** A FileStreamSource connector (connect-file, on the workers' classpath) reading an empty file. */
    private static String sourceConnector(String name) throws Exception {
        Path file = Files.writeString(directory.resolve(name + ".txt"), "");
        return """
                {"name": "%s", "config": {"connector.class": "org.apache.kafka.connect.file.FileStreamSourceConnector",
                 "tasks.max": "1", "topic": "distributed-it", "file": "%s"}}"""
                .formatted(name, file.toString().replace("\\", "\\\\"));
    }

    private static void assertLogged(ConnectWorker worker, String text) throws Exception {
        // Jetty writes its request log line after the response; a moment may pass.
        awaitValue("\"" + text + "\" in " + worker.log(), () ->
                Files.readString(worker.log(), StandardCharsets.UTF_8).contains(text) ? Optional.of(true) : Optional.empty());
    }

    private static <T> T awaitValue(String what, Callable<Optional<T>> probe) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            Optional<T> value = probe.call();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                fail("not within " + SETTLE + ": " + what);
            }
            Thread.sleep(200);
        }
    }

    private static HttpResponse<String> call(ConnectWorker worker, String method, String path, String token, String json)
            throws Exception {
        return RestCalls.call(worker.restUri(), method, path, token, json);
    }

    private static HttpResponse<String> call(ConnectWorker worker, String method, String path, String token, String json,
                                             Map<String, String> headers) throws Exception {
        return RestCalls.call(worker.restUri(), method, path, token, json, headers);
    }
}
