package io.claimgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void usernameClaimOptionsAreCheckedAsOnTheBroker() {
        Map<String, Object> configs = Fixtures.oauthConsumer(dir.resolve("p.yaml"), Map.of("oauth.username.claim", ","));
        assertEquals("oauth.username.claim", failure(configs).option());
    }
}
