package io.claimgate.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.common.http.HttpSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every option name of Strimzi kafka-oauth 0.17 and 0.18 (its Config, ClientConfig and
 * ServerConfig, and the names its code reads as literals), each either read with the same meaning
 * (the claimgate option it becomes holds the same value) or refused at start-up with a message
 * naming what claimgate uses instead.
 */
class StrimziOptionsTest {

    /** Strimzi kafka-oauth 0.17.0 + 0.18.0, from the sources; 0.18.0 added the last two. */
    static final Set<String> STRIMZI_NAMES = Set.of(
            // Config (oauth-common)
            "oauth.client.id", "oauth.client.secret", "oauth.client.credentials.grant.type", "oauth.scope",
            "oauth.audience", "oauth.username.claim", "oauth.username.prefix", "oauth.fallback.username.claim",
            "oauth.fallback.username.prefix", "oauth.ssl.truststore.location", "oauth.ssl.truststore.certificates",
            "oauth.ssl.truststore.password", "oauth.ssl.truststore.type", "oauth.ssl.secure.random.implementation",
            "oauth.ssl.endpoint.identification.algorithm", "oauth.access.token.is.jwt",
            "oauth.connect.timeout.seconds", "oauth.read.timeout.seconds", "oauth.http.retries",
            "oauth.http.retry.pause.millis", "oauth.config.id", "oauth.enable.metrics", "oauth.include.accept.header",
            "oauth.tokens.not.jwt",
            // ClientConfig (oauth-client)
            "oauth.access.token", "oauth.access.token.location", "oauth.refresh.token", "oauth.refresh.token.location",
            "oauth.token.endpoint.uri", "oauth.max.token.expiry.seconds", "oauth.password.grant.username",
            "oauth.password.grant.password", "oauth.client.assertion", "oauth.client.assertion.location",
            "oauth.client.assertion.type", "oauth.sasl.extension.<name>",
            // ServerConfig (oauth-server)
            "oauth.jwks.endpoint.uri", "oauth.jwks.expiry.seconds", "oauth.jwks.refresh.seconds",
            "oauth.jwks.refresh.min.pause.seconds", "oauth.jwks.ignore.key.use", "oauth.valid.issuer.uri",
            "oauth.introspection.endpoint.uri", "oauth.userinfo.endpoint.uri", "oauth.check.access.token.type",
            "oauth.check.issuer", "oauth.check.audience", "oauth.custom.claim.check", "oauth.groups.claim",
            "oauth.groups.claim.delimiter", "oauth.valid.token.type", "oauth.fail.fast",
            "strimzi.authorizer.delegate.class.name", "strimzi.authorizer.grant.when.no.delegate",
            "oauth.validation.skip.type.check", "oauth.server.bearer.token", "oauth.server.bearer.token.location",
            // read as literals in the code
            "oauth.crypto.provider.bouncycastle", "oauth.crypto.provider.bouncycastle.position",
            // 0.18.0
            "oauth.force.jsonpath.username.extraction", "oauth.introspection.token.param.name");

    /** What a Strimzi option set to a value (with some other options) must do. */
    record Case(String name, String value, Map<String, String> others, Expect expect) {
        @Override
        public String toString() {
            return name + "=" + value + (others.isEmpty() ? "" : " with " + others) + " -> " + expect;
        }
    }

    sealed interface Expect permits Reads, Accepted, Refused {
    }

    /** claimgate's {@code option} reads {@code value}. */
    record Reads(String option, String value) implements Expect {
    }

    /** Accepted; nothing claimgate reads changes. */
    record Accepted() implements Expect {
    }

    /** Start-up fails naming the Strimzi option, and the message names {@code mentions}. */
    record Refused(String... mentions) implements Expect {
        @Override
        public String toString() {
            return "Refused" + List.of(mentions);
        }
    }

