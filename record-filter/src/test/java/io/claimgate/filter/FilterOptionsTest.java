package io.claimgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.common.config.InvalidOptionException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad configuration fails at start with a message naming the option and the fix. */
class FilterOptionsTest {
    @TempDir
    Path dir;

    private static InvalidOptionException failure(Map<String, Object> configs) {
        return assertThrows(InvalidOptionException.class, () -> Fixtures.interceptor(configs));
    }

    @Test
    void defaultsAndEnvironment() {
        FilterOptions options = FilterOptions.from(Map.of(), name -> name.equals("CLAIMGATE_POLICY_LOCATION") ? "/p.yaml" : null);
        assertEquals(Path.of("/p.yaml"), options.policyLocation());
        assertEquals(Duration.ofSeconds(5), options.reloadInterval());
        assertEquals(Optional.empty(), options.principalOverride());
    }

    @Test
    void missingPolicyLocationUnknownOptionsAndBadValues() {
        assertEquals("claimgate.policy.location", failure(new HashMap<>(Map.of("claimgate.filter.principal", "x"))).option());
        Map<String, Object> typo = Fixtures.fixedPrincipal(dir.resolve("p.yaml"), "x");
        typo.put("claimgate.filter.principle", "y");
        assertEquals("claimgate.filter.principle", failure(typo).option());
        Map<String, Object> badReload = Fixtures.fixedPrincipal(dir.resolve("p.yaml"), "x");
        badReload.put("claimgate.policy.reload.seconds", "soon");
        assertEquals("claimgate.policy.reload.seconds", failure(badReload).option());
    }

    @Test
    void aConsumerThatCanNeverHaveATokenNeedsTheOverride() {
        Map<String, Object> plain = new HashMap<>(Map.of("claimgate.policy.location", dir.resolve("p.yaml").toString()));
        InvalidOptionException e = failure(plain);
        assertEquals("claimgate.filter.principal", e.option());
        assertTrue(e.getMessage().contains("security.protocol=PLAINTEXT"), e.getMessage());

        Map<String, Object> kafkasHandler = Fixtures.oauthConsumer(dir.resolve("p.yaml"), Map.of());
        kafkasHandler.remove("sasl.login.callback.handler.class");
        assertTrue(failure(kafkasHandler).getMessage().contains("io.claimgate.login.OAuthLoginCallbackHandler"));
    }

    @Test
    void aJaasConfigTheFilterCannotReadIsNamedWithoutEchoingIt() {
        Map<String, Object> unparseable = Fixtures.oauthConsumer(dir.resolve("p.yaml"), Map.of());
        unparseable.put("sasl.jaas.config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule"
                + " required oauth.client.secret=\"hunter2\"");   // no ';'
        InvalidOptionException e = failure(unparseable);
        assertEquals("sasl.jaas.config", e.option());
        assertTrue(e.getMessage().contains("cannot be read for the record filter"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());

        Map<String, Object> twoModules = Fixtures.oauthConsumer(dir.resolve("p.yaml"), Map.of());
        String one = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required oauth.client.id=\"a\";";
        twoModules.put("sasl.jaas.config", one + " " + one);
        e = failure(twoModules);
        assertEquals("sasl.jaas.config", e.option());
        assertTrue(e.getMessage().contains("2 login modules"), e.getMessage());   // Kafka's parser says so first
    }

    @Test
    void reloadSecondsOutOfRangeAndControlCharactersInTheOverrideAreRefused() {
        Map<String, Object> negative = Fixtures.fixedPrincipal(dir.resolve("p.yaml"), "x");
        negative.put("claimgate.policy.reload.seconds", "-1");
        assertEquals("claimgate.policy.reload.seconds", failure(negative).option());
        Map<String, Object> newline = Fixtures.fixedPrincipal(dir.resolve("p.yaml"), "client2\nclient1");
        assertEquals("claimgate.filter.principal", failure(newline).option());
    }

    @Test
    void theOverrideFollowsTheBrokersNameRules() {
        for (String name : new String[] {"\u2003client1", "client1\u3000", "cli\u200bent1"}) {
            InvalidOptionException e = failure(Fixtures.fixedPrincipal(dir.resolve("p.yaml"), name));
            assertEquals("claimgate.filter.principal", e.option());
            assertTrue(e.getMessage().contains("is not a principal name"), e.getMessage());
        }
        assertEquals(Optional.of("Kafka Ops"), FilterOptions.from(Fixtures.fixedPrincipal(dir.resolve("p.yaml"),
                "Kafka Ops"), name -> null).principalOverride());
    }

    @Test
    void usernameClaimOptionsAreCheckedAsOnTheBroker() {
        Map<String, Object> configs = Fixtures.oauthConsumer(dir.resolve("p.yaml"), Map.of("oauth.username.claim", ","));
        assertEquals("oauth.username.claim", failure(configs).option());
    }
}
