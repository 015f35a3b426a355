package io.claimgate.benchmarks;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.claimgate.common.token.IssuedTokens;
import io.claimgate.filter.RecordFilterDeserializer;
import io.claimgate.filter.RecordFilterInterceptor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.CloseableIterator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Consumer-side cost of the record filter (issue 4): {@code RecordFilterDeserializer}, which judges
 * each record as it is parsed, and {@code RecordFilterInterceptor.onConsume}, which removes what it
 * marked, on batches of {@value #BATCH} records of 100-byte values with 3 headers, one in ten carrying
 * {@code internal=true}; the sample policy's filter ({@code record.headers['internal'] == 'true' &&
 * principal.name != 'client1'}) as {@code client2}, whose principal comes from its token, as in
 * production. Scores are records per second ({@link OperationsPerInvocation}).
 *
 * <p>{@code consume*}: what the consumer does per fetched batch, as Kafka's fetcher does it: check
 * the batch CRC (the default {@code check.crcs=true}), read (decompress, with
 * {@link #compression} {@code lz4}) the records of a {@link MemoryRecords} batch, deserialize key
 * and value (the value with the filter's deserializer wrapping {@code StringDeserializer}, or with
 * {@code StringDeserializer} alone), build each {@link ConsumerRecord} with lazily parsed headers,
 * run the interceptor (or none), and hand every delivered record to the application (a
 * {@link Blackhole}). Network, fetch
 * requests and the application's own work are left out, so the ratios are a pessimistic bound
 * for a real consumer. Variants:
 * <ul>
 *   <li>{@code consumeNoInterceptor}: the baseline, no {@code interceptor.classes}, the application's
 *       deserializer alone;</li>
 *   <li>{@code consumeNoFilter}: the filter with a policy file without record filters;</li>
 *   <li>{@code consumeOneFilter}: the sample policy's filter: decisions cached by (topic, header value),
 *       so a record costs a header lookup and a hash lookup;</li>
 *   <li>{@code consumeOneFilterUncached}: the same condition written so it reads the header map as
 *       a whole ({@code size(record.headers) >= 0 && ...}): a full CEL evaluation per record, to
 *       show what the cache saves.</li>
 * </ul>
 * Issue 4's target: {@code consumeOneFilter} at least 0.9x {@code consumeNoInterceptor}.
 *
 * <p>{@code onConsumeOnly*}: the interceptor alone, on one pre-built batch (deserialized once by
 * that filter's deserializer, so skipped records are marked), reused: what the interceptor adds
 * now that it only removes marked records.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class RecordFilterBenchmark {
    static final int BATCH = 500;
    static final int VALUE_BYTES = 100;
    static final String TOPIC = "orders";

    static final String DESIGN_FILTER = "record.headers['internal'] == 'true' && principal.name != 'client1'";
    static final String UNCACHED_FILTER = "size(record.headers) >= 0 && " + DESIGN_FILTER;

    /** How the producer compressed the batch; the consumer decompresses while reading it. */
    @Param({"none", "lz4"})
    public String compression;

    private MemoryRecords fetched;
    private final BufferSupplier decompressionBuffers = BufferSupplier.create();
    private final StringDeserializer deserializer = new StringDeserializer();
    private final TopicPartition partition = new TopicPartition(TOPIC, 0);
    private Filter noFilter;
    private Filter oneFilter;
    private Filter oneFilterUncached;
    private ConsumerRecords<String, String> materializedNoFilter;
    private ConsumerRecords<String, String> materializedOneFilter;

    /** One consumer's filter: its value deserializer and its interceptor, configured as Kafka does. */
    private record Filter(RecordFilterDeserializer<String> deserializer, RecordFilterInterceptor<String, String> interceptor) {
    }
    private final List<Path> files = new ArrayList<>();
    private final Object login = new Object();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        SimpleRecord[] records = new SimpleRecord[BATCH];
        for (int i = 0; i < BATCH; i++) {
            byte[] value = new byte[VALUE_BYTES];
            for (int b = 0; b < VALUE_BYTES; b++) {
                value[b] = (byte) ('a' + random.nextInt(26));
            }
            Header[] headers = {
                new RecordHeader("trace-id", String.format("%016x", random.nextLong()).getBytes(StandardCharsets.UTF_8)),
                new RecordHeader("content-type", "application/json".getBytes(StandardCharsets.UTF_8)),
                i % 10 == 0 ? new RecordHeader("internal", "true".getBytes(StandardCharsets.UTF_8))
                        : new RecordHeader("source", "billing".getBytes(StandardCharsets.UTF_8))
            };
            records[i] = new SimpleRecord(i, ("key-" + i).getBytes(StandardCharsets.UTF_8), value, headers);
        }
        fetched = MemoryRecords.withRecords(compression.equals("lz4") ? Compression.lz4().build() : Compression.NONE,
                records);
        noFilter = filter("policies: []\n");
        oneFilter = filter(policy(DESIGN_FILTER));
        oneFilterUncached = filter(policy(UNCACHED_FILTER));
        materializedNoFilter = parse(noFilter.deserializer());
        materializedOneFilter = parse(oneFilter.deserializer());
        sanityCheck();
    }

    private static String policy(String skipWhen) {
        return "record_filters:\n  - name: hide-internal\n    topics: [\"*\"]\n    skip_when: \"" + skipWhen + "\"\n";
    }

    /** The filter of a consumer logged in as client2 through claimgate's login handler (token published as the handler does). */
    private Filter filter(String policyYaml) throws Exception {
        Path file = Files.createTempFile("claimgate-bench-policy", ".yaml");
        Files.writeString(file, policyYaml);
        files.add(file);
        String jaas = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required"
                + " oauth.token.endpoint.uri=\"https://idp.example/token\" oauth.client.id=\"client2\""
                + " oauth.client.secret=\"bench\" oauth.username.claim=\"client_id,sub\";";
        Map<String, Object> configs = new HashMap<>();
        configs.put("security.protocol", "SASL_PLAINTEXT");
        configs.put("sasl.mechanism", "OAUTHBEARER");
        configs.put("sasl.login.callback.handler.class", "io.claimgate.login.OAuthLoginCallbackHandler");
        configs.put("sasl.jaas.config", jaas);
        configs.put("claimgate.policy.location", file.toString());
        configs.put("claimgate.policy.reload.seconds", "0");
        configs.put("interceptor.classes", RecordFilterInterceptor.class.getName());
        configs.put("value.deserializer", RecordFilterDeserializer.class.getName());
        configs.put("claimgate.filter.value.deserializer", StringDeserializer.class.getName());
        // Kafka's order: the interceptor, then the deserializer, on one thread (they pair up).
        RecordFilterInterceptor<String, String> interceptor = new RecordFilterInterceptor<>();
        interceptor.configure(configs);
        RecordFilterDeserializer<String> valueDeserializer = new RecordFilterDeserializer<>();
        valueDeserializer.configure(configs, false);
        var entry = JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password(jaas)))
                .configurationEntries().get(0);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("client2").claim("client_id", "client2")
                .claim("scope", "kafka").build();
        IssuedTokens.slot(IssuedTokens.keyOf(entry)).publish(login, new PlainJWT(claims).serialize());
        return new Filter(valueDeserializer, interceptor);
    }

    private void sanityCheck() {
        int expected = BATCH - BATCH / 10;
        for (Filter filter : List.of(oneFilter, oneFilterUncached)) {
            int count = filter.interceptor().onConsume(parse(filter.deserializer())).count();
            if (count != expected) {
                throw new IllegalStateException("the filter let " + count + " records through, expected " + expected);
            }
        }
        if (noFilter.interceptor().onConsume(parse(noFilter.deserializer())).count() != BATCH) {
            throw new IllegalStateException("a policy without filters must pass everything");
        }
    }

    /**
     * What Kafka's CompletedFetch does with a fetched batch: check its CRC ({@code check.crcs=true},
     * the default), read (and decompress) its records, and parseRecord each of them.
     */
    private ConsumerRecords<String, String> parse(Deserializer<String> valueDeserializer) {
        List<ConsumerRecord<String, String>> list = new ArrayList<>(BATCH);
        long last = 0;
        for (RecordBatch batch : fetched.batches()) {
            batch.ensureValid();
            try (CloseableIterator<Record> iterator = batch.streamingIterator(decompressionBuffers)) {
                while (iterator.hasNext()) {
                    Record record = iterator.next();
                    RecordHeaders headers = new RecordHeaders(record.headers());
                    ByteBuffer keyBytes = record.key();
                    ByteBuffer valueBytes = record.value();
                    String key = keyBytes == null ? null : deserializer.deserialize(TOPIC, headers, keyBytes);
                    String value = valueBytes == null ? null : valueDeserializer.deserialize(TOPIC, headers, valueBytes);
                    list.add(new ConsumerRecord<>(TOPIC, 0, record.offset(), record.timestamp(),
                            TimestampType.CREATE_TIME, record.keySize(), record.valueSize(), key, value, headers,
                            Optional.of(1)));
                    last = record.offset();
                }
            }
        }
        return new ConsumerRecords<>(Map.of(partition, list), Map.of(partition, new OffsetAndMetadata(last + 1)));
    }

    private static void deliver(ConsumerRecords<String, String> records, Blackhole blackhole) {
        for (ConsumerRecord<String, String> record : records) {
            blackhole.consume(record.value());
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void consumeNoInterceptor(Blackhole blackhole) {
        deliver(parse(deserializer), blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void consumeNoFilter(Blackhole blackhole) {
        deliver(noFilter.interceptor().onConsume(parse(noFilter.deserializer())), blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void consumeOneFilter(Blackhole blackhole) {
        deliver(oneFilter.interceptor().onConsume(parse(oneFilter.deserializer())), blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void consumeOneFilterUncached(Blackhole blackhole) {
        deliver(oneFilterUncached.interceptor().onConsume(parse(oneFilterUncached.deserializer())), blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public ConsumerRecords<String, String> onConsumeOnlyNoFilter() {
        return noFilter.interceptor().onConsume(materializedNoFilter);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public ConsumerRecords<String, String> onConsumeOnlyOneFilter() {
        return oneFilter.interceptor().onConsume(materializedOneFilter);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        for (Filter filter : List.of(noFilter, oneFilter, oneFilterUncached)) {
            filter.interceptor().close();
            filter.deserializer().close();
        }
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
    }
}
