package io.claimgate.benchmarks;

import com.nimbusds.jose.jwk.JWKSet;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler;

/**
 * One measurement of {@link FreshJvmValidation}, in a JVM of its own that has run nothing else: one
 * handler (or raw verifier), one algorithm. The handler is configured as on a broker, with its
 * defaults (claimgate's validated-token cache at its shipped size), proven by {@link SanityCheck}
 * (pool tokens accepted with the right principal, wrong issuer and wrong audience refused), then:
 * <ol>
 *   <li>warm-up: {@code warmup} distinct tokens, validated once each, not timed;</li>
 *   <li>{@code first-seen}: the next {@code measured} distinct tokens, timed;</li>
 *   <li>{@code repeated} (handlers only): the first pool token, validated once untimed, then
 *       {@code repeated} times timed, as on reconnects and re-authentications.</li>
 * </ol>
 * Every validation goes through Kafka's SPI as {@code OAuthBearerSaslServer} calls it; a rejection
 * ends the run. Prints one {@value #RESULT} line per phase for the parent: phase, operations, wall
 * and thread-CPU nanoseconds. Not meant to be started by hand.
 *
 * <p>Arguments: handler alg poolSize warmup measured repeated
 */
public final class FreshJvmChild {
    static final String RESULT = "fresh-jvm-result";

    private final AuthenticateCallbackHandler handler;
    private final RawVerifier raw;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    /** Keeps the JIT from treating a validation's result as unused. */
    private long sink;

    private FreshJvmChild(AuthenticateCallbackHandler handler, RawVerifier raw) {
        this.handler = handler;
        this.raw = raw;
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            measure(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        // a handler's library may leave non-daemon threads behind (also after a failed set-up check),
        // which would keep this JVM, and the parent waiting for it, alive
        System.exit(status);
    }

    private static void measure(String[] args) throws Exception {
        String name = args[0];
        String alg = args[1];
        int poolSize = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int measured = Integer.parseInt(args[4]);
        int repeated = Integer.parseInt(args[5]);
        JWKSet keys = TokenPool.keys();
        String[] pool = TokenPool.tokens(keys, alg, poolSize).toArray(String[]::new);
        try (JwksServer server = new JwksServer(keys)) {
            Handlers.allowUrl(server.url());
            AuthenticateCallbackHandler handler = null;
            RawVerifier raw = null;
            switch (name) {
                case "claimgate" -> handler = Handlers.claimgate(server.url(), null);
                case "kafka" -> handler = Handlers.kafka(server.url());
                case "strimzi" -> handler = Handlers.strimzi(server.url());
                case "rawJca", "rawBouncyCastle" -> raw = new RawVerifier(alg,
                        TokenPool.signingKey(keys, alg).toPublicJWK(), name.equals("rawJca") ? "jca" : "bc");
                default -> throw new IllegalArgumentException("unknown handler " + name);
            }
            RawVerifier verifier = raw;
            SanityCheck.run(name, handler, raw == null ? null : ThreadLocal.withInitial(() -> verifier), keys, alg, pool);
            FreshJvmChild child = new FreshJvmChild(handler, raw);
            try {
                child.run(List.of(pool).subList(0, warmup), false, "warmup");
                child.run(List.of(pool).subList(warmup, warmup + measured), true, "first-seen");
                if (handler != null && repeated > 0) {
                    child.validate(pool[0]);
                    child.run(java.util.Collections.nCopies(repeated, pool[0]), true, "repeated");
                }
            } finally {
                if (handler instanceof OAuthBearerValidatorCallbackHandler) {
                    Handlers.closeKafka(handler);
                } else if (handler != null) {
                    handler.close();
                }
            }
            System.err.println("claimgate-bench: " + name + " " + alg + ": JWKS fetched " + server.requests()
                    + " time(s); sink " + (child.sink & 1));
        }
    }

    private void run(List<String> tokens, boolean timed, String phase) throws Exception {
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (String token : tokens) {
            validate(token);
        }
        long wallTaken = System.nanoTime() - wall;
        long cpuTaken = threads.getCurrentThreadCpuTime() - cpu;
        if (timed) {
            System.out.println(RESULT + " " + phase + " " + tokens.size() + " " + wallTaken + " " + cpuTaken);
        }
    }

    private void validate(String token) throws Exception {
        if (raw != null) {
            if (!raw.verify(token)) {
                throw new IllegalStateException("raw signature verification failed for a pool token");
            }
            sink++;
            return;
        }
        var callback = Handlers.callback(handler, token);
        OAuthBearerToken validated = callback.token();
        if (validated == null) {
            throw new IllegalStateException("a valid token was rejected: " + callback.errorStatus());
        }
        sink += validated.principalName().length();
    }
}
