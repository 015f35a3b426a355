package io.claimgate.it;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One broker listener: its name, security protocol and the properties that belong to it.
 *
 * <p>Immutable; {@link #with} returns a copy. Property keys are given either relative to the
 * listener ({@code oauthbearer.sasl.jaas.config}) or in full
 * ({@code listener.name.external.oauthbearer.sasl.jaas.config}); relative keys get the
 * {@code listener.name.<name in lower case>.} prefix Kafka expects when written to
 * server.properties.
 */
public final class ListenerSpec {

    /** Kafka's unsecured login on a SASL listener that carries no inter-broker traffic needs a subject. */
    public static final String BROKER_SELF_LOGIN_JAAS =
            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required"
                    + " unsecuredLoginStringClaim_sub=\"broker\";";

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final String name;
    private final String securityProtocol;
    private final Map<String, String> properties;

    private ListenerSpec(String name, String securityProtocol, Map<String, String> properties) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("listener name must be upper case letters, digits, _: " + name);
        }
        this.name = name;
        this.securityProtocol = Objects.requireNonNull(securityProtocol, "securityProtocol");
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** A listener with the given security protocol (PLAINTEXT, SASL_PLAINTEXT, SSL, SASL_SSL). */
    public static ListenerSpec of(String name, String securityProtocol) {
        return new ListenerSpec(name, securityProtocol, Map.of());
    }

    public static ListenerSpec plaintext(String name) {
        return of(name, "PLAINTEXT");
    }

    /**
     * A SASL_PLAINTEXT listener with exactly one SASL mechanism enabled. Without
     * {@code sasl.enabled.mechanisms} a SASL listener enables GSSAPI (Kafka's default) and the
     * broker fails at start for want of Kerberos.
     */
    public static ListenerSpec saslPlaintext(String name, String mechanism) {
        return of(name, "SASL_PLAINTEXT").with("sasl.enabled.mechanisms", mechanism);
    }

    /**
     * A SASL_PLAINTEXT OAUTHBEARER listener validated by {@code serverCallbackHandlerClass}; the JAAS
     * entry is {@link #BROKER_SELF_LOGIN_JAAS} followed by {@code jaasOptions} (the way claimgate's
     * options are passed). Kafka's built-in validator reads its settings from broker properties
     * instead ({@code sasl.oauthbearer.*}), so pass an empty map for it.
     */
    public static ListenerSpec oauthBearer(String name, String serverCallbackHandlerClass, Map<String, String> jaasOptions) {
        return saslPlaintext(name, "OAUTHBEARER")
                .with("oauthbearer.sasl.server.callback.handler.class", serverCallbackHandlerClass)
                .with("oauthbearer.sasl.jaas.config",
                        Jaas.oauthBearer(merge(Map.of("unsecuredLoginStringClaim_sub", "broker"), jaasOptions)));
    }

    /** A copy with one more property (relative to the listener, or a full {@code listener.name.} key). */
    public ListenerSpec with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(properties);
        copy.put(key, Objects.requireNonNull(value, key));
        return new ListenerSpec(name, securityProtocol, copy);
    }

    public String name() {
        return name;
    }

    public String securityProtocol() {
        return securityProtocol;
    }

    /** The properties as given (relative or full keys). */
    public Map<String, String> properties() {
        return properties;
    }

    /** {@code listener.name.<name in lower case>.} */
    public String prefix() {
        return "listener.name." + name.toLowerCase(Locale.ROOT) + ".";
    }

    /** The properties as they go into server.properties, every key with the listener prefix. */
    Map<String, String> brokerProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        properties.forEach((key, value) -> out.put(key.startsWith("listener.name.") ? key : prefix() + key, value));
        return out;
    }

    private static Map<String, String> merge(Map<String, String> first, Map<String, String> second) {
        Map<String, String> out = new LinkedHashMap<>(first);
        out.putAll(second);
        return out;
    }

    @Override
    public String toString() {
        return name + ":" + securityProtocol;
    }
}
