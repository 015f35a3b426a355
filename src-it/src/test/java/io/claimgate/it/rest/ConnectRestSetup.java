package io.claimgate.it.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.claimgate.it.DesignPolicy;
import io.claimgate.it.EmbeddedIdp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the Connect REST tests set up alike: the sample policy with two {@code cluster} policies
 * added (client1 administers Connect, client2 may only describe: list, status), the worker
 * properties that turn the claimgate extension on, and the check that no token reached a log.
 */
final class ConnectRestSetup {
    static final String CONNECT_POLICIES = """
              - name: connect-admin
                when: principal.name == 'client1'
                rules:
                  - {action: allow, resource: cluster, operations: [describe, describe_configs, create, alter, alter_configs, delete]}
              - name: connect-viewer
                when: principal.name == 'client2' && listener == 'CONNECT_REST'
                rules:
                  - {action: allow, resource: cluster, operations: [describe]}
            record_filters:
            """;

    private ConnectRestSetup() {
    }

    /** Writes the policy file to {@code directory/policy.yaml} and returns its path. */
    static Path writePolicy(Path directory) throws IOException {
        Files.createDirectories(directory);
        return Files.writeString(directory.resolve("policy.yaml"),
                DesignPolicy.YAML.replace("record_filters:\n", CONNECT_POLICIES));
    }

    /** Worker properties for the extension, validating the IdP's tokens; no policy option if {@code policy} is null. */
    static Map<String, String> workerOAuthProperties(EmbeddedIdp idp, Path policy) {
        Map<String, String> props = new HashMap<>();
        props.put("rest.extension.classes", "io.claimgate.rest.OAuthConnectRestExtension");
        props.put("oauth.jwks.endpoint.uri", idp.jwksUri());
        props.put("oauth.valid.issuer.uri", idp.issuerUri());
        props.put("oauth.valid.audience", EmbeddedIdp.DEFAULT_AUDIENCE);
        props.put("oauth.username.claim", "client_id,sub");
        if (policy != null) {
            props.put("claimgate.policy.location", policy.toString());
        }
        return props;
    }

    /** Neither a token nor its signature part appears in the worker's log. */
    static void assertNoTokenIn(Path log, String... tokens) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        for (String token : tokens) {
            assertFalse(text.contains(token), "a token leaked into " + log);
            assertFalse(text.contains(token.substring(token.lastIndexOf('.') + 1)), "a signature leaked into " + log);
        }
    }
}
