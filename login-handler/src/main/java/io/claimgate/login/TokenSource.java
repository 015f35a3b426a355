package io.claimgate.login;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * Where the login handler gets access tokens. Called by Kafka at login and again by its refresh
 * thread before the previous token expires. Implementations are thread-safe. Those that ask a
 * token endpoint are shared per credential ({@link SharedTokenRegistry}): a call may return the
 * token another login of the JVM got, while it has at least half its lifetime left. The others
 * hold no token between calls: each call returns a fresh (or freshly re-read) one.
 */
interface TokenSource extends AutoCloseable {

    /** A token; failures say what went wrong and never contain a secret or a token. */
    ClientAccessToken token() throws TokenRetrievalException;

    /** Where tokens come from, for logs: e.g. "token endpoint https://idp/token". */
    String describe();

    /** Lets go of what this source shares with other logins; does not throw. */
    @Override
    default void close() {
    }

    /** @param registry where the meters of a token fetched from an endpoint go */
    static TokenSource create(LoginOptions options, Clock clock, MeterRegistry registry) {
        LoginOptions.Source source = options.source();
        if (source instanceof LoginOptions.Endpoint endpoint) {
            return SharedTokenRegistry.jvm().acquire(CredentialKey.of(endpoint, options.http()),
                    () -> new ClientCredentialsTokenSource(endpoint, options.http(), clock), clock, registry);
        }
        if (source instanceof LoginOptions.StaticToken token) {
            return new StaticTokenSource(token.value(), clock);
        }
        return new FileTokenSource(((LoginOptions.TokenFile) source).path(), clock);
    }
}
