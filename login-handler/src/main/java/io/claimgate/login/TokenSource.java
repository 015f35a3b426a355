package io.claimgate.login;

import java.time.Clock;

/**
 * Where the login handler gets access tokens. Called by Kafka at login and again by its refresh
 * thread before the previous token expires. Implementations are thread-safe and hold no token
 * between calls: each call returns a fresh (or freshly re-read) one.
 */
interface TokenSource {

    /** A token; failures say what went wrong and never contain a secret or a token. */
    ClientAccessToken token() throws TokenRetrievalException;

    /** Where tokens come from, for logs: e.g. "token endpoint https://idp/token". */
    String describe();

    static TokenSource create(LoginOptions options, Clock clock) {
        LoginOptions.Source source = options.source();
        if (source instanceof LoginOptions.Endpoint endpoint) {
            return new ClientCredentialsTokenSource(endpoint, options.http(), clock);
        }
        if (source instanceof LoginOptions.StaticToken token) {
            return new StaticTokenSource(token.value(), clock);
        }
        return new FileTokenSource(((LoginOptions.TokenFile) source).path(), clock);
    }
}
