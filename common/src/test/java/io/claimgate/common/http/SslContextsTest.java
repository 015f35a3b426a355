package io.claimgate.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.common.config.InvalidOptionException;
import io.claimgate.common.config.OptionReader;
import io.claimgate.common.config.OptionSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SslContextsTest {

    private static InvalidOptionException rejected(Map<String, String> jaas) {
        OptionReader reader = new OptionReader(OptionSource.of(jaas, Map.of(), name -> null));
        return assertThrows(InvalidOptionException.class, () -> HttpSettings.from(reader));
    }

    @Test
    void aTypeOrPasswordWithoutItsStoreIsAMistakeNotADefault() {
        assertEquals("oauth.ssl.truststore.password",
                rejected(Map.of("oauth.ssl.truststore.password", "changeit")).option());
        assertEquals("oauth.ssl.truststore.type", rejected(Map.of("oauth.ssl.truststore.type", "JKS")).option());
        InvalidOptionException e = rejected(Map.of("oauth.ssl.keystore.password", "hunter2"));
        assertEquals("oauth.ssl.keystore.password", e.option());
        assertTrue(e.getMessage().contains("is only used with oauth.ssl.keystore.location"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void anUnreadableTrustStoreNamesTheTrustStore(@TempDir Path dir) throws Exception {
        Path garbage = Files.writeString(dir.resolve("trust.p12"), "not a key store");

        InvalidOptionException e = rejected(Map.of("oauth.ssl.truststore.location", garbage.toString(),
                "oauth.ssl.truststore.password", "hunter2"));

        assertEquals("oauth.ssl.truststore.location", e.option());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
}
