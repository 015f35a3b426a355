package io.claimgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.claimgate.common.config.InvalidOptionException;
import java.util.Map;
import org.apache.kafka.common.security.auth.SaslExtensions;
import org.apache.kafka.common.security.oauthbearer.internals.OAuthBearerClientInitialResponse;
import org.junit.jupiter.api.Test;

/** SASL extensions travel next to the token, e.g. Confluent Cloud's logicalCluster and identityPoolId. */
class SaslExtensionsTest {

    @Test
    void theConfiguredExtensionsAnswerKafkasCallback() throws Exception {
        OAuthLoginCallbackHandler handler = Handlers.configured(Map.of(
                "oauth.access.token", "opaque",
                "oauth.sasl.extension.logicalCluster", "lkc-abc123",
                "oauth.sasl.extension.identityPoolId", "pool-Xy z"));

        SaslExtensions extensions = Handlers.extensions(handler);

        assertEquals(Map.of("logicalCluster", "lkc-abc123", "identityPoolId", "pool-Xy z"), extensions.map());
        // What Kafka's SASL client will check when it sends them: they pass.
        OAuthBearerClientInitialResponse.validateExtensions(extensions);
    }

    @Test
    void noExtensionsConfiguredMeansAnEmptySet() throws Exception {
        assertEquals(Map.of(), Handlers.extensions(Handlers.configured(Map.of("oauth.access.token", "opaque"))).map());
    }

    @Test
    void everyLoginGetsItsOwnInstanceBecauseKafkaComparesThemByIdentity() throws Exception {
        OAuthLoginCallbackHandler handler = Handlers.configured(Map.of(
                "oauth.access.token", "opaque", "oauth.sasl.extension.logicalCluster", "lkc-abc123"));

        // The login module of a refresh logs out the previous login's extensions by identity:
        // sharing one instance would remove the new login's extensions too.
        assertNotSame(Handlers.extensions(handler), Handlers.extensions(handler));
    }

    @Test
    void kafkasOwnExtensionOptionsKeepWorkingAndOursWin() throws Exception {
        OAuthLoginCallbackHandler handler = Handlers.configured(Map.of(
                "oauth.access.token", "opaque",
                "extension_logicalCluster", "lkc-old",
                "extension_traceId", "t1",
                "oauth.sasl.extension.logicalCluster", "lkc-new"));

        assertEquals(Map.of("logicalCluster", "lkc-new", "traceId", "t1"), Handlers.extensions(handler).map());
    }

    @Test
    void namesAndValuesKafkaWouldRefuseFailAtConfigureTime() {
        assertEquals("oauth.sasl.extension.auth", refused("oauth.sasl.extension.auth", "x").option());
        assertEquals("oauth.sasl.extension.cluster_id", refused("oauth.sasl.extension.cluster_id", "x").option());
        assertEquals("oauth.sasl.extension.cluster1", refused("oauth.sasl.extension.cluster1", "x").option());
        InvalidOptionException badValue = refused("oauth.sasl.extension.cluster", "caf\u00e9\u0001");
        assertEquals("oauth.sasl.extension.cluster", badValue.option());
        assertEquals(false, badValue.getMessage().contains("caf"), "values are not echoed");
    }

    private static InvalidOptionException refused(String option, String value) {
        return assertThrows(InvalidOptionException.class,
                () -> Handlers.configured(Map.of("oauth.access.token", "opaque", option, value)));
    }
}
