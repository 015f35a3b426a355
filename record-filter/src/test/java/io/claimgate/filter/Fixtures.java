package io.claimgate.filter;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.claimgate.common.metrics.ClaimgateMetrics;
import io.claimgate.common.token.IssuedTokens;
import io.claimgate.filter.kafka.ClientJaasEntries;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Policies, consumer configs, tokens and record batches for the filter's tests. */
final class Fixtures {
    /** The headline scenario's policies and record filter: the sample policy file. */
    static final String DESIGN_POLICY = samplePolicy();
    /** The filter's meters on claimgate's registry, where the plugins count when Kafka configures them. */
    static final FilterMetrics METRICS = FilterMetrics.on(ClaimgateMetrics.registry());

    private Fixtures() {
    }

    /** The policy file users run the quickstart with, so what is tested is what ships as the example. */
    private static String samplePolicy() {
        Path file = Path.of("..", "samples", "config", "policy.yaml");   // Maven runs tests in the module's directory
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the sample policy file " + file.toAbsolutePath() + " is missing", e);
        }
    }

    static String filters(String... filterLines) {
        StringBuilder out = new StringBuilder("record_filters:\n");
        for (String line : filterLines) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** One filter entry, as YAML lines. */
    static String filter(String name, String topicsYaml, String skipWhen) {
        return "  - name: " + name + "\n    topics: " + topicsYaml + "\n    skip_when: \"" + skipWhen.replace("\"", "\\\"") + "\"";
    }

    static Path write(Path dir, String yaml) {
        try {
            Path file = dir.resolve("policy.yaml");
            Path tmp = dir.resolve("policy.yaml.tmp");
            Files.writeString(tmp, yaml);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Configs of a consumer filtering as a fixed principal. */
    static Map<String, Object> fixedPrincipal(Path policy, String principal) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("claimgate.policy.location", policy.toString());
        configs.put("claimgate.policy.reload.seconds", "0");
        configs.put("claimgate.filter.principal", principal);
        return configs;
    }

    /** Configs of a consumer logging in with claimgate's handler; the JAAS entry is unique per call. */
    static Map<String, Object> oauthConsumer(Path policy, Map<String, String> jaasOptions) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("claimgate.policy.location", policy.toString());
        configs.put("claimgate.policy.reload.seconds", "0");
        configs.put("security.protocol", "SASL_PLAINTEXT");
        configs.put("sasl.mechanism", "OAUTHBEARER");
        configs.put("sasl.login.callback.handler.class", PrincipalSources.CLAIMGATE_LOGIN_HANDLER);
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required");
        Map<String, String> options = new LinkedHashMap<>(jaasOptions);
        options.putIfAbsent("oauth.client.id", "client-" + System.nanoTime());
        options.forEach((k, v) -> jaas.append(' ').append(k).append("=\"").append(v).append('"'));
        configs.put("sasl.jaas.config", jaas.append(';').toString());
        return configs;
    }

    /** The slot claimgate's login handler of that consumer would publish its tokens in. */
    static IssuedTokens.Slot slotOf(Map<String, Object> consumerConfigs) {
        return IssuedTokens.slot(IssuedTokens.keyOf(ClientJaasEntries.of(consumerConfigs).get(0)));
    }

    static String jwt(Map<String, Object> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        claims.forEach(builder::claim);
        return new PlainJWT(builder.build()).serialize();
    }

    /** The filter's three consumer configs that put its two plugins together, added to {@code configs}. */
    static Map<String, Object> wired(Map<String, Object> configs) {
        Map<String, Object> all = new HashMap<>(configs);
        all.putIfAbsent("interceptor.classes", RecordFilterInterceptor.class.getName());
        all.putIfAbsent("value.deserializer", RecordFilterDeserializer.class.getName());
        all.putIfAbsent(FilterWiring.VALUE_DESERIALIZER, StringDeserializer.class.getName());
        return all;
    }

    /** The filter of one consumer, configured as Kafka's consumer does it (wiring configs added if absent). */
    static Pair interceptor(Map<String, Object> configs) {
        return interceptor(configs, METRICS);
    }

    /** As {@link #interceptor(Map)}, counting in {@code metrics}. */
    static Pair interceptor(Map<String, Object> configs, FilterMetrics metrics) {
        return new Pair(wired(configs), metrics);
    }

    /**
     * A consumer's interceptor and value deserializer, configured in Kafka's order on one thread, and
     * a poll as Kafka's fetcher does it: each partition's records deserialized in order, a record the
     * deserializer holds back ends its partition's part of the batch (the position stays AT it), and
     * the batch goes through the interceptor.
     */
    static final class Pair implements AutoCloseable {
        final RecordFilterInterceptor<String, String> interceptor = new RecordFilterInterceptor<>();
        final RecordFilterDeserializer<String> deserializer = new RecordFilterDeserializer<>();

        Pair(Map<String, Object> configs, FilterMetrics metrics) {
            interceptor.configure(configs, name -> null, Clock.systemUTC(), metrics);
            try {
                deserializer.configure(configs, false, name -> null, Clock.systemUTC(), metrics);
            } catch (RuntimeException e) {
                interceptor.close();
                throw e;
            }
        }

        /** The records delivered to the application for this fetched batch. */
        ConsumerRecords<String, String> onConsume(ConsumerRecords<String, String> fetched) {
            return poll(fetched).delivered();
        }

        Polled poll(ConsumerRecords<String, String> fetched) {
            Map<TopicPartition, List<ConsumerRecord<String, String>>> parsed = new LinkedHashMap<>();
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>(fetched.nextOffsets());
            Map<TopicPartition, RecordHeldBackException> heldBack = new LinkedHashMap<>();
            for (TopicPartition tp : fetched.partitions()) {
                List<ConsumerRecord<String, String>> list = new ArrayList<>();
                for (ConsumerRecord<String, String> record : fetched.records(tp)) {
                    byte[] bytes = record.value() == null ? null : record.value().getBytes(StandardCharsets.UTF_8);
                    String value;
                    try {
                        value = bytes == null ? null : deserializer.deserialize(tp.topic(), record.headers(), ByteBuffer.wrap(bytes));
                    } catch (RecordHeldBackException e) {
                        heldBack.put(tp, e);
                        next.put(tp, new OffsetAndMetadata(record.offset(), record.leaderEpoch(), ""));
                        break;
                    }
                    list.add(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
                            record.timestampType(), record.serializedKeySize(),
                            bytes == null ? ConsumerRecord.NULL_SIZE : bytes.length, record.key(), value,
                            record.headers(), record.leaderEpoch()));
                }
                if (!list.isEmpty()) {
                    parsed.put(tp, list);
                }
            }
            ConsumerRecords<String, String> deserialized = new ConsumerRecords<>(parsed, next);
            return new Polled(deserialized, interceptor.onConsume(deserialized), heldBack);
        }

        boolean checkPolicyNow() {
            return deserializer.checkPolicyNow();
        }

        @Override
        public void close() {
            interceptor.close();
            deserializer.close();
        }
    }

    /** One simulated poll: what the interceptor got, what it delivered, and the partitions stopped at a held-back record. */
    record Polled(ConsumerRecords<String, String> deserialized, ConsumerRecords<String, String> delivered,
                  Map<TopicPartition, RecordHeldBackException> heldBack) {
    }

    /** A batch builder: records per partition, offsets counting from 0, next offsets after the last. */
    static final class Batch {
        private final Map<TopicPartition, List<ConsumerRecord<String, String>>> records = new LinkedHashMap<>();
        private boolean fetched;

        /** Headers as the consumer builds them from a fetched batch: keys and values decoded lazily. */
        Batch fetched() {
            fetched = true;
            return this;
        }

        Batch add(String topic, int partition, Header... headers) {
            return add(topic, partition, "v", headers);
        }

        Batch add(String topic, int partition, String value, Header... headers) {
            TopicPartition tp = new TopicPartition(topic, partition);
            List<ConsumerRecord<String, String>> list = records.computeIfAbsent(tp, p -> new ArrayList<>());
            RecordHeaders recordHeaders = new RecordHeaders();
            for (Header h : headers) {
                if (fetched) {
                    recordHeaders.add(new org.apache.kafka.common.header.internals.RecordHeader(
                            java.nio.ByteBuffer.wrap(h.key.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                            h.value == null ? null : java.nio.ByteBuffer.wrap(h.value)));
                } else {
                    recordHeaders.add(h.key, h.value);
                }
            }
            list.add(new ConsumerRecord<>(topic, partition, 10L + list.size(), 0L, TimestampType.CREATE_TIME, 1, 1, "k",
                    value, recordHeaders, Optional.of(7)));
            return this;
        }

        ConsumerRecords<String, String> build() {
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            records.forEach((tp, list) -> next.put(tp, new OffsetAndMetadata(10L + list.size() + 5, Optional.of(7), "")));
            return new ConsumerRecords<>(records, next);
        }

        @SuppressWarnings("deprecation")
        ConsumerRecords<String, String> buildWithoutNextOffsets() {
            return new ConsumerRecords<>(records);
        }
    }

    record Header(String key, byte[] value) {
    }

    static Header header(String key, String value) {
        return new Header(key, value == null ? null : value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static Header rawHeader(String key, byte[] value) {
        return new Header(key, value);
    }

    static List<String> values(ConsumerRecords<String, String> records) {
        List<String> out = new ArrayList<>();
        records.forEach(r -> out.add(r.value()));
        return out;
    }
}
