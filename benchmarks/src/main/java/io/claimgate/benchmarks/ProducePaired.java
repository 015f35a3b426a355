package io.claimgate.benchmarks;

import io.claimgate.it.Clients;
import io.claimgate.it.ListenerSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Issue 18's produce target (OAUTHBEARER with {@code ClaimAuthorizer} and a policy of 1 000 rules
 * at 0.97x or more of PLAINTEXT's records/s) as a pair on one broker, the way
 * {@code AuthStorm --broker=shared} pairs validators: {@link ProduceThroughput}'s fresh broker per
 * configuration moved by 13-30 % between rounds on a 2-vCPU machine, more than the difference asked
 * about. One broker runs {@code ClaimAuthorizer} with the policy and two client listeners:
 * {@value ProduceConfiguration#LISTENER} (OAUTHBEARER, claimgate's validator and principal builder;
 * the producer's principal is decided by the policy, its WRITE rule the last of {@code --rules}) and
 * {@value #PLAIN} (PLAINTEXT; its {@code ANONYMOUS} principal is a super user, which Kafka's
 * authorizer allows before any rule: the nearest a broker with an authorizer gets to none). Two
 * producers, one per listener, each to a topic of its own (one partition each), send blocks of
 * {@code --block-records} records in turn, the order rotated per block, after a warm-up each.
 * Reported per block: records/s and the broker's CPU per record; then OAUTHBEARER's records/s over
 * PLAINTEXT's per pair of blocks (median, range) and pooled.
 *
 * <p>Usage: {@value #USAGE}
 */
public final class ProducePaired {
    static final String PLAIN = "PLAIN";
    static final String PLAIN_TOPIC = "bench-produce-plain";
    static final String USAGE = "java -cp benchmarks/target/benchmarks.jar io.claimgate.benchmarks.ProducePaired"
            + " [--blocks=10] [--block-records=20000] [--warmup-records=50000] [--record-bytes=1024] [--rules=1000]"
            + " [--broker-cpus=<taskset list>] [--client-cpus=<taskset list>] [--results=benchmarks/results]"
            + " [--machine=<host name>] [--label=<text>]";
    private static final long BLOCK_PAUSE_MILLIS = 200;

    /** One block of one side. */
    record Block(int block, String side, ProduceRun.Result result) {
    }

    private ProducePaired() {
    }

    public static void main(String[] args) throws Exception {
        int blocks = 10;
        int blockRecords = 20_000;
        int warmupRecords = 50_000;
        int recordBytes = 1024;
        int rules = 1000;
        String brokerCpus = "";
        String clientCpus = "";
        Path resultsRoot = Path.of("benchmarks", "results");
        String machine = Machine.hostName();
        String label = "";
        for (Map.Entry<String, String> arg : CommandLine.options(args, USAGE)) {
            switch (arg.getKey()) {
                case "blocks" -> blocks = CommandLine.atLeast(arg, 1);
                case "block-records" -> blockRecords = CommandLine.atLeast(arg, 1);
                case "warmup-records" -> warmupRecords = CommandLine.atLeast(arg, 1);
                case "record-bytes" -> recordBytes = CommandLine.atLeast(arg, 1);
                case "rules" -> rules = CommandLine.atLeast(arg, 1);
                case "broker-cpus" -> brokerCpus = arg.getValue();
                case "client-cpus" -> clientCpus = arg.getValue();
                case "results" -> resultsRoot = Path.of(arg.getValue());
                case "machine" -> machine = arg.getValue();
                case "label" -> label = arg.getValue();
                default -> throw CommandLine.unknown(arg, USAGE);
            }
        }
        CommandLine.checkResultNames(machine, label);
        if (!clientCpus.isEmpty()) {
            CpuPinning.pinSelf(clientCpus);
        }
        ProduceAuthorization authorization = ProduceAuthorization.of(rules);
        byte[][] values = ProduceRun.values(recordBytes);
        List<Block> measured = new ArrayList<>();
        Instant started = Instant.now();
        try (JwksServer jwks = new JwksServer(TokenPool.keys());
             TokenEndpoint idp = new TokenEndpoint(TokenPool.keys(), "RS256", ProduceAuthorization.PRODUCER);
             StormBroker broker = StormBroker.start(ProduceConfiguration.CLAIMGATE
                     .brokerSpecBuilder(jwks.url(), authorization.policyFile(), List.of())
                     .listener(ListenerSpec.plaintext(PLAIN)).build(), ProduceConfiguration.LISTENER)) {
            broker.pinnedTo(brokerCpus);
            Handlers.allowUrl(idp.url());
            authorization.prepare(broker, ProduceConfiguration.CLAIMGATE);
            try (Admin admin = Admin.create(Clients.admin(broker.operatorBootstrap(), Clients.plaintext()))) {
                admin.createTopics(List.of(new NewTopic(PLAIN_TOPIC, 1, (short) 1))).all().get();
            }
            Properties oauth = ProduceThroughput.claimgateLogin(idp);
            ProduceAuthorization.requireDecisions(broker.hostPort(), oauth);
            try (KafkaProducer<byte[], byte[]> oauthProducer = new KafkaProducer<>(ProduceRun.producer(broker.hostPort(), oauth));
                 KafkaProducer<byte[], byte[]> plainProducer = new KafkaProducer<>(
                         ProduceRun.producer(broker.hostPort(PLAIN), Clients.plaintext()))) {
                require(ProduceRun.warmUp(plainProducer, PLAIN_TOPIC, warmupRecords, values) == 0, "plaintext warm-up");
                require(ProduceRun.warmUp(oauthProducer, ProduceAuthorization.TOPIC, warmupRecords, values) == 0,
                        "oauthbearer warm-up");
                for (int b = 0; b < blocks; b++) {
                    for (String side : CommandLine.rotated(List.of("plaintext", "claimgate"), b)) {
                        Thread.sleep(BLOCK_PAUSE_MILLIS);
                        boolean plain = side.equals("plaintext");
                        ProduceRun.Result result = ProduceRun.measure(broker, plain ? plainProducer : oauthProducer,
                                plain ? PLAIN_TOPIC : ProduceAuthorization.TOPIC, blockRecords, values);
                        require(result.failed() == 0, side + " block " + (b + 1) + ": " + result.firstFailure());
                        measured.add(new Block(b + 1, side, result));
                        System.out.printf(Locale.ROOT, "%d,%s,%.1f,%.2f%n", b + 1, side, result.recordsPerSecond(),
                                result.brokerCpuMicrosPerRecord());
                    }
                }
            }
        }
        String summary = summary(measured);
        System.out.println(summary);
        Path directory = StormResults.directory(resultsRoot, machine, label);
        write(directory, measured, summary, started, rules, recordBytes, blockRecords, warmupRecords, brokerCpus,
                clientCpus, machine);
        System.out.println("results in " + directory.toAbsolutePath());
    }

    /** claimgate's records/s over plaintext's per block pair and pooled; CPU per record likewise, inverted. */
    static String summary(List<Block> blocks) {
        List<Double> rate = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (Block plain : blocks) {
            for (Block claimgate : blocks) {
                if (plain.side().equals("plaintext") && claimgate.side().equals("claimgate")
                        && claimgate.block() == plain.block()) {
                    rate.add(claimgate.result().recordsPerSecond() / plain.result().recordsPerSecond());
                    cpu.add(plain.result().brokerCpuMicrosPerRecord() / claimgate.result().brokerCpuMicrosPerRecord());
                }
            }
        }
        double[] records = new double[2];
        double[] seconds = new double[2];
        double[] cpuNanos = new double[2];
        for (Block block : blocks) {
            int i = block.side().equals("plaintext") ? 0 : 1;
            records[i] += block.result().sent();
            seconds[i] += block.result().wall().toNanos() / 1e9;
            cpuNanos[i] += block.result().brokerCpu().toNanos();
        }
        StormPairs.Ratio rates = new StormPairs.Ratio((records[1] / seconds[1]) / (records[0] / seconds[0]),
                rate.stream().mapToDouble(Double::doubleValue).toArray());
        StormPairs.Ratio cpus = new StormPairs.Ratio((cpuNanos[0] / records[0]) / (cpuNanos[1] / records[1]),
                cpu.stream().mapToDouble(Double::doubleValue).toArray());
        return String.format(Locale.ROOT, "claimgate (OAUTHBEARER + ClaimAuthorizer) against plaintext, %d block pairs:"
                        + " records/s %s; broker CPU per record %s: %.2f µs against %.2f µs; target 0.97x by records/s: %s",
                rate.size(), rates.summary(), cpus.summary(), cpuNanos[1] / records[1] / 1e3,
                cpuNanos[0] / records[0] / 1e3, rates.pooled() >= 0.97 ? "met" : "not met");
    }

    private static void write(Path directory, List<Block> blocks, String summary, Instant started, int rules,
                              int recordBytes, int blockRecords, int warmupRecords, String brokerCpus,
                              String clientCpus, String machine) throws IOException {
        Files.createDirectories(directory);
        StringBuilder csv = new StringBuilder("block,side,records,wall_ms,records_per_s,broker_cpu_us_per_record\n");
        StringBuilder rows = new StringBuilder();
        for (Block block : blocks) {
            ProduceRun.Result r = block.result();
            csv.append(String.format(Locale.ROOT, "%d,%s,%d,%.1f,%.1f,%.3f%n", block.block(), block.side(), r.sent(),
                    r.wall().toNanos() / 1e6, r.recordsPerSecond(), r.brokerCpuMicrosPerRecord()));
            rows.append(rows.length() == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
                    "    {\"block\": %d, \"side\": \"%s\", \"records\": %d, \"wall_ms\": %.1f, \"records_per_s\": %.1f,"
                            + " \"broker_cpu_us_per_record\": %.3f}", block.block(), block.side(), r.sent(),
                    r.wall().toNanos() / 1e6, r.recordsPerSecond(), r.brokerCpuMicrosPerRecord()));
        }
        StringBuilder environment = new StringBuilder();
        Machine.describe(machine, List.of()).forEach((key, value) -> environment.append(environment.length() == 0
                ? "\n" : ",\n").append("    ").append(StormResults.quote(key)).append(": ").append(StormResults.quote(value)));
        String json = "{\n  \"benchmark\": \"ProducePaired\",\n  \"started\": " + StormResults.quote(started.toString())
                + ",\n  \"producer\": " + StormResults.quote(ProduceRun.DESCRIPTION)
                + ",\n  \"rules\": " + rules + ",\n  \"record_bytes\": " + recordBytes
                + ",\n  \"block_records\": " + blockRecords + ",\n  \"warmup_records\": " + warmupRecords
                + ",\n  \"broker_cpus\": " + StormResults.quote(brokerCpus) + ",\n  \"client_cpus\": "
                + StormResults.quote(clientCpus) + ",\n  \"environment\": {" + environment + "\n  },\n  \"summary\": "
                + StormResults.quote(summary) + ",\n  \"blocks\": [" + rows + "\n  ]\n}\n";
        Files.writeString(directory.resolve("produce-paired.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("produce-paired.json"), json, StandardCharsets.UTF_8);
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("ProducePaired: " + what + " failed");
        }
    }
}
