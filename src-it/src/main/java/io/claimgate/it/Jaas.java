package io.claimgate.it;

import java.util.Map;

/** Builds JAAS configuration strings ({@code sasl.jaas.config}) with correctly quoted option values. */
public final class Jaas {

    private Jaas() {
    }

    /**
     * {@code <loginModule> required k1="v1" k2="v2";} Values are double-quoted with {@code \} and
     * {@code "} escaped, as Kafka's JAAS parser expects; options keep the map's iteration order.
     */
    public static String loginModule(String loginModuleClass, Map<String, String> options) {
        StringBuilder out = new StringBuilder(loginModuleClass).append(" required");
        options.forEach((key, value) -> out.append(' ').append(key).append("=\"")
                .append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        return out.append(';').toString();
    }

    /** {@link #loginModule} for Kafka's {@code OAuthBearerLoginModule}, the module every OAUTHBEARER setup uses. */
    public static String oauthBearer(Map<String, String> options) {
        return loginModule("org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule", options);
    }
}
