package io.claimgate.login;

import io.claimgate.common.http.IdpHttpClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * Client authentication at the token endpoint: adds the credential to one token request. The
 * credential is added only here, so it is obvious where a secret leaves the process. The three
 * kinds below are all there are.
 */
public interface ClientAuthentication {

    /** The {@code oauth.client.auth.method} this is. */
    ClientAuthMethod method();

    /** Adds the credential of {@code clientId} to the request's form and headers. */
    void addTo(String clientId, URI tokenEndpoint, Instant now, Map<String, String> form,
               Map<String, String> headers) throws TokenRetrievalException;

    /** A shared client secret, sent in a Basic header or in the body. */
    final class ClientSecret implements ClientAuthentication {
        private final ClientAuthMethod method;
        private final String secret;

        public ClientSecret(ClientAuthMethod method, String secret) {
            this.method = method;
            this.secret = secret;
        }

        @Override
        public ClientAuthMethod method() {
            return method;
        }

        public String secret() {
            return secret;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ClientSecret && method == ((ClientSecret) o).method
                    && Objects.equals(secret, ((ClientSecret) o).secret);
        }

        @Override
        public int hashCode() {
            return Objects.hash(method, secret);
        }

        @Override
        public void addTo(String clientId, URI tokenEndpoint, Instant now, Map<String, String> form,
                          Map<String, String> headers) {
            if (method == ClientAuthMethod.CLIENT_SECRET_POST) {
                form.put("client_id", clientId);
                form.put("client_secret", secret);
            } else {
                // RFC 6749 §2.3.1: both parts are form-urlencoded before base64. An IdP that does not
                // decode them fails only for ids or secrets with special characters; such users
                // switch to client_secret_post.
                String pair = IdpHttpClient.encode(clientId) + ":" + IdpHttpClient.encode(secret);
                headers.put("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            }
        }

        @Override
        public String toString() {
            return method.optionValue() + " (secret hidden)";
        }
    }

    /** No client credential, for the jwt-bearer grant whose assertion is the credential. */
    final class None implements ClientAuthentication {
        @Override
        public boolean equals(Object o) {
            return o instanceof None;
        }

        @Override
        public int hashCode() {
            return None.class.hashCode();
        }

        @Override
        public ClientAuthMethod method() {
            return ClientAuthMethod.NONE;
        }

        @Override
        public void addTo(String clientId, URI tokenEndpoint, Instant now, Map<String, String> form,
                          Map<String, String> headers) {
            form.put("client_id", clientId);
        }

        @Override
        public String toString() {
            return method().optionValue();
        }
    }

    /** RFC 7523 §2.2: how a JWT client assertion is announced. */
    String JWT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** A client assertion signed with the client's private key (no shared secret). */
    final class PrivateKeyJwt implements ClientAuthentication {

        private final ClientAssertionKey key;

        public PrivateKeyJwt(ClientAssertionKey key) {
            this.key = key;
        }

        public ClientAssertionKey key() {
            return key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PrivateKeyJwt && Objects.equals(key, ((PrivateKeyJwt) o).key);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(key);
        }

        @Override
        public ClientAuthMethod method() {
            return ClientAuthMethod.PRIVATE_KEY_JWT;
        }

        @Override
        public void addTo(String clientId, URI tokenEndpoint, Instant now, Map<String, String> form,
                          Map<String, String> headers) throws TokenRetrievalException {
            try {
                // client_id is optional with an assertion (RFC 7523 §3) but some IdPs require it.
                form.put("client_id", clientId);
                form.put("client_assertion_type", JWT_ASSERTION_TYPE);
                form.put("client_assertion", key.sign(clientId, tokenEndpoint, now));
            } catch (GeneralSecurityException e) {
                throw new TokenRetrievalException("could not sign the client assertion with "
                        + key + ": " + e.getMessage(), TokenFailureReason.ASSERTION, e);
            }
        }

        @Override
        public String toString() {
            return method().optionValue() + " (" + key.algorithm() + ")";
        }
    }

    /**
     * A client assertion someone else signed and keeps current in a file (Azure workload identity
     * federation: the federated service-account token), sent as it is and re-read for every
     * request. The same wire format as {@link PrivateKeyJwt}, so the same method name.
     */
    final class ClientAssertionFile implements ClientAuthentication {
        private final AssertionFile file;

        public ClientAssertionFile(AssertionFile file) {
            this.file = file;
        }

        public AssertionFile file() {
            return file;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ClientAssertionFile && file.equals(((ClientAssertionFile) o).file);
        }

        @Override
        public int hashCode() {
            return file.hashCode();
        }

        @Override
        public ClientAuthMethod method() {
            return ClientAuthMethod.PRIVATE_KEY_JWT;
        }

        @Override
        public void addTo(String clientId, URI tokenEndpoint, Instant now, Map<String, String> form,
                          Map<String, String> headers) throws TokenRetrievalException {
            // Entra ID requires client_id beside a federated assertion (whose subject is not the client).
            form.put("client_id", clientId);
            form.put("client_assertion_type", JWT_ASSERTION_TYPE);
            form.put("client_assertion", file.read());
        }

        @Override
        public String toString() {
            return method().optionValue() + " (" + file + ")";
        }
    }
}