    static Case c(String name, String value, Expect expect, String... others) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < others.length; i += 2) {
            map.put(others[i], others[i + 1]);
        }
        return new Case(name, value, map, expect);
    }

    static Reads reads(String option, String value) {
        return new Reads(option, value);
    }

    static Refused refused(String... mentions) {
        return new Refused(mentions);
    }

    static final Accepted ACCEPTED = new Accepted();

    static List<Case> cases() {
        String pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----";
        return List.of(
                c("oauth.client.id", "kafka-broker", reads("oauth.client.id", "kafka-broker")),
                c("oauth.client.secret", "s3cret", reads("oauth.client.secret", "s3cret")),
                c("oauth.client.credentials.grant.type", "client_credentials", ACCEPTED),
                c("oauth.client.credentials.grant.type", "urn:custom", refused("oauth.grant.type")),
                c("oauth.scope", "kafka", reads("oauth.scope", "kafka")),
                c("oauth.audience", "kafka", reads("oauth.audience", "kafka")),
                c("oauth.username.claim", "preferred_username", reads("oauth.username.claim", "preferred_username")),
                c("oauth.username.claim", "['user.info'].['id']", refused("dotted path")),
                c("oauth.username.prefix", "user-", reads("oauth.username.prefix", "user-")),
                c("oauth.fallback.username.claim", "client_id", reads("oauth.username.claim", "preferred_username,client_id"),
                        "oauth.username.claim", "preferred_username"),
                c("oauth.fallback.username.claim", "client_id", refused("oauth.username.claim")),
                c("oauth.fallback.username.prefix", "sa-", refused("oauth.username.prefix", "ACLs"),
                        "oauth.username.claim", "preferred_username", "oauth.fallback.username.claim", "client_id"),
                c("oauth.fallback.username.prefix", "sa-", refused("oauth.username.prefix"),
                        "oauth.username.claim", "preferred_username", "oauth.username.prefix", "user-",
                        "oauth.fallback.username.claim", "client_id"),
                c("oauth.fallback.username.prefix", "u-", reads("oauth.username.prefix", "u-"),
                        "oauth.username.claim", "preferred_username", "oauth.username.prefix", "u-",
                        "oauth.fallback.username.claim", "client_id"),
                c("oauth.fallback.username.prefix", "u-", refused("oauth.fallback.username.claim")),
                c("oauth.ssl.truststore.location", "/etc/ca.pem", reads("oauth.ssl.truststore.location", "/etc/ca.pem")),
                c("oauth.ssl.truststore.certificates", pem, reads("oauth.ssl.truststore.certificates", pem)),
                c("oauth.ssl.truststore.password", "changeit", reads("oauth.ssl.truststore.password", "changeit")),
                c("oauth.ssl.truststore.type", "PEM", reads("oauth.ssl.truststore.type", "PEM")),
                c("oauth.ssl.secure.random.implementation", "SHA1PRNG", refused("SecureRandom")),
                c("oauth.ssl.endpoint.identification.algorithm", "HTTPS", ACCEPTED),
                c("oauth.ssl.endpoint.identification.algorithm", "", refused("oauth.ssl.truststore.location")),
                c("oauth.access.token.is.jwt", "false", ACCEPTED),
                c("oauth.access.token.is.jwt", "maybe", refused("true or false")),
                c("oauth.tokens.not.jwt", "true", ACCEPTED),
                c("oauth.tokens.not.jwt", "1", refused("true or false")),
                c("oauth.connect.timeout.seconds", "20", reads("oauth.connect.timeout.ms", "20000")),
                c("oauth.connect.timeout.seconds", "20", refused("oauth.connect.timeout.ms"),
                        "oauth.connect.timeout.ms", "5000"),
                c("oauth.connect.timeout.seconds", "soon", refused("seconds")),
                c("oauth.read.timeout.seconds", "30", reads("oauth.read.timeout.ms", "30000")),
                c("oauth.http.retries", "3", reads("oauth.http.retries", "3")),
                c("oauth.http.retry.pause.millis", "500", refused("oauth.http.retry.backoff.ms",
                        "oauth.http.retry.backoff.max.ms")),
                c("oauth.config.id", "broker", refused("oauth.issuers")),
                c("oauth.enable.metrics", "true", ACCEPTED),
                c("oauth.enable.metrics", "false", refused("docs/METRICS.md")),
                c("oauth.include.accept.header", "true", ACCEPTED),
                c("oauth.include.accept.header", "false", refused("Accept")),
                c("oauth.access.token", "eyJ.x.y", reads("oauth.access.token", "eyJ.x.y")),
                c("oauth.access.token.location", "/var/token", reads("oauth.access.token.location", "/var/token")),
                c("oauth.refresh.token", "r", refused("oauth.client.id", "oauth.grant.type")),
                c("oauth.refresh.token.location", "/r", refused("oauth.access.token.location")),
                c("oauth.token.endpoint.uri", "https://idp/token", reads("oauth.token.endpoint.uri", "https://idp/token")),
                c("oauth.max.token.expiry.seconds", "60", refused("sasl.login.refresh")),
                c("oauth.password.grant.username", "alice", refused("oauth.client.id")),
                c("oauth.password.grant.password", "pw", refused("oauth.client.secret")),
                c("oauth.client.assertion", "eyJ.x.y", refused("oauth.client.assertion.location",
                        "oauth.client.assertion.key.location")),
                c("oauth.client.assertion.location", "/a", reads("oauth.client.assertion.location", "/a")),
                c("oauth.client.assertion.type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", ACCEPTED),
                c("oauth.client.assertion.type", "urn:x", refused("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")),
                c("oauth.sasl.extension.traceId", "abc", reads("oauth.sasl.extension.traceId", "abc")),
                c("oauth.jwks.endpoint.uri", "https://idp/jwks", reads("oauth.jwks.endpoint.uri", "https://idp/jwks")),
                c("oauth.jwks.expiry.seconds", "900", reads("oauth.jwks.max.age.seconds", "900")),
                c("oauth.jwks.refresh.seconds", "300", reads("oauth.jwks.refresh.seconds", "300")),
                c("oauth.jwks.refresh.min.pause.seconds", "1", reads("oauth.jwks.refresh.min.pause.seconds", "1")),
                c("oauth.jwks.ignore.key.use", "true", ACCEPTED),
                c("oauth.jwks.ignore.key.use", "false", refused("'use'")),
                c("oauth.valid.issuer.uri", "https://idp", reads("oauth.valid.issuer.uri", "https://idp")),
                c("oauth.introspection.endpoint.uri", "https://idp/i", reads("oauth.introspection.endpoint.uri", "https://idp/i")),
                c("oauth.userinfo.endpoint.uri", "https://idp/u", refused("oauth.username.claim")),
                c("oauth.check.access.token.type", "false", ACCEPTED),
                c("oauth.check.access.token.type", "true", refused("oauth.claim.check")),
                c("oauth.validation.skip.type.check", "true", ACCEPTED),
                c("oauth.validation.skip.type.check", "false", refused("oauth.claim.check")),
                c("oauth.check.issuer", "true", ACCEPTED, "oauth.valid.issuer.uri", "https://idp"),
                c("oauth.check.issuer", "true", refused("oauth.valid.issuer.uri")),
                c("oauth.check.issuer", "false", ACCEPTED),
                c("oauth.check.issuer", "false", refused("oauth.valid.issuer.uri"), "oauth.valid.issuer.uri", "https://idp"),
                c("oauth.check.audience", "true", reads("oauth.valid.audience", "kafka-broker"),
                        "oauth.client.id", "kafka-broker"),
                c("oauth.check.audience", "true", refused("oauth.client.id", "oauth.valid.audience")),
                c("oauth.check.audience", "true", refused("oauth.valid.audience"),
                        "oauth.client.id", "kafka-broker", "oauth.valid.audience", "other"),
                c("oauth.check.audience", "false", ACCEPTED),
                c("oauth.custom.claim.check", "@.tenant == 'acme'", refused("oauth.claim.check", "CEL")),
                c("oauth.groups.claim", "$.realm_access.roles", reads("oauth.groups.claim", "realm_access.roles")),
                c("oauth.groups.claim", "groups", reads("oauth.groups.claim", "groups")),
                c("oauth.groups.claim", "$.groups[*].name", refused("dotted path")),
                c("oauth.groups.claim.delimiter", ",", ACCEPTED),
                c("oauth.groups.claim.delimiter", ";", refused("commas")),
                c("oauth.valid.token.type", "Bearer", refused("oauth.claim.check")),
                c("oauth.fail.fast", "true", reads("oauth.fail.fast", "true")),
                c("strimzi.authorizer.delegate.class.name", "x", refused("ClaimAuthorizer")),
                c("strimzi.authorizer.grant.when.no.delegate", "true", refused("ClaimAuthorizer")),
                c("oauth.server.bearer.token", "t", refused("oauth.client.id", "oauth.client.secret")),
                c("oauth.server.bearer.token.location", "/t", refused("oauth.client.secret")),
                c("oauth.crypto.provider.bouncycastle", "true", ACCEPTED),
                c("oauth.crypto.provider.bouncycastle", "yes", refused("true or false")),
                c("oauth.crypto.provider.bouncycastle.position", "1", ACCEPTED),
                c("oauth.crypto.provider.bouncycastle.position", "first", refused("integer")),
                c("oauth.force.jsonpath.username.extraction", "false", ACCEPTED),
                c("oauth.force.jsonpath.username.extraction", "true", refused("oauth.username.claim")),
                c("oauth.introspection.token.param.name", "token", ACCEPTED),
                c("oauth.introspection.token.param.name", "access_token", refused("'token'")));
    }

    @Test
    void theTableHasEveryStrimziNameAndNothingElse() {
        assertEquals(new TreeSet<>(STRIMZI_NAMES), new TreeSet<>(StrimziOptions.TABLE.keySet()));
    }

    @Test
    void everyStrimziNameIsTriedAndEveryAcceptedOneAlsoRefusedWhereItCanBe() {
        Set<String> tried = new TreeSet<>();
        for (Case c : cases()) {
            tried.add(c.name().startsWith("oauth.sasl.extension.") ? "oauth.sasl.extension.<name>" : c.name());
        }
        assertEquals(new TreeSet<>(STRIMZI_NAMES), tried);
        for (Map.Entry<String, StrimziOptions.Treatment> entry : StrimziOptions.TABLE.entrySet()) {
            if (entry.getValue() instanceof StrimziOptions.Implied || entry.getValue() instanceof StrimziOptions.Special) {
                assertTrue(cases().stream().anyMatch(c -> c.name().equals(entry.getKey())
                        && c.expect() instanceof Refused), "a refused value of " + entry.getKey() + " is tested");
            }
        }
    }

    static Stream<Case> allCases() {
        return cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void eachStrimziOptionIsReadWithTheSameMeaningOrRefused(Case c) {
        Map<String, String> jaas = new HashMap<>(c.others());
        jaas.put(c.name(), c.value());
        if (c.expect() instanceof Refused refused) {
            InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> source(jaas));
            assertEquals(c.name(), e.option(), e.getMessage());
            for (String mention : refused.mentions()) {
                assertTrue(e.getMessage().contains(mention), "'" + mention + "' in: " + e.getMessage());
            }
            if (c.name().contains("secret") || c.name().contains("password")) {   // Strimzi's names, not declared ones
                assertFalse(e.getMessage().contains("'" + c.value() + "'"), e.getMessage());
            }
            return;
        }
        OptionSource source = source(jaas);
        new OptionReader(source).rejectUnknownOptions(Set.of(OptionNames.SASL_EXTENSION_PREFIX));
        if (c.expect() instanceof Reads reads) {
            assertEquals(Optional.of(reads.value()), source.find(reads.option()).map(OptionSource.Found::value));
            if (!reads.option().equals(c.name())) {
                assertFalse(source.jaasOptionNames().contains(c.name()), "Strimzi's name is read as claimgate's");
            }
        } else {
            Map<String, String> without = new HashMap<>(c.others());
            for (String name : new TreeSet<>(jaas.keySet())) {
                assertEquals(source(without).find(name).map(OptionSource.Found::value),
                        source.find(name).map(OptionSource.Found::value), "accepted, and changes nothing: " + name);
            }
        }
    }

    @Test
    void renamedOptionsMeanTheSameTypedValue() {
        OptionReader reader = new OptionReader(source(Map.of("oauth.connect.timeout.seconds", "20",
                "oauth.read.timeout.seconds", "30")));
        HttpSettings http = HttpSettings.from(reader);
        assertEquals(Duration.ofSeconds(20), http.connectTimeout());
        assertEquals(Duration.ofSeconds(30), http.readTimeout());

        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> HttpSettings.from(
                new OptionReader(source(Map.of("oauth.connect.timeout.seconds", "3600")))));
        assertEquals("oauth.connect.timeout.ms", e.option());
        assertTrue(e.getMessage().contains("from JAAS option oauth.connect.timeout.seconds (Strimzi's name)"),
                e.getMessage());
    }

    @Test
    void aStrimziRefusalNamesClaimgatesWayInEveryMessage() {
        List<String> vague = new ArrayList<>();
        StrimziOptions.TABLE.forEach((name, treatment) -> {
            String message = treatment instanceof StrimziOptions.Implied implied ? implied.otherwise()
                    : treatment.note();
            boolean refuses = treatment instanceof StrimziOptions.Implied || treatment instanceof StrimziOptions.Refused;
            if (refuses && !message.contains("oauth.") && !message.contains("remove it") && !message.contains("ClaimAuthorizer")
                    && !message.contains("true or false") && !message.contains("integer")
                    && !message.contains("not supported")) {
                vague.add(name + ": " + message);
            }
        });
        assertEquals(List.of(), vague);
    }

    @Test
    void theConfigurationGuideListsEveryStrimziName() throws Exception {
        String guide = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "CONFIGURATION.md"));
        String section = guide.substring(guide.indexOf("### Coming from Strimzi kafka-oauth"));
        section = section.substring(0, section.indexOf("\n### ", 10));
        List<String> missing = new ArrayList<>();
        for (String name : StrimziOptions.TABLE.keySet()) {
            if (!section.contains("`" + name + "`")) {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing);
    }

    private static OptionSource source(Map<String, String> jaas) {
        return OptionSource.of(jaas, Map.of(), name -> null);
    }
}
