package io.claimgate.filter;

import static io.claimgate.filter.Fixtures.header;
import static io.claimgate.filter.Fixtures.rawHeader;
import static io.claimgate.filter.Fixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The header rules (HeaderValues): missing, repeated, null, non-UTF-8; the same answers whether
 * decisions are cached by header value or the expression is evaluated in full ("dynamic").
 */
class HeaderMatchingTest {
    @TempDir
    Path dir;

    /** Same condition twice: the second form uses the map as a whole, so it is evaluated for every record. */
    private static final String CACHED = "record.headers['internal'] == 'true'";
    private static final String DYNAMIC = "record.headers['internal'] == 'true' && size(record.headers) >= 0";

    private ConsumerRecords<String, String> run(String skipWhen, String principal, Fixtures.Batch batch) {
        Path policy = Fixtures.write(dir, Fixtures.filters(Fixtures.filter("f", "[\"*\"]", skipWhen)));
        Fixtures.Pair interceptor = Fixtures.interceptor(Fixtures.fixedPrincipal(policy, principal));
        try {
            return interceptor.onConsume(batch.build());
        } finally {
            interceptor.close();
        }
    }

    @Test
    void designPolicyHidesInternalRecordsFromEveryoneButClient1() {
        Path policy = Fixtures.write(dir, Fixtures.DESIGN_POLICY);
        Fixtures.Batch batch = new Fixtures.Batch()
                .add("topic", 0, "internal", header("internal", "true"))
                .add("topic", 0, "public");
        for (String principal : List.of("client1", "client2")) {
            Fixtures.Pair interceptor = Fixtures.interceptor(Fixtures.fixedPrincipal(policy, principal));
            List<String> seen = values(interceptor.onConsume(batch.build()));
            assertEquals(principal.equals("client1") ? List.of("internal", "public") : List.of("public"), seen, principal);
            interceptor.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {CACHED, DYNAMIC})
    void missingHeaderReadsAsEmptyAndIsNotAnError(String skipWhen) {
        Fixtures.Batch batch = new Fixtures.Batch().add("t", 0, "none").add("t", 0, "other", header("x", "true"));
        assertEquals(List.of("none", "other"), values(run(skipWhen, "client2", batch)));
    }

    @ParameterizedTest
    @ValueSource(strings = {CACHED, DYNAMIC})
    void repeatedHeaderLastValueWins(String skipWhen) {
        Fixtures.Batch batch = new Fixtures.Batch()
                .add("t", 0, "last-true", header("internal", "false"), header("internal", "true"))
                .add("t", 0, "last-false", header("internal", "true"), header("internal", "false"));
        assertEquals(List.of("last-false"), values(run(skipWhen, "client2", batch)));
    }

    @ParameterizedTest
    @ValueSource(strings = {CACHED, DYNAMIC})
    void nullValueIsPresentAndEmpty(String skipWhen) {
        Fixtures.Batch batch = new Fixtures.Batch().add("t", 0, "null", header("internal", null));
        assertEquals(List.of("null"), values(run(skipWhen, "client2", batch)), "'' is not 'true'");
        assertEquals(List.of(), values(run("has(record.headers.internal)", "client2",
                new Fixtures.Batch().add("t", 0, "null", header("internal", null)))), "a value-less marker counts");
        assertEquals(List.of(), values(run("'internal' in record.headers && record.headers.internal == ''", "client2",
                new Fixtures.Batch().add("t", 0, "null", header("internal", null)))));
    }

    @ParameterizedTest
    @ValueSource(strings = {CACHED, DYNAMIC})
    void nonUtf8BytesAreDecodedWithReplacementCharacters(String skipWhen) {
        byte[] trueWithBadByte = {'t', 'r', 'u', 'e', (byte) 0xff};
        Fixtures.Batch batch = new Fixtures.Batch()
                .add("t", 0, "bad", rawHeader("internal", trueWithBadByte))
                .add("t", 0, "binary-elsewhere", rawHeader("trace", new byte[] {(byte) 0xc3, (byte) 0x28}),
                        header("internal", "true"));
        assertEquals(List.of("bad"), values(run(skipWhen, "client2", batch)),
                "not equal to 'true'; a binary header elsewhere does not prevent judging");
        assertEquals(List.of(), values(run("record.headers.internal.contains('\\uFFFD')", "client2",
                new Fixtures.Batch().add("t", 0, "bad", rawHeader("internal", trueWithBadByte)))),
                "replacement characters are visible to expressions");
    }

    @Test
    void fetchedHeadersGiveTheSameAnswersAsBuiltOnes() {
        byte[] bad = {'t', 'r', 'u', 'e', (byte) 0xff};
        for (boolean fetched : List.of(false, true)) {
            Fixtures.Batch batch = new Fixtures.Batch();
            if (fetched) {
                batch.fetched();
            }
            batch.add("t", 0, "t1", header("internal", "true"))
                    .add("t", 0, "f1", header("internal", "false"))
                    .add("t", 0, "t2", header("a", "x"), header("internal", "true"))
                    .add("t", 0, "none", header("a", "x"))
                    .add("t", 0, "repeated-false", header("internal", "true"), header("internal", "false"))
                    .add("t", 0, "null", header("internal", null))
                    .add("t", 0, "bad", rawHeader("internal", bad))
                    .add("t", 0, "t3", header("internal", "true"))
                    .add("t", 0, "f2", header("internal", "false"));
            assertEquals(List.of("f1", "none", "repeated-false", "null", "bad", "f2"), values(run(CACHED, "client2", batch)),
                    fetched ? "fetched" : "built");
        }
    }

    @Test
    void presenceIdiomsAndSeveralHeaders() {
        Fixtures.Batch batch = new Fixtures.Batch()
                .add("t", 0, "both", header("a", "1"), header("b", "2"))
                .add("t", 0, "a-only", header("a", "1"))
                .add("t", 0, "b-only", header("b", "2"))
                .add("t", 0, "none");
        assertEquals(List.of("a-only", "b-only", "none"),
                values(run("has(record.headers.a) && 'b' in record.headers", "client2", batch)));
        assertEquals(List.of("both", "none"),
                values(run("record.headers.a == '1' != (record.headers.b == '2')", "client2", batch)));
    }

    @Test
    void principalTopicAndClaimsVariables() {
        Fixtures.Batch batch = new Fixtures.Batch().add("orders", 0, "o").add("audit", 0, "a");
        assertEquals(List.of("a"), values(run("record.topic == 'orders' && principal.type == 'User'", "x", batch)));
        assertEquals(List.of("o", "a"), values(run("'admins' in groups || claims.size() > 0 || scopes.size() > 0", "x",
                batch)), "an override principal has no claims, groups or scopes");
    }
}
