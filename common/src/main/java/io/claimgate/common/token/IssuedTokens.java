package io.claimgate.common.token;

import io.claimgate.common.text.Hex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.login.AppConfigurationEntry;

/**
 * The access tokens claimgate's login handler has handed to Kafka in this JVM, so that the
 * client-side record filter can learn who its consumer is from the consumer's OWN token, without
 * a second request to the IdP.
 *
 * <p>Why a JVM-wide registry: Kafka creates a consumer's interceptors before its login runs, and
 * gives them no handle on the login; the only thing both see is the consumer's configuration. So
 * tokens are filed under a {@linkplain #keyOf key} derived from the JAAS login-module entry (the
 * parsed {@code sasl.jaas.config}, or the {@code KafkaClient} entry of a static JAAS file), which
 * the login callback handler receives in {@code configure} and the interceptor can rebuild from
 * the same consumer configs. Kafka itself shares one login (and so one token) among the clients of
 * a JVM with the same JAAS entry, so one key per entry matches how tokens are obtained.
 *
 * <p>The key is a SHA-256 digest over every option, the client secret included: only code that
 * knows the whole login configuration can compute it. Tokens are dropped when their login handler
 * closes. Thread-safe; reads are one volatile read.
 */
public final class IssuedTokens {
    private static final Map<String, Slot> SLOTS = new ConcurrentHashMap<>();

    private IssuedTokens() {
    }

    /** The slot of a login configuration; the same instance for the same key, for the JVM's life. */
    public static Slot slot(String key) {
        return SLOTS.computeIfAbsent(key, k -> new Slot());
    }

    /**
     * The key of a JAAS login-module entry: module name, control flag and every option (sorted), as
     * a hex SHA-256 digest. Equal for two entries parsed from the same {@code sasl.jaas.config}.
     */
    public static String keyOf(AppConfigurationEntry entry) {
        StringBuilder canonical = new StringBuilder(256);
        append(canonical, entry.getLoginModuleName());
        append(canonical, String.valueOf(entry.getControlFlag()));
        Map<String, String> sorted = new TreeMap<>();
        entry.getOptions().forEach((k, v) -> sorted.put(String.valueOf(k), String.valueOf(v)));
        sorted.forEach((k, v) -> {
            append(canonical, k);
            append(canonical, v);
        });
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return Hex.encode(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Length-prefixed, so that no two different option sets give the same text. */
    private static void append(StringBuilder out, String part) {
        out.append(part.length()).append(':').append(part).append(';');
    }

    /**
     * The latest token of one login configuration. Several logins may publish under one key (Kafka
     * keeps separate logins for clients whose other {@code sasl.*} settings differ); each tracks its
     * own token, and {@link #current()} is the one published last among those still open.
     */
    public static final class Slot {
        private final Map<Object, Published> byPublisher = new ConcurrentHashMap<>();
        private volatile String current;
        private long sequence;   // guarded by this

        private Slot() {
        }

        /** The latest token, or null if no open login has published one. Never log it. */
        public String current() {
            return current;
        }

        /** {@code publisher}'s new token (its earlier one is replaced). */
        public synchronized void publish(Object publisher, String token) {
            byPublisher.put(publisher, new Published(token, ++sequence));
            current = token;
        }

        /** {@code publisher} closed: its token is no longer the consumer's. */
        public synchronized void retract(Object publisher) {
            if (byPublisher.remove(publisher) == null) {
                return;
            }
            Published latest = null;
            for (Published p : byPublisher.values()) {
                if (latest == null || p.sequence > latest.sequence) {
                    latest = p;
                }
            }
            current = latest == null ? null : latest.token;
        }

        /** Never printed with its token. */
        private static final class Published {
            private final String token;
            private final long sequence;

            Published(String token, long sequence) {
                this.token = token;
                this.sequence = sequence;
            }

            @Override
            public String toString() {
                return "Published[token=(hidden), sequence=" + sequence + "]";
            }
        }
    }
}
