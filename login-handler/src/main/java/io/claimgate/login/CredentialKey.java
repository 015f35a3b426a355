package io.claimgate.login;

import io.claimgate.common.http.HttpSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Everything that decides which token a login gets from a token endpoint, and how it is asked
 * for: logins whose keys are equal share one token ({@link SharedTokenRegistry}); any difference
 * (another grant or assertion file, client, secret, key, scope, audience, endpoint, TLS trust, proxy, timeout or retry setting)
 * gets its own. The credential is held only as a SHA-256 digest ({@code credentialDigest}), so
 * the key itself holds no secret (a client assertion file is held by its path); neither it nor the TLS fingerprint is ever printed.
 *
 * @param tokenEndpoint    the configured token endpoint; empty when it is discovered from {@code issuer}
 * @param issuer           where the token endpoint is discovered; empty when {@code tokenEndpoint} is set
 * @param credentialDigest what authenticates the client: the digest of its secret or of its private key
 * @param tlsFingerprint   {@code HttpSettings.tlsFingerprint}; empty = the JVM's default trust
 */
record CredentialKey(Optional<URI> tokenEndpoint, Optional<URI> issuer, String clientId, ClientAuthMethod method,
                     String credentialDigest, GrantType grant, Optional<Path> assertionFile, Optional<String> scope, Optional<String> audience,
                     Duration connectTimeout, Duration readTimeout, int retries, Duration backoff,
                     Duration backoffMax, String tlsFingerprint, Optional<String> proxy) {

    static CredentialKey of(LoginOptions.Endpoint endpoint, HttpSettings http) {
        String credential;
        if (endpoint.authentication() instanceof ClientAuthentication.ClientSecret secret) {
            credential = "secret:" + sha256(secret.secret().getBytes(StandardCharsets.UTF_8));
        } else if (endpoint.authentication() instanceof ClientAuthentication.PrivateKeyJwt key) {
            credential = "key:" + key.key().fingerprint();
        } else if (endpoint.authentication() instanceof ClientAuthentication.ClientAssertionFile file) {
            // The file, not its content (as for the grant's assertion below).
            credential = "assertion-file:" + file.file().path().toAbsolutePath().normalize();
        } else {
            credential = "none"; // the assertion file, also in the key, is the credential
        }
        return new CredentialKey(endpoint.tokenEndpoint(), endpoint.issuer(), endpoint.clientId(),
                endpoint.authentication().method(), credential, endpoint.grant(),
                // The file, not its content: the content rotates, and whoever reads the same file
                // holds the same identity (the assertion's subject).
                endpoint.assertion().map(a -> a.path().toAbsolutePath().normalize()), endpoint.scope(), endpoint.audience(),
                http.connectTimeout(), http.readTimeout(), http.retries(), http.backoff(), http.backoffMax(),
                http.tlsFingerprint(), http.proxy().map(p -> p.getHostString() + ":" + p.getPort()));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Without the credential digest and the TLS fingerprint (derived from passwords). */
    @Override
    public String toString() {
        return "CredentialKey[" + tokenEndpoint.map(URI::toString).orElseGet(() -> "token endpoint of " + issuer.orElseThrow())
                + ", " + grant.wireValue() + assertionFile.map(p -> " (assertion file " + p + ")").orElse("")
                + ", client_id " + clientId + ", " + method.optionValue()
                + scope.map(s -> ", scope '" + s + "'").orElse("")
                + audience.map(a -> ", audience '" + a + "'").orElse("") + "]";
    }
}
