package io.claimgate.server;

import static io.claimgate.server.testkit.Validation.accepted;
import static io.claimgate.server.testkit.Validation.rejected;
import static io.claimgate.server.testkit.Validation.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.server.testkit.Await;
import io.claimgate.server.testkit.Closer;
import io.claimgate.server.testkit.Claims;
import io.claimgate.server.testkit.JwksServer;
import io.claimgate.server.testkit.SigningKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** OIDC discovery of the JWKS, and several issuers on one listener routed by iss. */
class DiscoveryAndIssuersTest {
    final SigningKey corpKey = SigningKey.rsa("corp-key");
    final SigningKey partnerKey = SigningKey.ec("partner-key");
    @RegisterExtension
    final Closer closer = new Closer();

    @Test
    void theJwksIsDiscoveredAndTheIssuerIsTheExpectedIss() throws Exception {
        JwksServer idp = closer.jwks(corpKey);
        OAuthValidatorCallbackHandler handler = closer.handler(Map.of(
                "oauth.issuer.uri", idp.issuerUri().toString(),
                "oauth.connect.timeout.ms", "1500", "oauth.read.timeout.ms", "500"));

        accepted(handler, corpKey.sign(Claims.valid().issuer(idp.issuerUri().toString()).build()));
        String status = rejected(handler, corpKey.sign(Claims.valid().build()));
        assertTrue(status.startsWith("invalid_token (WRONG_ISSUER: "), status);
        assertEquals(1, idp.discoveryRequests());
        assertEquals(1, idp.jwksRequests());
    }

    @Test
    void aDiscoveryDocumentOfAnotherIssuerIsNotTrusted() throws Exception {
        JwksServer idp = closer.jwks(corpKey);
        idp.publishDiscovery("{\"issuer\":\"https://evil.example\",\"jwks_uri\":\"" + idp.jwksUri() + "\"}");
        OAuthValidatorCallbackHandler handler = closer.handler(Map.of("oauth.issuer.uri", idp.issuerUri().toString(),
                "oauth.connect.timeout.ms", "1500", "oauth.read.timeout.ms", "500"));

        String status = rejected(handler, corpKey.sign(Claims.valid().issuer(idp.issuerUri().toString()).build()));

        assertTrue(status.startsWith("invalid_token (KEYS_UNAVAILABLE: "), status);
        assertEquals(0, idp.jwksRequests(), "no key fetched from a document of another issuer");
    }

    @Test
    void discoveryFailingAtStartUpIsRetriedInTheBackground() throws Exception {
        JwksServer idp = closer.jwks(corpKey);
        idp.failDiscovery(true);
        OAuthValidatorCallbackHandler handler = closer.handler(Map.of("oauth.issuer.uri", idp.issuerUri().toString(),
                "oauth.connect.timeout.ms", "1500", "oauth.read.timeout.ms", "500"));
        String token = corpKey.sign(Claims.valid().issuer(idp.issuerUri().toString()).build());
        assertTrue(rejected(handler, token).startsWith("invalid_token (KEYS_UNAVAILABLE: "));

        idp.failDiscovery(false);

        Await.until(() -> validate(handler, token).token() != null);
    }

    @Test
    void severalIssuersOnOneListener() throws Exception {
        JwksServer corp = closer.jwks(corpKey);
        JwksServer partner = closer.jwks(partnerKey);
        OAuthValidatorCallbackHandler handler = closer.handler(twoIssuers(corp, partner));

        ValidatedToken fromCorp = accepted(handler, corpKey.sign(Claims.valid().issuer("https://corp.example")
                .claim("groups", List.of("kafka-admins")).build()));
        ValidatedToken fromPartner = accepted(handler, partnerKey.sign(Claims.valid()
                .issuer(partner.issuerUri().toString()).audience("partner-aud")
                .claim("groups", List.of("kafka-admins")).build()));

        // The same sub and group at two issuers are two users and two groups.
        assertEquals("corp:service-account-orders", fromCorp.principalName());
        assertEquals("partner:service-account-orders", fromPartner.principalName());
        assertEquals(List.of("corp:kafka-admins"), fromCorp.groups());
        assertEquals(List.of("partner:kafka-admins"), fromPartner.groups());
        assertEquals(1, partner.discoveryRequests());
        // Each token carries the configured issuer that accepted it, namespace and all.
        assertEquals("corp", fromCorp.issuer().id());
        assertEquals("partner", fromPartner.issuer().id());
        assertEquals("partner:", fromPartner.issuer().usernamePrefix());
        assertEquals(Optional.of(partner.issuerUri().toString()), fromPartner.issuer().expectedIssuer());
    }

