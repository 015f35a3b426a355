package io.claimgate.login;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real (embedded) OAuth 2.0 server for logins that send an assertion read from a file (the
 * jwt-bearer grant, or a client assertion): the server, a key that signs the assertions the way a
 * workload identity issuer would, the files, and the requests the server got. A JUnit extension
 * ({@code @RegisterExtension}): a fresh server, key and directory for each test, gone after it.
 */
final class AssertionFileIdp implements BeforeEachCallback, AfterEachCallback {
    private MockOAuth2Server server;
    private KeyPair issuerKey;
    private Path dir;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("assertion-file-idp");
        issuerKey = TestKeys.rsa();
        server = new MockOAuth2Server();
        server.start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        server.shutdown();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** Where {@link #write} puts files; tests may put others there. */
    Path dir() {
        return dir;
    }

    MockOAuth2Server server() {
        return server;
    }

    KeyPair issuerKey() {
        return issuerKey;
    }

    String tokenEndpoint() {
        return server.tokenEndpointUrl("default").toString();
    }

    /** An RS256 JWT from the issuer's key, valid for an hour, with a fresh jti. */
    String signedJwt(String issuer, String subject, String audience) throws JOSEException {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                .issuer(issuer).subject(subject).audience(audience).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1)))).build());
        jwt.sign(new RSASSASigner(issuerKey.getPrivate()));
        return jwt.serialize();
    }

    Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    /** The next request the server got; fails the test if none comes within 5 s. */
    RecordedRequest tokenRequest() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertTrue(request != null, "the IdP got a request");
        return request;
    }

    /** Login options: the token endpoint, client1, scope kafka, then {@code base}, then name/value pairs {@code more}. */
    Map<String, String> options(Map<String, String> base, String... more) {
        Map<String, String> options = new HashMap<>(Map.of(
                "oauth.token.endpoint.uri", tokenEndpoint(),
                "oauth.client.id", "client1",
                "oauth.scope", "kafka"));
        options.putAll(base);
        for (int i = 0; i < more.length; i += 2) {
            options.put(more[i], more[i + 1]);
        }
        return options;
    }
}
