package io.claimgate.policy.cel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpressionCompilerTest {

    private static final Map<String, Object> CLIENT1 = CelVariables.principal("User", "client1",
            Map.of("topics", List.of("orders", "audit-*"), "level", 3, "ratio", 0.5f,
                    "realm_access", Map.of("roles", List.of("admin"))),
            List.of("ops"), Set.of("kafka", "openid"), "SASL_SSL", "10.0.0.7");

    @Test
    void conditionsSeeEveryPrincipalVariable() throws Exception {
        assertTrue(bool("principal.name == 'client1' && principal.type == 'User'"));
        assertTrue(bool("'kafka' in scopes && 'ops' in groups"));
        assertTrue(bool("listener == 'SASL_SSL' && client.address.startsWith('10.')"));
        assertTrue(bool("'admin' in claims.realm_access.roles"));
        assertTrue(bool("has(claims.topics) && claims.topics.exists(t, t == 'orders')"));
    }

    @Test
    void integerClaimsCompareWithIntegersAndDoubles() throws Exception {
        // Nimbus gives Long, some callers Integer; CEL needs Long. Mixed numeric comparison is on.
        assertTrue(bool("claims.level == 3 && claims.level > 2.5 && claims.ratio < 1"));
    }

    @Test
    void namesFromAcceptsAListOrOneString() throws Exception {
        CompiledExpression topics = ExpressionCompiler.compile("claims.topics", CelScope.PRINCIPAL, ResultKind.STRING_LIST);
        assertEquals(List.of("orders", "audit-*"), topics.evaluateStringList(CLIENT1));
        CompiledExpression one = ExpressionCompiler.compile("principal.name + '-*'", CelScope.PRINCIPAL, ResultKind.STRING_LIST);
        assertEquals(List.of("client1-*"), one.evaluateStringList(CLIENT1));
    }

    @Test
    void aMissingClaimIsAnEvaluationErrorNotFalse() throws Exception {
        CompiledExpression expr = ExpressionCompiler.compile("claims.tenant == 'a'", CelScope.PRINCIPAL, ResultKind.BOOL);
        EvaluationException e = assertThrows(EvaluationException.class, () -> expr.evaluateBool(CLIENT1));
        assertTrue(e.getMessage().contains("tenant"), e.getMessage());
    }

    @Test
    void typeErrorsAreFoundAtCompileTimeWithTheirPosition() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> ExpressionCompiler.compile("principal.name == 1", CelScope.PRINCIPAL, ResultKind.BOOL));
        assertEquals(1, e.line());
        assertEquals(16, e.column());
        assertTrue(e.getMessage().contains("no matching overload"), e.getMessage());
    }

    @Test
    void variablesOutsideTheScopeAreUndeclared() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> ExpressionCompiler.compile("record.topic == 'x'", CelScope.PRINCIPAL, ResultKind.BOOL));
        assertTrue(e.getMessage().contains("undeclared reference to 'record'"), e.getMessage());
        assertThrows(ExpressionException.class,
                () -> ExpressionCompiler.compile("principal.name == 'x'", CelScope.CLAIMS, ResultKind.BOOL));
    }

    @Test
    void theResultTypeIsChecked() {
        ExpressionException notBool = assertThrows(ExpressionException.class,
                () -> ExpressionCompiler.compile("size(groups)", CelScope.PRINCIPAL, ResultKind.BOOL));
        assertTrue(notBool.getMessage().contains("must produce a bool but produces int"), notBool.getMessage());
        assertThrows(ExpressionException.class,
                () -> ExpressionCompiler.compile("[1, 2]", CelScope.PRINCIPAL, ResultKind.STRING_LIST));
        assertThrows(ExpressionException.class,
                () -> ExpressionCompiler.compile(" ", CelScope.PRINCIPAL, ResultKind.BOOL));
    }

    @Test
    void aDynResultOfTheWrongTypeFailsWhenEvaluated() throws Exception {
        CompiledExpression level = ExpressionCompiler.compile("claims.level", CelScope.PRINCIPAL, ResultKind.BOOL);
        assertThrows(EvaluationException.class, () -> level.evaluateBool(CLIENT1));
        CompiledExpression list = ExpressionCompiler.compile("claims.level", CelScope.PRINCIPAL, ResultKind.STRING_LIST);
        assertThrows(EvaluationException.class, () -> list.evaluateStringList(CLIENT1));
    }

    @Test
    void recordFiltersSeeTheRecord() throws Exception {
        Map<String, Object> vars = CelVariables.withRecord(CLIENT1, "orders", Map.of("internal", "true"));
        CompiledExpression skip = ExpressionCompiler.compile(
                "record.headers['internal'] == 'true' && principal.name != 'client1'", CelScope.RECORD, ResultKind.BOOL);
        assertFalse(skip.evaluateBool(vars));
        assertTrue(ExpressionCompiler.compile("record.topic == 'orders'", CelScope.RECORD, ResultKind.BOOL).evaluateBool(vars));
    }

    private static boolean bool(String expression) throws Exception {
        return ExpressionCompiler.compile(expression, CelScope.PRINCIPAL, ResultKind.BOOL).evaluateBool(CLIENT1);
    }
}
