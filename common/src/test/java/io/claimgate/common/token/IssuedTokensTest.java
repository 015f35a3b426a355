package io.claimgate.common.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import org.junit.jupiter.api.Test;

class IssuedTokensTest {

    private static AppConfigurationEntry entry(Map<String, String> options) {
        return new AppConfigurationEntry("org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule",
                LoginModuleControlFlag.REQUIRED, options);
    }

    @Test
    void keyDependsOnEveryOptionButNotOnTheirOrder() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("oauth.client.id", "client1");
        a.put("oauth.client.secret", "s1");
        Map<String, String> b = new LinkedHashMap<>();
        b.put("oauth.client.secret", "s1");
        b.put("oauth.client.id", "client1");
        assertEquals(IssuedTokens.keyOf(entry(a)), IssuedTokens.keyOf(entry(b)));
        assertNotEquals(IssuedTokens.keyOf(entry(a)), IssuedTokens.keyOf(entry(Map.of("oauth.client.id", "client1",
                "oauth.client.secret", "s2"))));
        // length-prefixed: moving text between key and value changes the key
        assertNotEquals(IssuedTokens.keyOf(entry(Map.of("ab", "c"))), IssuedTokens.keyOf(entry(Map.of("a", "bc"))));
        assertEquals(64, IssuedTokens.keyOf(entry(a)).length());
    }

    @Test
    void latestTokenOfTheOpenPublishersWins() {
        String key = "test-" + System.nanoTime();
        IssuedTokens.Slot slot = IssuedTokens.slot(key);
        assertSame(slot, IssuedTokens.slot(key));
        Object login1 = new Object();
        Object login2 = new Object();
        assertNull(slot.current());
        slot.publish(login1, "t1");
        slot.publish(login2, "t2");
        assertEquals("t2", slot.current());
        slot.publish(login1, "t1b");
        assertEquals("t1b", slot.current());
        slot.retract(login1);
        assertEquals("t2", slot.current());
        slot.retract(login1);   // twice is harmless
        assertEquals("t2", slot.current());
        slot.retract(login2);
        assertNull(slot.current());
    }
}
