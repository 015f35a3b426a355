package io.claimgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.policy.cel.CelScope;
import io.claimgate.policy.cel.CelVariables;
import io.claimgate.policy.cel.ExpressionCompiler;
import io.claimgate.policy.cel.ResultKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which headers an expression depends on, and the missing-header rewrite. */
class HeaderReadsTest {
    private static final Map<String, Object> CLIENT2 = CelVariables.principal("User", "client2", Map.of(), List.of(),
            List.of(), "", "");

    private static Optional<List<String>> keys(String source) {
        return HeaderReads.analyse(source).headerKeys();
    }

    private static boolean eval(String source, Map<String, String> headers) throws Exception {
        String prepared = HeaderReads.analyse(source).source();
        return ExpressionCompiler.compile(prepared, CelScope.RECORD, ResultKind.BOOL)
                .evaluateBool(CelVariables.withRecord(CLIENT2, "t", headers));
    }

    @Test
    void constantKeysInEveryForm() {
        assertEquals(Optional.of(List.of("internal")), keys("record.headers['internal'] == 'true' && principal.name != 'client1'"));
        assertEquals(Optional.of(List.of("a", "b", "c", "d")), keys(
                "has(record.headers.a) || 'b' in record.headers || record.headers.c == 'x' || record['headers']['d'] == ''"));
        assertEquals(Optional.of(List.of()), keys("record.topic.startsWith('x') && principal.name == 'a'"));
        assertEquals(Optional.of(List.of()), keys("record['topic'] == 'x'"));
        assertEquals(Optional.of(List.of()), keys("'kafka' in scopes"));
    }

    @Test
    void otherUsesOfRecordAreDynamic() {
        assertEquals(Optional.empty(), keys("record.headers.exists(k, k.startsWith('x-'))"));
        assertEquals(Optional.empty(), keys("size(record.headers) > 3"));
        assertEquals(Optional.empty(), keys("record.headers[claims.header] == 'x'"));
        assertEquals(Optional.empty(), keys("claims.header in record.headers"));
        assertEquals(Optional.empty(), keys("record.key == 'x'"));
        assertEquals(Optional.empty(), keys("size(record) == 2"));
        assertEquals(Optional.empty(), keys("record[claims.field] == 'x'"));
    }

    @Test
    void anIterationVariableNamedRecordShadowsTheVariable() {
        assertEquals(Optional.of(List.of("h")),
                keys("groups.exists(record, record == 'admins') && record.headers.h == 'x'"));
        HeaderReads.Analysis analysis = HeaderReads.analyse("groups.exists(record, record.size() > 3)");
        assertFalse(analysis.rewritten());
        assertEquals(Optional.of(List.of()), analysis.headerKeys());
    }

    @Test
    void missingHeadersReadAsEmptyWhilePresenceTestsTellTheTruth() throws Exception {
        String design = "record.headers['internal'] == 'true' && principal.name != 'client1'";
        assertFalse(eval(design, Map.of()), "no header: not skipped, not an error");
        assertTrue(eval(design, Map.of("internal", "true")));
        assertFalse(eval(design, Map.of("internal", "false")));

        assertFalse(eval("has(record.headers.internal)", Map.of()));
        assertTrue(eval("has(record.headers.internal)", Map.of("internal", "")));
        assertFalse(eval("'internal' in record.headers", Map.of()));
        assertTrue(eval("record.headers.internal == ''", Map.of()));
        assertTrue(eval("record.headers['h'] == ''", Map.of()));
        // a computed key gets the same default
        assertTrue(eval("record.headers['in' + 'ternal'] == ''", Map.of()));
        assertTrue(eval("record.headers['in' + 'ternal'] == 'yes'", Map.of("internal", "yes")));
        // whole-map uses see exactly the headers present
        assertFalse(eval("record.headers.exists(k, k == 'internal')", Map.of()));
        assertTrue(eval("size(record.headers) == 1", Map.of("a", "b")));
    }

    @Test
    void theRewriteKeepsConstantsAndStructure() throws Exception {
        String tricky = "record.headers['x\\'y'] == 'a\\\"b\\\\c\\n\\u00e9' && b'\\xff' != b'' && 1u < 2u"
                + " && b'q\\\"' != b'' && '\\U0001F600'.size() == 1 && [1, 2].all(n, n > 0) && {'k': 1.5}['k'] == 1.5 && !(1 in [2]) && -1 < 0";
        HeaderReads.Analysis analysis = HeaderReads.analyse(tricky);
        assertTrue(analysis.rewritten(), analysis.source());
        assertEquals(Optional.of(List.of("x'y")), analysis.headerKeys());
        assertTrue(eval(tricky, Map.of("x'y", "a\"b\\c\né")), analysis.source());
        assertFalse(eval(tricky, Map.of()));
    }

    @Test
    void expressionsWithoutHeaderReadsAreNotRewritten() {
        String source = "has(record.headers.a) && record.topic == 't'";
        HeaderReads.Analysis analysis = HeaderReads.analyse(source);
        assertFalse(analysis.rewritten());
        assertEquals(source, analysis.source());
    }
}
