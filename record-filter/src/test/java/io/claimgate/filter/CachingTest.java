package io.claimgate.filter;

import static io.claimgate.filter.Fixtures.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.claimgate.policy.PolicyFile;
import io.claimgate.policy.PolicyParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Decisions are remembered by (topic, header values); errors are not; caches stay bounded. */
class CachingTest {

    private static FilterDecider decider(String skipWhen) throws Exception {
        PolicyFile file = PolicyParser.parse("test", Fixtures.filters(Fixtures.filter("f", "[\"*\"]", skipWhen))
                .getBytes(StandardCharsets.UTF_8));
        return new FilterDecider(PolicySnapshot.of(file).filters().get(0), FilterPrincipal.named("p", "test"),
                new ErrorLog(System::currentTimeMillis), Fixtures.METRICS);
    }

    private static ConsumerRecord<String, String> record(String topic, Fixtures.Header... headers) {
        return new Fixtures.Batch().add(topic, 0, headers).build().iterator().next();
    }

    @Test
    void keysAreTheHeadersTheExpressionReads() throws Exception {
        assertEquals(List.of("internal"), decider(Fixtures.DESIGN_POLICY.lines()
                .filter(l -> l.contains("skip_when")).findFirst().orElseThrow()
                .replaceAll(".*skip_when: \"(.*)\"", "$1")).keys());
        assertEquals(List.of(), decider("record.topic == 'x'").keys());
        assertNull(decider("record.headers.exists(k, k == 'x')").keys());
    }

    @Test
    void sameInputsSameAnswerAcrossTopicsAndValues() throws Exception {
        FilterDecider decider = decider("record.headers.a == record.topic");
        FilterDecider.TopicDecider x = decider.forTopic("x");
        FilterDecider.TopicDecider y = decider.forTopic("y");
        for (int round = 0; round < 3; round++) {
            assertEquals(FilterDecider.SKIP, x.decide(record("x", header("a", "x"))));
            assertEquals(FilterDecider.PASS, x.decide(record("x", header("a", "y"))));
            assertEquals(FilterDecider.PASS, x.decide(record("x")));
            assertEquals(FilterDecider.SKIP, y.decide(record("y", header("a", "y"))));
        }
    }

    @Test
    void unboundedHeaderValuesDoNotGrowTheCacheWithoutLimit() throws Exception {
        FilterDecider.TopicDecider t = decider("record.headers.trace == 'never'").forTopic("t");
        for (int i = 0; i < FilterDecider.MAX_VALUES * 3; i++) {
            assertEquals(FilterDecider.PASS, t.decide(record("t", header("trace", "id-" + i))));
        }
        java.lang.reflect.Field decided = FilterDecider.TopicDecider.class.getDeclaredField("decided");
        decided.setAccessible(true);
        assertEquals(true, ((Map<?, ?>) decided.get(t)).size() <= FilterDecider.MAX_VALUES);
    }

    @Test
    void errorsAreNotRemembered() throws Exception {
        FilterDecider.TopicDecider t = decider("int(record.headers.n) > 1").forTopic("t");
        assertEquals(FilterDecider.ERROR, t.decide(record("t", header("n", "x"))));
        assertEquals(FilterDecider.ERROR, t.decide(record("t", header("n", "x"))));
        assertEquals(FilterDecider.SKIP, t.decide(record("t", header("n", "2"))));
    }
}