    @Test
    void aTokenIsCheckedWithItsOwnIssuersKeysAndRules() throws Exception {
        JwksServer corp = closer.jwks(corpKey);
        JwksServer partner = closer.jwks(partnerKey);
        OAuthValidatorCallbackHandler handler = closer.handler(twoIssuers(corp, partner));
        Thread.sleep(1100);   // past the minimum pause, so an unknown kid could trigger a refetch

        // Signed by partner's key but claiming corp's iss: corp's JWKS does not have that key.
        String status = rejected(handler, partnerKey.sign(Claims.valid().issuer("https://corp.example").build()));
        assertTrue(status.startsWith("invalid_token (UNKNOWN_KEY: "), status);
        // corp requires audience kafka-broker (shared), partner overrides it with "partner-aud".
        status = rejected(handler, partnerKey.sign(Claims.valid().issuer(partner.issuerUri().toString()).build()));
        assertTrue(status.startsWith("invalid_token (WRONG_AUDIENCE: "), status);
    }

    @Test
    void anUnknownIssuerIsRejectedWithoutAnyNetworkCall() throws Exception {
        JwksServer corp = closer.jwks(corpKey);
        JwksServer partner = closer.jwks(partnerKey);
        OAuthValidatorCallbackHandler handler = closer.handler(twoIssuers(corp, partner));
        int before = corp.allRequests() + partner.allRequests();

        String status = rejected(handler, corpKey.sign(corpKey.header().keyID("unknown-kid")
                        .jwkURL(corp.uri("/jku")).x509CertURL(corp.uri("/x5u")),
                Claims.valid().issuer(corp.uri("/issuer-named-by-the-token").toString()).build()));
        String noIss = rejected(handler, corpKey.sign(Claims.valid().issuer(null).build()));

        assertTrue(status.startsWith("invalid_token (WRONG_ISSUER: issuer 'http://127.0.0.1:"), status);
        assertTrue(noIss.startsWith("invalid_token (WRONG_ISSUER: token has no iss claim"), noIss);
        assertEquals(before, corp.allRequests() + partner.allRequests());
    }

    private static Map<String, String> twoIssuers(JwksServer corp, JwksServer partner) {
        Map<String, String> options = new HashMap<>();
        options.put("oauth.issuers", "corp,partner");
        options.put("oauth.issuer.corp.jwks.endpoint.uri", corp.jwksUri().toString());
        options.put("oauth.issuer.corp.valid.issuer.uri", "https://corp.example");
        options.put("oauth.issuer.partner.issuer.uri", partner.issuerUri().toString());
        options.put("oauth.issuer.corp.username.prefix", "corp:");
        options.put("oauth.issuer.partner.username.prefix", "partner:");
        options.put("oauth.groups.claim", "groups");
        options.put("oauth.issuer.corp.groups.prefix", "corp:");
        options.put("oauth.issuer.partner.groups.prefix", "partner:");
        options.put("oauth.issuer.partner.valid.audience", "partner-aud");
        options.put("oauth.valid.audience", Claims.AUDIENCE);
        options.put("oauth.connect.timeout.ms", "1500");
        options.put("oauth.read.timeout.ms", "500");
        return options;
    }

}
