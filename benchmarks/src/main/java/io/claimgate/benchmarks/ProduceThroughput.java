package io.claimgate.benchmarks;

import io.claimgate.it.Clients;
import io.claimgate.it.Jaas;
import java.util.Map;
import java.util.Properties;

/**
 * Issue 18's produce throughput on a real broker: 1 KiB records, acks=all, one real
 * {@code KafkaProducer} in this JVM, against a fresh single-node broker per configuration
 * ({@link ProduceConfiguration}): PLAINTEXT without authorizer; OAUTHBEARER (claimgate's validator
 * and principal builder) with {@code ClaimAuthorizer} and a policy of {@code rules} rules; the same
 * with Kafka's {@code StandardAuthorizer} and {@code rules} ACLs; the same without authorizer. The
 * producer logs in through claimgate's login handler against the benchmark's token endpoint
 * ({@link TokenEndpoint}); with an authorizer, it must be allowed on its topic and refused on
 * another before anything is measured ({@link ProduceAuthorization}). Configurations rotate between
 * rounds. Reported: records/s, MB/s, broker CPU per record, and each configuration's ratio to
 * PLAINTEXT. Not JMH, not part of any build: run it by hand (docs/BENCHMARKS.md).
 *
 * <p>Usage: {@value ProduceOptions#USAGE}
 */
public final class ProduceThroughput {
    private static final String ALG = "RS256";

    private ProduceThroughput() {
    }

    public static void main(String[] args) throws Exception {
        ProduceOptions options = ProduceOptions.parse(args);
        ProduceAuthorization authorization = ProduceAuthorization.of(options.rules());
        ProduceResults results = new ProduceResults(options);
        boolean clean = true;
        ProduceResults.printHeader();
        try (JwksServer jwks = new JwksServer(TokenPool.keys());
             TokenEndpoint idp = new TokenEndpoint(TokenPool.keys(), ALG, ProduceAuthorization.PRODUCER)) {
            Handlers.allowUrl(idp.url());   // Kafka 4 clients refuse a token endpoint not in the allowed URLs
            for (int round = 1; round <= options.rounds(); round++) {
                for (ProduceConfiguration configuration : options.configurationsOfRound(round - 1)) {
                    clean &= measure(results, round, configuration, options, authorization, jwks, idp);
                    results.write();
                }
            }
        }
        results.ratios().forEach((label, ratio) -> System.out.printf(java.util.Locale.ROOT,
                "%s: %.3fx plaintext records/s%n", label, ratio));
        System.out.println("results in " + results.directory().toAbsolutePath());
        if (!clean) {
            System.err.println("ProduceThroughput: some records were not acknowledged; those rows are not measurements");
            System.exit(1);
        }
    }

    private static boolean measure(ProduceResults results, int round, ProduceConfiguration configuration,
                                   ProduceOptions options, ProduceAuthorization authorization, JwksServer jwks,
                                   TokenEndpoint idp) throws Exception {
        try (StormBroker broker = StormBroker.start(configuration.brokerSpec(jwks.url(), authorization.policyFile(),
                options.brokerJvmOptions()), ProduceConfiguration.LISTENER)) {
            System.err.println("ProduceThroughput: round " + round + ", " + configuration.label() + ": broker files in "
                    + broker.directory().toAbsolutePath());
            authorization.prepare(broker, configuration);
            Properties security = configuration.oauth() ? claimgateLogin(idp) : Clients.plaintext();
            int tokensBefore = idp.tokensIssued();
            boolean checked = configuration.authorizerClass() != null;
            if (checked) {
                ProduceAuthorization.requireDecisions(broker.hostPort(), security);
            }
            ProduceRun.Result result = ProduceRun.run(broker, ProduceRun.producer(broker.hostPort(), security),
                    ProduceAuthorization.TOPIC, options.warmupRecords(), options.records(), options.recordBytes());
            if (configuration.oauth() && idp.tokensIssued() == tokensBefore) {
                throw new IllegalStateException("the producer did not log in at the token endpoint");
            }
            results.add(new ProduceResults.Row(round, configuration, checked, result));
            if (result.failed() > 0) {
                System.err.println("ProduceThroughput: " + configuration.label() + ": " + result.failed()
                        + " records failed, first: " + result.firstFailure() + "\n" + broker.logTail());
                return false;
            }
            return true;
        }
    }

    /** claimgate's login handler, client credentials at {@code idp}, as a deployed client configures it. */
    static Properties claimgateLogin(TokenEndpoint idp) {
        String jaas = Jaas.oauthBearer(Map.of(
                "oauth.token.endpoint.uri", idp.url(),
                "oauth.client.id", ProduceAuthorization.PRODUCER,
                "oauth.client.secret", "bench-secret"));
        return Clients.oauthBearer("SASL_PLAINTEXT", jaas, Clients.CLAIMGATE_LOGIN_HANDLER);
    }
}
