package io.claimgate.filter.kafka;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Utils;

/**
 * What the record filter relies on of kafka-clients ({@code io.claimgate.filter.kafka}, listed in
 * docs/KAFKA-COMPATIBILITY.md), as checks that throw {@link AssertionError}: run by the unit test
 * {@code RecordFilterBoundaryContractTest} on the build's kafka-clients, and by {@link #main} in a
 * client JVM holding an older kafka-clients release and the shaded client jar ({@code src-it},
 * {@code filter/OlderKafkaClientsTest}). Plain Java, no test framework, and only API that
 * kafka-clients 3.7 has, so that it runs on a client's classpath as is.
 */
public final class RecordFilterBoundaryContract {
    private static final TopicPartition PARTITION = new TopicPartition("orders", 0);

    private RecordFilterBoundaryContract() {
    }

    /**
     * Runs every check; exits 1 on the first that fails, printing it.
     *
     * @param args optionally the kafka-clients version the JVM is expected to run
     */
    public static void main(String[] args) {
        try {
            if (args.length > 0) {
                theRunningVersionIs(args[0]);
            }
            theAdaptersLinkAgainstMethodsThisReleaseHas();
            batchesAreBuiltByTheConstructorThisReleaseHas();
            theHeaderFieldsAreFound();
            aFetchedHeaderKeepsItsRawBytesUntilKafkaDecodesThem();
            aLookupDecodesNoOtherHeaderAndFindsWhatLastHeaderFinds();
            anAddedHeaderIsTheObjectFoundAgain();
            theLoginModuleEntryIsParsedAsTheLoginGetsIt();
            applicationClassesAreInstantiatedAsKafkaDoes();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.out.println("Record filter Kafka boundary contract holds on kafka-clients " + KafkaVersion.running());
    }

    static void theRunningVersionIs(String expected) {
        expect(expected, KafkaVersion.running());
    }

    /**
     * The adapters are compiled against the build's kafka-clients; each internal method they call
     * must exist with the same parameters and return type, or the filter fails with a
     * {@code NoSuchMethodError} in the consumer.
     */
    static void theAdaptersLinkAgainstMethodsThisReleaseHas() throws ReflectiveOperationException {
        staticMethod(AppInfoParser.class, "getVersion", String.class);
        staticMethod(JaasContext.class, "loadClientContext", JaasContext.class, Map.class);
        expect(List.class, JaasContext.class.getMethod("configurationEntries").getReturnType());
        staticMethod(Utils.class, "newInstance", Object.class, Class.class);
        staticMethod(Utils.class, "newInstance", Object.class, String.class, Class.class);
        RecordHeader.class.getConstructor(ByteBuffer.class, ByteBuffer.class);
        RecordHeaders.class.getConstructor(Header[].class);
    }

    /**
     * 4.0 and later: {@code ConsumerRecords(Map, Map)} and {@code nextOffsets()}, which the filter
     * uses to keep next offsets past withheld records (also in a batch left empty); before 4.0:
     * {@code ConsumerRecords(Map)} alone. The factory must pick the one this release has.
     */
    static void batchesAreBuiltByTheConstructorThisReleaseHas() throws ReflectiveOperationException {
        boolean nextOffsets = major(KafkaVersion.running()) >= 4;
        if (nextOffsets) {
            ConsumerRecords.class.getConstructor(Map.class, Map.class);
            expect(Map.class, ConsumerRecords.class.getMethod("nextOffsets").getReturnType());
        } else {
            ConsumerRecords.class.getConstructor(Map.class);
        }
        expect(nextOffsets, ConsumerRecordsFactory.NEXT_OFFSETS);
        ConsumerRecordsFactory.requireSupported();

        List<ConsumerRecord<String, String>> kept = List.of(new ConsumerRecord<>(PARTITION.topic(), 0, 5L, "k", "a"),
                new ConsumerRecord<>(PARTITION.topic(), 0, 6L, "k", "b"));
        Map<TopicPartition, OffsetAndMetadata> pastWithheld = Map.of(PARTITION, new OffsetAndMetadata(9L));
        ConsumerRecords<String, String> batch = ConsumerRecordsFactory.of(Map.of(PARTITION, kept), pastWithheld);
        expect(2, batch.count());
        expect(Set.of(PARTITION), batch.partitions());
        expect(kept, batch.records(PARTITION));
        expect(nextOffsets ? pastWithheld : Map.of(), ConsumerRecordsFactory.nextOffsets(batch));

        ConsumerRecords<String, String> allWithheld = ConsumerRecordsFactory.of(Map.of(), pastWithheld);
        expect(0, allWithheld.count());
        expect(nextOffsets ? pastWithheld : Map.of(), ConsumerRecordsFactory.nextOffsets(allWithheld));
    }

    /** Otherwise every lookup silently takes the slow path: correct, but the cost comes back. */
    static void theHeaderFieldsAreFound() {
        if (!HeaderLookup.FAST) {
            throw new AssertionError("RecordHeaders.headers, RecordHeader.keyBuffer/.value/.valueBuffer not found"
                    + " on kafka-clients " + KafkaVersion.running());
        }
    }

    /**
     * A header of a fetched record holds its key and value as buffers until {@code key()} /
     * {@code value()} decode them; decoding drops the buffer without moving it, so a buffer the
     * lookup read before still holds the same bytes.
     */
    static void aFetchedHeaderKeepsItsRawBytesUntilKafkaDecodesThem() {
        ByteBuffer key = slice("internal");
        ByteBuffer value = slice("true");
        RecordHeader header = new RecordHeader(key, value);
        byte[] trueBytes = utf8("true");
        expectSame(key, HeaderLookup.rawKey(header));
        expectSame(value, HeaderLookup.rawValue(header));
        expect(true, HeaderLookup.sameValue(header, trueBytes));
        expect(false, HeaderLookup.sameValue(header, utf8("tru")));
        expect(false, HeaderLookup.sameValue(header, null));

        int keyPosition = key.position();
        expect("internal", header.key());
        expect(null, HeaderLookup.rawKey(header));
        expect(keyPosition, key.position());
        expect("internal", text(key));

        int valuePosition = value.position();
        expect(true, Arrays.equals(trueBytes, header.value()));
        expect(null, HeaderLookup.rawValue(header));
        expect(valuePosition, value.position());
        expect(true, HeaderLookup.sameValue(header, trueBytes));
        expect(false, HeaderLookup.sameValue(header, null));

        RecordHeader nullValue = new RecordHeader(slice("internal"), null);
        expect(null, HeaderLookup.rawValue(nullValue));
        expect(true, HeaderLookup.sameValue(nullValue, null));
        expect(false, HeaderLookup.sameValue(nullValue, new byte[0]));
    }

    /** The lookup reads the headers' list and compares raw keys: the headers it passes stay undecoded. */
    static void aLookupDecodesNoOtherHeaderAndFindsWhatLastHeaderFinds() {
        RecordHeader[] fetched = {new RecordHeader(slice("trace-id"), slice("1")), new RecordHeader(slice("internal"),
                slice("false")), new RecordHeader(slice("source"), slice("x")), new RecordHeader(slice("internal"), slice("true"))};
        RecordHeaders headers = new RecordHeaders(fetched);
        Header found = new HeaderLookup("internal").last(headers);
        expectSame(fetched[3], found);
        for (RecordHeader header : fetched) {
            if (HeaderLookup.rawKey(header) == null) {
                throw new AssertionError("the lookup decoded the key of " + header);
            }
        }
        expect(null, new HeaderLookup("missing").last(headers));
        expectSame(headers.lastHeader("internal"), found);
        expectSame(headers.lastHeader("internal"), new HeaderLookup("internal").last(headers));   // keys decoded now
        expectSame(headers.lastHeader("trace-id"), new HeaderLookup("trace-id").last(headers));
    }

    /** {@code WithheldMark} adds its own header object and finds it by identity. */
    static void anAddedHeaderIsTheObjectFoundAgain() {
        RecordHeaders headers = new RecordHeaders(new Header[] {new RecordHeader(slice("claimgate.withheld"), null)});
        Header own = new Header() {
            @Override
            public String key() {
                return "claimgate.withheld";
            }

            @Override
            public byte[] value() {
                return null;
            }
        };
        headers.add(own);
        expectSame(own, headers.lastHeader("claimgate.withheld"));
        expectSame(own, new HeaderLookup("claimgate.withheld").last(headers));
    }

    /**
     * {@code sasl.jaas.config} as an interceptor gets it (a String) or as Kafka holds it (a
     * Password): the same single entry, with the options exactly as written, as the login handler
     * gets them from Kafka's login. A config Kafka cannot parse fails.
     */
    static void theLoginModuleEntryIsParsedAsTheLoginGetsIt() {
        String module = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule";
        String jaas = module + " required oauth.client.id=\"client1\" oauth.scope=\"orders:read events\""
                + " oauth.token.endpoint.uri=\"https://idp.example/token?a=1;b=2\";";
        Map<String, String> options = Map.of("oauth.client.id", "client1", "oauth.scope", "orders:read events",
                "oauth.token.endpoint.uri", "https://idp.example/token?a=1;b=2");
        for (Object value : List.of(jaas, new Password(jaas))) {
            List<AppConfigurationEntry> entries = ClientJaasEntries.of(Map.of("sasl.jaas.config", value));
            expect(1, entries.size());
            expect(module, entries.get(0).getLoginModuleName());
            expect(AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, entries.get(0).getControlFlag());
            expect(options, entries.get(0).getOptions());
        }
        try {
            ClientJaasEntries.of(Map.of("sasl.jaas.config", module + " required oauth.client.id"));
        } catch (RuntimeException expected) {
            return;
        }
        throw new AssertionError("Kafka's JAAS parser accepted an option without a value");
    }

    /** By class name or class object; an unknown name, another type or no public constructor fails. */
    static void applicationClassesAreInstantiatedAsKafkaDoes() throws ClassNotFoundException {
        expect(StringDeserializer.class, PluginInstances.newInstance(StringDeserializer.class.getName(),
                Deserializer.class).getClass());
        expect(StringDeserializer.class, PluginInstances.newInstance(" " + StringDeserializer.class.getName() + " ",
                Deserializer.class).getClass());
        expect(StringDeserializer.class, PluginInstances.newInstance(StringDeserializer.class, Deserializer.class).getClass());
        try {
            PluginInstances.newInstance("com.example.NoSuchDeserializer", Deserializer.class);
            throw new AssertionError("an unknown class name was instantiated");
        } catch (ClassNotFoundException expected) {
            // as FilterWiring expects
        }
        refused(String.class.getName());
        refused(NoPublicConstructor.class.getName());
    }

    private static void refused(String className) throws ClassNotFoundException {
        try {
            PluginInstances.newInstance(className, Deserializer.class);
        } catch (RuntimeException expected) {
            return;
        }
        throw new AssertionError(className + " was accepted as a Deserializer");
    }

    /** A deserializer Kafka cannot instantiate. */
    static final class NoPublicConstructor extends StringDeserializer {
        private NoPublicConstructor() {
        }
    }

    private static void staticMethod(Class<?> owner, String name, Class<?> returns, Class<?>... parameters)
            throws NoSuchMethodException {
        Method method = owner.getMethod(name, parameters);
        if (!Modifier.isStatic(method.getModifiers()) || !returns.equals(method.getReturnType())) {
            throw new AssertionError("expected static " + returns.getName() + " " + owner.getName() + "." + name
                    + Arrays.toString(parameters) + ", found " + method);
        }
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.substring(0, version.indexOf('.')));
        } catch (RuntimeException e) {
            throw new AssertionError("kafka-clients reports no version: " + version, e);
        }
    }

    /** A slice inside a larger buffer, as the headers of a fetched batch are. */
    private static ByteBuffer slice(String text) {
        byte[] raw = utf8("xx" + text + "yy");
        return ByteBuffer.wrap(raw, 2, raw.length - 4).slice();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void expectSame(Object expected, Object actual) {
        if (expected != actual) {
            throw new AssertionError("expected the very object " + expected + " but got " + actual);
        }
    }

    private static void expect(Object expected, Object actual) {
        if (expected == null ? actual != null : !expected.equals(actual)) {
            throw new AssertionError("expected " + expected + " but kafka-clients " + KafkaVersion.running()
                    + " gave " + actual);
        }
    }
}
