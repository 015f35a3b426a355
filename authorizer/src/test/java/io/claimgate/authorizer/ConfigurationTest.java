package io.claimgate.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.authorizer.config.AuthorizerMode;
import io.claimgate.authorizer.config.AuthorizerOptions;
import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.policy.OAuthKafkaPrincipal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad authorizer configuration fails start-up with one message naming the option. */
class ConfigurationTest {
    @TempDir
    Path dir;

    @Test
    void defaults() {
        AuthorizerOptions options = AuthorizerOptions.from(Map.of(), name -> null);
        assertEquals(AuthorizerMode.ENFORCE, options.mode());
        assertEquals("Group", options.groupPrincipalType());
        assertEquals(Duration.ofSeconds(5), options.reloadInterval());
        assertEquals(100_000, options.cacheMaxEntries());
        assertEquals(1000, options.metricsMaxTopics());
        assertTrue(options.policyLocation().isEmpty());
    }

    @Test
    void beforeConfigureNothingIsAuthorized() throws Exception {
        // Kafka answers a request whose authorization throws with an error: nothing is allowed.
        try (ClaimAuthorizer unconfigured = new ClaimAuthorizer()) {
            OAuthKafkaPrincipal alice = TestBroker.user("alice");
            assertThrows(org.apache.kafka.common.errors.AuthorizerNotReadyException.class, () -> unconfigured.authorize(
                    TestBroker.request(alice), List.of(TestBroker.action(AclOperation.READ, ResourceType.TOPIC, "t"))));
            assertThrows(org.apache.kafka.common.errors.AuthorizerNotReadyException.class,
                    () -> unconfigured.authorizeByResourceType(TestBroker.request(alice), AclOperation.READ,
                            ResourceType.TOPIC));
        }
    }

    @Test
    void anUnknownModeNamesTheOption() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> TestBroker.start(Map.of("claimgate.authorizer.mode", "permissive")));
        assertEquals("claimgate.authorizer.mode", e.option());
        assertEquals("claimgate option 'claimgate.authorizer.mode': expected one of [audit, enforce], got 'permissive'"
                + " (from broker property claimgate.authorizer.mode)", e.getMessage());
    }

    @Test
    void aMissingPolicyFileFailsStartUp() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> TestBroker.start(Map.of("claimgate.policy.location", dir.resolve("nope.yaml").toString())));
        assertEquals("claimgate.policy.location", e.option());
        assertTrue(e.getMessage().contains("nope.yaml' does not exist or cannot be read"), e.getMessage());
    }

    @Test
    void typosInClaimgateAuthorizerOptionsAreRefused() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> TestBroker.start(Map.of("claimgate.authorizer.mod", "audit")));
        assertEquals("claimgate.authorizer.mod", e.option());
    }

    @Test
    void numbersAndTheGroupTypeAreChecked() {
        assertEquals("claimgate.policy.reload.seconds", assertThrows(InvalidOptionException.class,
                () -> TestBroker.start(Map.of("claimgate.policy.reload.seconds", "-1"))).option());
        assertEquals("claimgate.authorizer.cache.max.entries", assertThrows(InvalidOptionException.class,
                () -> TestBroker.start(Map.of("claimgate.authorizer.cache.max.entries", "lots"))).option());
        assertEquals("claimgate.authorizer.metrics.max.topics", assertThrows(InvalidOptionException.class,
                () -> TestBroker.start(Map.of("claimgate.authorizer.metrics.max.topics", "-1"))).option());
        assertEquals("claimgate.group.principal.type", assertThrows(InvalidOptionException.class,
                () -> TestBroker.start(Map.of("claimgate.group.principal.type", "User"))).option());
    }

    @Test
    void optionsMayComeFromTheEnvironment() {
        AuthorizerOptions options = AuthorizerOptions.from(Map.of("claimgate.policy.reload.seconds", "7"),
                Map.of("CLAIMGATE_AUTHORIZER_MODE", "audit", "CLAIMGATE_POLICY_RELOAD_SECONDS", "9")::get);
        assertEquals(AuthorizerMode.AUDIT, options.mode());
        assertEquals(Duration.ofSeconds(7), options.reloadInterval(), "the broker property wins");
    }

    @Test
    void withoutAPolicyFileOnlyAclsDecide() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of())) {
            assertNull(broker.authorizer.policies());
        }
    }
}
