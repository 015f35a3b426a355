package io.claimgate.filter;

import static io.claimgate.filter.Fixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A filter applies only to topics its globs match; several filters: first "skip" wins, all must pass. */
class TopicGlobTest {
    @TempDir
    Path dir;

    @Test
    void globsExactNamesPrefixesAndQuestionMarks() {
        Path policy = Fixtures.write(dir, Fixtures.filters(
                Fixtures.filter("orders", "[\"orders-*\"]", "true"),
                Fixtures.filter("tpc", "[\"t?pic\", \"audit\"]", "true")));
        Fixtures.Pair interceptor = Fixtures.interceptor(Fixtures.fixedPrincipal(policy, "x"));
        Fixtures.Batch batch = new Fixtures.Batch()
                .add("orders-eu", 0, "orders-eu")
                .add("orders", 0, "orders")
                .add("topic", 0, "topic")
                .add("tpic", 0, "tpic")
                .add("audit", 0, "audit")
                .add("audit-log", 0, "audit-log");
        assertEquals(List.of("orders", "tpic", "audit-log"), values(interceptor.onConsume(batch.build())));
        interceptor.close();
    }

    @Test
    void everyApplicableFilterMustLetARecordThrough() {
        Path policy = Fixtures.write(dir, Fixtures.filters(
                Fixtures.filter("no-internal", "[\"*\"]", "record.headers.internal == 'true'"),
                Fixtures.filter("eu-only", "[\"orders-*\"]", "record.headers.region != 'eu'")));
        Fixtures.Pair interceptor = Fixtures.interceptor(Fixtures.fixedPrincipal(policy, "x"));
        Fixtures.Batch batch = new Fixtures.Batch()
                .add("orders-1", 0, "eu", Fixtures.header("region", "eu"))
                .add("orders-1", 0, "us", Fixtures.header("region", "us"))
                .add("orders-1", 0, "eu-internal", Fixtures.header("region", "eu"), Fixtures.header("internal", "true"))
                .add("other", 0, "other-us", Fixtures.header("region", "us"));
        assertEquals(List.of("eu", "other-us"), values(interceptor.onConsume(batch.build())));
        interceptor.close();
    }
}
