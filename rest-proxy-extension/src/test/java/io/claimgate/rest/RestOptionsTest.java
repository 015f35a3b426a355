package io.claimgate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.common.config.InvalidOptionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestOptionsTest {
    @TempDir
    Path dir;

    Map<String, Object> workerConfig() throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), RestGuardTest.POLICY);
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", "localhost:9092");
        config.put("oauth.jwks.endpoint.uri", "https://idp.example.com/jwks");
        config.put("oauth.valid.issuer.uri", "https://idp.example.com");
        config.put("claimgate.policy.location", policy.toString());
        return config;
    }

    @Test
    void readsTheBrokersOptionsFromWorkerProperties() throws IOException {
        Map<String, Object> config = workerConfig();
        config.put("oauth.username.claim", "client_id,sub");
        config.put("claimgate.rest.public.paths", "/health/, /");
        config.put("allow.everyone.if.no.acl.found", "true");
        RestOptions options = RestOptions.from(config, name -> null);
        assertEquals("https://idp.example.com/jwks", options.validator().single().jwksUri().orElseThrow().toString());
        assertEquals(Set.of("/health", "/"), options.publicPaths());
        assertFalse(options.authorizer().allowEveryoneIfNoAcl(), "never open what no rule names");
    }

    @Test
    void aDistributedWorkerMustVerifyTheSignaturesOfInternalRequests() throws IOException {
        Map<String, Object> config = workerConfig();
        config.put("group.id", "connect-cluster");
        RestOptions.from(config, n -> null);   // Connect's default protocol: sessioned
        config.put("connect.protocol", "sessioned");
        RestOptions.from(config, n -> null);
        for (String unsigned : new String[] {"eager", "compatible"}) {
            config.put("connect.protocol", unsigned);
            InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> RestOptions.from(config, n -> null));
            assertEquals("connect.protocol", e.option());
            assertTrue(e.getMessage().contains("unsigned internal requests"), e.getMessage());
        }
        config.remove("group.id");   // standalone: no worker-to-worker requests at all
        RestOptions.from(config, n -> null);
    }

    @Test
    void missingPolicyFailsStartUpNamingTheOption() throws IOException {
        Map<String, Object> config = workerConfig();
        config.remove("claimgate.policy.location");
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> RestOptions.from(config, n -> null));
        assertEquals("claimgate.policy.location", e.option());
    }

    @Test
    void validationOptionErrorsSayWorkerProperty() throws IOException {
        Map<String, Object> config = workerConfig();
        config.put("oauth.clock.skew.seconds", "soon");
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> RestOptions.from(config, n -> null));
        assertEquals("oauth.clock.skew.seconds", e.option());
        assertTrue(e.getMessage().contains("from worker property oauth.clock.skew.seconds"), e.getMessage());

        Map<String, Object> typo = workerConfig();
        typo.put("oauth.jwks.endpoint.url", "https://idp.example.com/jwks");
        assertEquals("oauth.jwks.endpoint.url",
                assertThrows(InvalidOptionException.class, () -> RestOptions.from(typo, n -> null)).option());
    }

    @Test
    void environmentVariablesAreTheFallback() throws IOException {
        Map<String, Object> config = workerConfig();
        config.remove("oauth.jwks.endpoint.uri");
        Map<String, String> env = Map.of("OAUTH_JWKS_ENDPOINT_URI", "https://other.example.com/jwks");
        RestOptions options = RestOptions.from(config, env::get);
        assertEquals("https://other.example.com/jwks", options.validator().single().jwksUri().orElseThrow().toString());
    }

    @Test
    void unknownRestOptionsAndWildcardPathsFail() throws IOException {
        Map<String, Object> config = workerConfig();
        config.put("claimgate.rest.public.path", "/health");
        assertEquals("claimgate.rest.public.path",
                assertThrows(InvalidOptionException.class, () -> RestOptions.from(config, n -> null)).option());
        Map<String, Object> wildcard = workerConfig();
        wildcard.put("claimgate.rest.public.paths", "/connectors/*");
        assertEquals(RestOptions.PUBLIC_PATHS,
                assertThrows(InvalidOptionException.class, () -> RestOptions.from(wildcard, n -> null)).option());
    }

    @Test
    void restProxyPropertiesAreReadTheSameWayWithoutConnectsChecks() throws IOException {
        Map<String, Object> config = workerConfig();
        // not Connect: its worker-protocol check does not apply to REST Proxy's properties
        config.put("group.id", "anything");
        config.put("connect.protocol", "eager");
        config.put("claimgate.rest.public.paths", "/");
        RestOptions options = RestOptions.from(config, n -> null, RestSurface.REST_PROXY);
        assertEquals(Set.of("/"), options.publicPaths());

        config.put("oauth.clock.skew.seconds", "soon");
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> RestOptions.from(config, n -> null, RestSurface.REST_PROXY));
        assertTrue(e.getMessage().contains("from REST Proxy property oauth.clock.skew.seconds"), e.getMessage());

        Map<String, Object> noPolicy = workerConfig();
        noPolicy.remove("claimgate.policy.location");
        InvalidOptionException missing = assertThrows(InvalidOptionException.class,
                () -> RestOptions.from(noPolicy, n -> null, RestSurface.REST_PROXY));
        assertEquals("claimgate.policy.location", missing.option());
        assertTrue(missing.getMessage().contains("Confluent REST Proxy"), missing.getMessage());
    }
}
