package io.claimgate.it.authz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.PresentedTokenLoginHandler;
import io.claimgate.it.Resources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Names are never normalised into other names, on a real broker with {@code super.users=User:admin}:
 * validly signed tokens whose {@code client_id} is {@code admin} plus whitespace, a zero-width or a
 * bidi character (each became, or passed for, {@code admin} before) are refused with
 * {@code INVALID_PRINCIPAL}; the plain {@code admin} is the super user. Log lines carry such
 * characters only sanitised.
 */
@ExtendWith(BrokerLogOnFailure.class)
class NameRulesTest {
    @TempDir
    static Path dir;
    private static EmbeddedIdp idp;
    private static KafkaCluster cluster;

    @BeforeAll
    static void start() {
        idp = EmbeddedIdp.start();
        cluster = KafkaCluster.start(AuthzBroker.spec("name-rules", idp, AuthzBroker.writePolicy(dir,
                        AuthzBroker.HEADLINE_POLICY))
                .brokerProperty("super.users", "User:ANONYMOUS;User:admin")
                .build());
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(cluster, idp);
    }

    /** A validly signed token of the IdP whose client_id is {@code name} (and sub plain {@code admin}). */
    private static String tokenFor(String name, List<String> groups) {
        return idp.issueToken(EmbeddedIdp.CLIENT2, Map.of("client_id", name, "sub", "admin", "groups", groups),
                Duration.ofMinutes(5));
    }

    private static Admin admin(String token) {
        return Admin.create(Clients.admin(cluster.bootstrapServers(AuthzBroker.EXTERNAL),
                PresentedTokenLoginHandler.security(token)));
    }

    private static SaslAuthenticationException refused(String token) {
        try (Admin admin = admin(token)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> admin.describeCluster().clusterId().get(20, TimeUnit.SECONDS));
            return assertInstanceOf(SaslAuthenticationException.class, e.getCause());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin\u3000", "\u2003admin", "admin\u2028", " admin", "admin\t", "ad\u200bmin",
            "ad\u202emin", "admin\u00a0", "\ufeffadmin", "admin\ufe0f", "\u3164admin", "admin\n"})
    void aLookAlikeOfTheSuperUserIsRefused(String name) {
        var mark = cluster.mark();

        SaslAuthenticationException e = refused(tokenFor(name, List.of()));

        assertTrue(e.getMessage().contains("INVALID_PRINCIPAL: claim 'client_id' (oauth.username.claim) is not a valid"
                + " principal name"), e.getMessage());
        String line = cluster.awaitLogLine(mark, Pattern.compile("claimgate rejected a token: INVALID_PRINCIPAL"),
                Duration.ofSeconds(10));
        assertTrue(line.matches("[ -~]*"), "the log line is sanitised: " + line);
    }

    @Test
    void aGroupNameThatBreaksTheRulesRefusesTheToken() {
        SaslAuthenticationException e = refused(tokenFor("client2", List.of("readers", "team-a\u3000")));

        assertTrue(e.getMessage().contains("INVALID_PRINCIPAL: group 1 of claim 'groups'"), e.getMessage());
    }

    /** Guards the refusals above: the plain name is the super user, so they did matter. */
    @Test
    void thePlainNameIsTheSuperUser() throws Exception {
        try (Admin admin = admin(tokenFor("admin", List.of("Kafka Admins")))) {
            admin.createTopics(List.of(new NewTopic("only-a-super-user-may-create", 1, (short) 1))).all()
                    .get(20, TimeUnit.SECONDS);
        }
    }

    /** A group id is any string a client chooses: the decision log shows it sanitised. */
    @Test
    void aDeniedResourceNameIsLoggedSanitised() throws Exception {
        var mark = cluster.mark();
        Properties client2 = AuthzBroker.login(idp, EmbeddedIdp.CLIENT2, EmbeddedIdp.CLIENT2_SECRET, Map.of());
        try (Admin admin = Admin.create(Clients.admin(cluster.bootstrapServers(AuthzBroker.EXTERNAL), client2))) {
            AuthzBroker.assertDenied(() -> admin.describeConsumerGroups(List.of("grp\u202e\r\nDenied forged"))
                    .all().get(20, TimeUnit.SECONDS));
        }

        String line = cluster.awaitLogLine(mark, Pattern.compile("Denied User:client2 DESCRIBE on GROUP:grp"),
                Duration.ofSeconds(10));
        assertTrue(line.contains("GROUP:grp???Denied forged"), line);
        assertFalse(cluster.logTail(500).contains("\u202e"), "no raw bidi override in the broker log");
    }
}
