package io.claimgate.common.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.common.config.OptionSource;
import org.junit.jupiter.api.Test;

/** Values that hold tokens or secrets print as their size, so a stray log line cannot leak them. */
class SecretsInToStringTest {
    @Test
    void anIdpResponsePrintsItsStatusButNotItsBody() {
        String text = new IdpResponse(200, "{\"access_token\":\"eyJ.secret.token\"}").toString();
        assertFalse(text.contains("eyJ"), text);
        assertTrue(text.contains("200"), text);
    }

    @Test
    void aFoundOptionPrintsWhereItCameFromButNotItsValue() {
        String text = new OptionSource.Found("s3cr3t", "JAAS option oauth.client.secret").toString();
        assertFalse(text.contains("s3cr3t"), text);
        assertTrue(text.contains("oauth.client.secret"), text);
    }
}
