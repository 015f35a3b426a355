package io.claimgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.common.config.InvalidOptionException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Start-up refuses several issuers whose tokens could produce each other's user or group names. */
class IssuerNamespacesTest {

    /** corp and partner with everything but the prefixes, plus {@code extra}. */
    private static Map<String, String> twoIssuers(String... extra) {
        Map<String, String> options = new HashMap<>(Map.of(
                "oauth.issuers", "corp,partner",
                "oauth.issuer.corp.jwks.endpoint.uri", "https://corp.example/jwks",
                "oauth.issuer.corp.valid.issuer.uri", "https://corp.example",
                "oauth.issuer.partner.jwks.endpoint.uri", "https://partner.example/jwks",
                "oauth.issuer.partner.valid.issuer.uri", "https://partner.example",
                "oauth.groups.claim", "groups"));
        for (int i = 0; i < extra.length; i += 2) {
            options.put(extra[i], extra[i + 1]);
        }
        return options;
    }

    private static final String[] PREFIXES = {
            "oauth.issuer.corp.username.prefix", "corp/", "oauth.issuer.partner.username.prefix", "partner/",
            "oauth.issuer.corp.groups.prefix", "corp/", "oauth.issuer.partner.groups.prefix", "partner/"};

    private static ValidatorOptions read(Map<String, String> jaas) {
        return ValidatorOptionsTest.listener(jaas, Map.of());
    }

    private static InvalidOptionException refused(Map<String, String> jaas) {
        return assertThrows(InvalidOptionException.class, () -> read(jaas));
    }

    @Test
    void eachIssuerWithItsOwnPrefixesStarts() {
        List<IssuerOptions> issuers = read(twoIssuers(PREFIXES)).issuers();
        assertEquals("corp/", issuers.get(0).mapping().groupsPrefix());
        assertEquals("partner/", issuers.get(1).mapping().groupsPrefix());
        assertEquals("partner/", issuers.get(1).issuer().groupsPrefix());
    }

    /** The configuration of issue 14: a top-level groups claim, no prefixes. */
    @Test
    void withoutPrefixesStartUpFailsNamingTheIssuerAndTheOption() {
        InvalidOptionException e = refused(twoIssuers());
        assertEquals("oauth.issuer.corp.username.prefix", e.option());
        assertTrue(e.getMessage().contains("issuer 'corp'") && e.getMessage().contains("oauth.issuers.shared.namespace"),
                e.getMessage());
    }

    @ParameterizedTest(name = "without {0}")
    @CsvSource({
            "oauth.issuer.corp.username.prefix", "oauth.issuer.partner.username.prefix",
            "oauth.issuer.corp.groups.prefix", "oauth.issuer.partner.groups.prefix"})
    void everyPrefixIsRequired(String missing) {
        Map<String, String> options = twoIssuers(PREFIXES);
        options.remove(missing);
        InvalidOptionException e = refused(options);
        assertEquals(missing, e.option(), e.getMessage());
        String issuer = missing.split("\\.")[2];
        assertTrue(e.getMessage().contains("issuer '" + issuer + "'"), e.getMessage());
    }

    @Test
    void oneIssuersPrefixMayNotBeginAnothers() {
        InvalidOptionException e = refused(twoIssuers(PREFIXES[0], "p", PREFIXES[2], "p", PREFIXES[4], "c",
                PREFIXES[6], "partner/"));
        assertEquals("oauth.issuer.corp.username.prefix", e.option(), e.getMessage());
        assertTrue(e.getMessage().contains("'p' of issuer 'corp' is a prefix of 'p' of issuer 'partner'"
                + " (oauth.issuer.partner.username.prefix)"), e.getMessage());

        e = refused(twoIssuers(PREFIXES[0], "corp/", PREFIXES[2], "partner/", PREFIXES[4], "corp/",
                PREFIXES[6], "corp/partner/"));
        assertEquals("oauth.issuer.corp.groups.prefix", e.option(), e.getMessage());
        assertTrue(e.getMessage().contains("of issuer 'partner' (oauth.issuer.partner.groups.prefix)"), e.getMessage());
    }

    @Test
    void anInheritedPrefixIsTheSameForEveryIssuerAndSoRefused() {
        InvalidOptionException e = refused(twoIssuers("oauth.username.prefix", "idp:", "oauth.groups.prefix", "idp:"));
        assertEquals("oauth.issuer.corp.username.prefix", e.option(), e.getMessage());
        assertTrue(e.getMessage().contains("inherits oauth.username.prefix"), e.getMessage());
    }

    @Test
    void aSharedNamespaceIsAllowedWhenSaidExplicitly() {
        List<IssuerOptions> issuers = read(twoIssuers("oauth.issuers.shared.namespace", "true")).issuers();
        assertEquals("", issuers.get(0).mapping().usernamePrefix());
        assertEquals("", issuers.get(1).mapping().groupsPrefix());
        assertEquals("oauth.issuers.shared.namespace",
                refused(twoIssuers("oauth.issuers.shared.namespace", "yes")).option());
    }

    @Test
    void theSharedNamespaceOptionNeedsSeveralIssuers() {
        InvalidOptionException e = refused(Map.of("oauth.jwks.endpoint.uri", "https://corp.example/jwks",
                "oauth.issuers.shared.namespace", "true"));
        assertEquals("oauth.issuers.shared.namespace", e.option());
        assertEquals("oauth.issuer.corp.issuers.shared.namespace", refused(twoIssuers(PREFIXES[0], "a", PREFIXES[2],
                "b", PREFIXES[4], "a", PREFIXES[6], "b", "oauth.issuer.corp.issuers.shared.namespace", "true")).option());
    }

    @Test
    void oneListedIssuerNeedsNoPrefix() {
        assertEquals("", read(Map.of("oauth.issuers", "corp", "oauth.issuer.corp.jwks.endpoint.uri",
                "https://corp.example/jwks", "oauth.issuer.corp.valid.issuer.uri", "https://corp.example"))
                .single().mapping().usernamePrefix());
    }

    @Test
    void aPrefixBreakingTheNameRulesIsRefused() {
        InvalidOptionException e = refused(twoIssuers(PREFIXES[0], "corp/", PREFIXES[2], "partner/", PREFIXES[4],
                "corp\u200b/", PREFIXES[6], "partner/"));
        assertEquals("oauth.issuer.corp.groups.prefix", e.option(), e.getMessage());
        assertTrue(e.getMessage().contains("U+200B"), e.getMessage());
    }
}
