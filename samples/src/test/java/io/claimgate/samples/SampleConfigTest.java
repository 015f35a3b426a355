package io.claimgate.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.login.OAuthLoginCallbackHandler;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.security.auth.callback.Callback;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerTokenCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file in samples/config is loaded here (the quickstart runs server.properties, the client
 * files and the token files for real); the JAAS file drives the real login handler.
 */
class SampleConfigTest {

    private static Map<String, String> valuesFor(String file) {
        Map<String, String> values = new TreeMap<>();
        SampleConfig.placeholders(file).forEach(name -> values.put(name, "value-of-" + name));
        return values;
    }

    @Test
    void everySampleFileRendersWithAllItsPlaceholdersFilled() {
        for (String file : SampleConfig.FILES) {
            String text = SampleConfig.render(file, valuesFor(file));
            assertFalse(text.contains("${"), file);
        }
    }

    @Test
    void aMissingValueIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SampleConfig.render("client1.properties", Map.of()));
        assertTrue(e.getMessage().contains("${"), e.getMessage());
    }

    @Test
    void everySampleFileIsListed() throws Exception {
        Path config = Path.of("config");
        try (var files = Files.list(config)) {
            assertEquals(files.map(p -> p.getFileName().toString()).sorted().toList(),
                    SampleConfig.FILES.stream().sorted().toList(), "SampleConfig.FILES must list every file in samples/config");
        }
    }

    @Test
    void brokerSampleWiresClaimgatesClasses() {
        Properties server = SampleConfig.properties("server.properties", valuesFor("server.properties"));
        assertEquals("io.claimgate.server.OAuthPrincipalBuilder", server.getProperty("principal.builder.class"));
        assertEquals("io.claimgate.server.OAuthValidatorCallbackHandler",
                server.getProperty("listener.name.external.oauthbearer.sasl.server.callback.handler.class"));
        assertTrue(server.getProperty("listener.name.external.oauthbearer.sasl.jaas.config")
                .contains("unsecuredLoginStringClaim_sub"));
    }

    @Test
    void clientSamplesUseClaimgatesLoginHandler() {
        for (String file : List.of("client1.properties", "client2.properties", "static-token-client.properties",
                "token-file-client.properties", "private-key-jwt-client.properties",
                "workload-identity-client.properties", "workload-identity-entra-client.properties")) {
            Properties client = SampleConfig.properties(file, valuesFor(file));
            assertEquals("io.claimgate.login.OAuthLoginCallbackHandler",
                    client.getProperty("sasl.login.callback.handler.class"), file);
            assertEquals("OAUTHBEARER", client.getProperty("sasl.mechanism"), file);
        }
    }

    @Test
    void privateKeyJwtSampleGetsATokenFromTheIdpWithoutASecret(@TempDir Path dir) throws Exception {
        // The sample's options load and the handler sends an assertion the IdP takes; the embedded
        // IdP does not check its signature (the login handler's tests verify the assertion itself:
        // ClientCredentialsAgainstMockIdpTest).

        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        Path key = Files.writeString(dir.resolve("client1-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        try (EmbeddedIdp idp = EmbeddedIdp.start()) {
            Clients.allowUrls(idp.allowedUrls());
            Properties client = SampleConfig.properties("private-key-jwt-client.properties", Map.of(
                    "BOOTSTRAP_SERVERS", "localhost:9092", "IDP_TOKEN_ENDPOINT", idp.tokenEndpoint(),
                    "CLIENT1_KEY_PEM", key.toString()));
            AppConfigurationEntry entry = org.apache.kafka.common.security.JaasContext.loadClientContext(Map.of(
                    "sasl.jaas.config", new org.apache.kafka.common.config.types.Password(
                            client.getProperty("sasl.jaas.config")))).configurationEntries().get(0);

            assertEquals("client1", loginAs(List.of(entry)).principalName());
            assertFalse(entry.getOptions().containsKey("oauth.client.secret"), "no secret in the sample");
        }
    }

    @Test
    void workloadIdentitySampleExchangesTheServiceAccountTokenFile(@TempDir Path dir) throws Exception {
        // A JWT like the kubelet's; the embedded IdP takes its subject without checking the signature
        // (the login handler's JwtBearerAgainstMockIdpTest covers the grant and the file's re-reading).
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        com.nimbusds.jwt.SignedJWT assertion = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.ES256), new com.nimbusds.jwt.JWTClaimsSet.Builder()
                .issuer("https://kubernetes.default.svc").subject("system:serviceaccount:shop:orders")
                .audience("kafka-idp").expirationTime(new java.util.Date(System.currentTimeMillis() + 3_600_000))
                .build());
        assertion.sign(new com.nimbusds.jose.crypto.ECDSASigner(
                (java.security.interfaces.ECPrivateKey) generator.generateKeyPair().getPrivate()));
        Path file = Files.writeString(dir.resolve("kafka-token"), assertion.serialize() + "\n");
        try (EmbeddedIdp idp = EmbeddedIdp.start()) {
            Clients.allowUrls(idp.allowedUrls());
            Properties client = SampleConfig.properties("workload-identity-client.properties", Map.of(
                    "BOOTSTRAP_SERVERS", "localhost:9092", "IDP_TOKEN_ENDPOINT", idp.tokenEndpoint(),
                    "SERVICE_ACCOUNT_TOKEN_FILE", file.toString()));
            AppConfigurationEntry entry = org.apache.kafka.common.security.JaasContext.loadClientContext(Map.of(
                    "sasl.jaas.config", new org.apache.kafka.common.config.types.Password(
                            client.getProperty("sasl.jaas.config")))).configurationEntries().get(0);

            assertEquals("system:serviceaccount:shop:orders", loginAs(List.of(entry)).principalName());
            assertFalse(entry.getOptions().containsKey("oauth.client.secret"), "no secret in the sample");
        }
    }

    @Test
    void entraWorkloadIdentitySampleSendsTheFederatedTokenAsClientAssertion(@TempDir Path dir) throws Exception {
        // The embedded IdP parses client assertions as Nimbus does (iss = sub = client id, aud, exp;
        // signature not checked); Entra ID checks a federated credential instead. The login handler's
        // ClientAssertionFileAgainstMockIdpTest checks the form parameters and the file's re-reading.
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        try (EmbeddedIdp idp = EmbeddedIdp.start()) {
            com.nimbusds.jwt.SignedJWT assertion = new com.nimbusds.jwt.SignedJWT(
                    new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.ES256), new com.nimbusds.jwt.JWTClaimsSet.Builder()
                    .issuer(EmbeddedIdp.CLIENT1).subject(EmbeddedIdp.CLIENT1).audience(idp.tokenEndpoint())
                    .expirationTime(new java.util.Date(System.currentTimeMillis() + 3_600_000)).build());
            assertion.sign(new com.nimbusds.jose.crypto.ECDSASigner(
                    (java.security.interfaces.ECPrivateKey) generator.generateKeyPair().getPrivate()));
            Path file = Files.writeString(dir.resolve("azure-identity-token"), assertion.serialize() + "\n");
            Clients.allowUrls(idp.allowedUrls());
            Properties client = SampleConfig.properties("workload-identity-entra-client.properties", Map.of(
                    "BOOTSTRAP_SERVERS", "localhost:9092", "IDP_TOKEN_ENDPOINT", idp.tokenEndpoint(),
                    "AZURE_CLIENT_ID", EmbeddedIdp.CLIENT1, "AZURE_FEDERATED_TOKEN_FILE", file.toString(),
                    "KAFKA_SCOPE", "kafka"));
            AppConfigurationEntry entry = org.apache.kafka.common.security.JaasContext.loadClientContext(Map.of(
                    "sasl.jaas.config", new org.apache.kafka.common.config.types.Password(
                            client.getProperty("sasl.jaas.config")))).configurationEntries().get(0);

            assertEquals(EmbeddedIdp.CLIENT1, loginAs(List.of(entry)).principalName());
            assertEquals(1, idp.tokenRequestCount(EmbeddedIdp.CLIENT1), "authenticated by the assertion: the IdP issued a token");
            assertFalse(entry.getOptions().containsKey("oauth.client.secret"), "no secret in the sample");
        }
    }

    @Test
    void jaasFileSampleGetsATokenFromTheIdp(@TempDir Path dir) throws Exception {
        try (EmbeddedIdp idp = EmbeddedIdp.start()) {
            Clients.allowUrls(idp.allowedUrls());
            Path jaas = Files.writeString(dir.resolve("kafka_client_jaas.conf"), SampleConfig.render(
                    "kafka_client_jaas.conf", Map.of("IDP_TOKEN_ENDPOINT", idp.tokenEndpoint(),
                            "CLIENT1_SECRET", EmbeddedIdp.CLIENT1_SECRET)));
            URI uri = jaas.toUri();
            AppConfigurationEntry[] entries = new com.sun.security.auth.login.ConfigFile(uri)
                    .getAppConfigurationEntry("KafkaClient");

            assertEquals("client1", loginAs(List.of(entries)).principalName());
            assertTrue(new File(uri).delete());
        }
    }

    /** One login through claimgate's real login handler, as Kafka's login module runs it. */
    private static org.apache.kafka.common.security.oauthbearer.OAuthBearerToken loginAs(
            List<AppConfigurationEntry> jaas) throws Exception {
        OAuthLoginCallbackHandler handler = new OAuthLoginCallbackHandler();
        handler.configure(Map.of(), "OAUTHBEARER", jaas);
        OAuthBearerTokenCallback callback = new OAuthBearerTokenCallback();
        try {
            handler.handle(new Callback[] {callback});
        } finally {
            handler.close();
        }
        return callback.token();
    }
}
