package io.claimgate.login;

import static io.claimgate.login.FakeTokenEndpoint.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.login.LoginException;
import org.apache.kafka.common.security.auth.SaslExtensions;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;
import org.junit.jupiter.api.Test;

/** The handler inside Kafka's own OAuthBearerLoginModule, as every Kafka client runs it. */
class KafkaLoginModuleTest {

    private static OAuthBearerLoginModule loginModule(Subject subject, OAuthLoginCallbackHandler handler,
                                                      Map<String, String> options) {
        OAuthBearerLoginModule module = new OAuthBearerLoginModule();
        module.initialize(subject, handler, Map.of(), options);
        return module;
    }

    @Test
    void kafkasLoginModuleCommitsTheTokenAndExtensionsToTheSubject() throws Exception {
        try (FakeTokenEndpoint endpoint = new FakeTokenEndpoint()) {
            endpoint.answer(json(200, "{\"access_token\":\"opaque-1\",\"expires_in\":60}"));
            Map<String, String> options = Map.of(
                    "oauth.token.endpoint.uri", endpoint.tokenUri().toString(),
                    "oauth.client.id", "client1",
                    "oauth.client.secret", "secret",
                    "oauth.sasl.extension.logicalCluster", "lkc-1");
            Subject subject = new Subject();
            OAuthBearerLoginModule module = loginModule(subject, Handlers.configured(options), options);

            module.login();
            module.commit();

            Set<OAuthBearerToken> tokens = subject.getPrivateCredentials(OAuthBearerToken.class);
            assertEquals("opaque-1", tokens.iterator().next().value());
            assertEquals(Map.of("logicalCluster", "lkc-1"),
                    subject.getPublicCredentials(SaslExtensions.class).iterator().next().map());
        }
    }

    @Test
    void aFailedTokenRequestFailsTheLogin() throws Exception {
        try (FakeTokenEndpoint endpoint = new FakeTokenEndpoint()) {
            endpoint.answer(json(401, "{\"error\":\"invalid_client\"}"));
            Map<String, String> options = Map.of(
                    "oauth.token.endpoint.uri", endpoint.tokenUri().toString(),
                    "oauth.client.id", "client1",
                    "oauth.client.secret", "secret");
            OAuthBearerLoginModule module = loginModule(new Subject(), Handlers.configured(options), options);

            // Kafka logs our message at ERROR and throws a generic LoginException.
            assertThrows(LoginException.class, module::login);
        }
    }
}
