package io.claimgate.login;

import io.claimgate.common.config.OptionNames;
import java.time.Clock;

/**
 * A token given in {@code oauth.access.token}: for tests, tools and short-lived jobs whose token
 * is minted elsewhere. Its lifetime is computed on every call, so an opaque token is "renewed"
 * every {@link ClientAccessToken#DEFAULT_LIFETIME} by Kafka's refresh thread; an expired JWT fails
 * the login with a clear message instead of being rejected by the broker.
 */
final class StaticTokenSource implements TokenSource {
    private final String value;
    private final Clock clock;

    StaticTokenSource(String value, Clock clock) {
        this.value = value;
        this.clock = clock;
    }

    @Override
    public ClientAccessToken token() throws TokenRetrievalException {
        ClientAccessToken token = ClientAccessToken.fromTokenOnly(value, clock.instant());
        if (token.lifetimeMs() <= clock.millis()) {
            throw new TokenRetrievalException("the access token in " + OptionNames.ACCESS_TOKEN
                    + " expired at " + token.expiresAt() + "; configure a current one");
        }
        return token;
    }

    @Override
    public String describe() {
        return "static token (" + OptionNames.ACCESS_TOKEN + ")";
    }
}
