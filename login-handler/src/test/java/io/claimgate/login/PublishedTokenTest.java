package io.claimgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.claimgate.common.token.IssuedTokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tokens handed to Kafka are published for the record-filter interceptor of the same client. */
class PublishedTokenTest {

    @Test
    void eachTokenIsPublishedUnderTheJaasEntryAndTakenBackOnClose() throws Exception {
        Map<String, String> options = Map.of("oauth.access.token", "opaque-" + System.nanoTime());
        IssuedTokens.Slot slot = IssuedTokens.slot(IssuedTokens.keyOf(Handlers.jaasEntry(options)));
        assertNull(slot.current());

        OAuthLoginCallbackHandler handler = Handlers.configured(options);
        assertNull(slot.current(), "nothing before Kafka asks for a token");
        ClientAccessToken token = Handlers.token(handler);
        assertEquals(token.value(), slot.current());

        handler.close();
        assertNull(slot.current());
    }

    @Test
    void aLoginThatFinishesAfterCloseDoesNotLeaveItsTokenPublished() throws Exception {
        // Kafka stops its refresh thread before closing the handler; should a login still finish
        // afterwards, the record filter must not go on filtering as this closed client.
        Map<String, String> options = Map.of("oauth.access.token", "opaque-" + System.nanoTime());
        IssuedTokens.Slot slot = IssuedTokens.slot(IssuedTokens.keyOf(Handlers.jaasEntry(options)));
        OAuthLoginCallbackHandler handler = Handlers.configured(options);
        handler.close();

        Handlers.token(handler);

        assertNull(slot.current());
    }
}
