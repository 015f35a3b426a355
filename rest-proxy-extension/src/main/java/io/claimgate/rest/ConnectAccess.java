package io.claimgate.rest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.acl.AclOperation;

/**
 * What a Kafka Connect REST request needs, as one operation on the {@code cluster} resource of the
 * policy file: the whole table lives here (documented in docs/CONFIGURATION.md, "Kafka Connect REST
 * API"). Connect has no per-connector resource type in Kafka's model, so every request is checked
 * against {@code cluster}; the operation says how much it may do:
 * <ul>
 *   <li>{@code describe}: state without secrets (root, health, connector names and status, topics,
 *       offsets, plugins);</li>
 *   <li>{@code describe_configs}: anything that returns connector or task configurations, which
 *       routinely hold credentials (connector info, {@code /config}, {@code /tasks},
 *       {@code ?expand=info}, logger levels);</li>
 *   <li>{@code create}: a new connector, and config validation, which runs plugin code on the
 *       caller's configuration (a dry run of creating one);</li>
 *   <li>{@code alter_configs}: changing a connector's config (PUT also creates a missing one, as
 *       Connect does) or a logger level;</li>
 *   <li>{@code alter}: lifecycle (pause, resume, stop, restart, offsets, topic reset);</li>
 *   <li>{@code delete}: deleting a connector.</li>
 * </ul>
 * Paths are matched on their raw (still percent-encoded) segments, so a connector named
 * {@code a%2Fconfig} stays one segment. Anything not in the table is {@link RestAccess#UNMAPPED} and
 * denied: a Connect version that adds endpoints gets them closed until they are mapped here.
 */
final class ConnectAccess {
    static final RestAccess UNMAPPED = RestAccess.UNMAPPED;
    static final RestAccess INTERNAL = RestAccess.INTERNAL;
    private static final RestAccess DESCRIBE = RestAccess.check(AclOperation.DESCRIBE);
    private static final RestAccess DESCRIBE_CONFIGS = RestAccess.check(AclOperation.DESCRIBE_CONFIGS);
    private static final RestAccess CREATE = RestAccess.check(AclOperation.CREATE);
    private static final RestAccess ALTER = RestAccess.check(AclOperation.ALTER);
    private static final RestAccess ALTER_CONFIGS = RestAccess.check(AclOperation.ALTER_CONFIGS);
    private static final RestAccess DELETE = RestAccess.check(AclOperation.DELETE);

    /** The header in which Connect signs its internal requests ({@code InternalRequestSignature}). */
    static final String SIGNATURE_HEADER = "X-Connect-Authorization";

    private ConnectAccess() {
    }

    /**
     * @param method     HTTP method
     * @param rawPath    the request path relative to the application root, percent-encoded, with or
     *                   without leading and trailing slashes ({@code connectors/a/config})
     * @param query      query parameters (only {@code expand} is read)
     * @param signed     whether the request carries Connect's {@value #SIGNATURE_HEADER}
     */
    static RestAccess of(String method, String rawPath, Map<String, List<String>> query, boolean signed) {
        String m = method.toUpperCase(Locale.ROOT);
        boolean read = m.equals("GET") || m.equals("HEAD");
        List<String> s = segments(rawPath);
        int n = s.size();
        if (n == 0) {
            return read ? DESCRIBE : UNMAPPED;   // version, commit, Kafka cluster id
        }
        return switch (s.get(0)) {
            case "health" -> n == 1 && read ? DESCRIBE : UNMAPPED;
            case "connectors" -> connectors(m, read, s, query, signed);
            case "connector-plugins" -> plugins(m, read, s);
            case "admin" -> n >= 2 && n <= 3 && s.get(1).equals("loggers") ? (read ? DESCRIBE_CONFIGS
                    : n == 3 && m.equals("PUT") ? ALTER_CONFIGS : UNMAPPED) : UNMAPPED;
            default -> UNMAPPED;
        };
    }

    private static RestAccess connectors(String m, boolean read, List<String> s, Map<String, List<String>> query,
                                     boolean signed) {
        int n = s.size();
        if (n == 1) {
            if (read) {
                return expands(query, "info") ? DESCRIBE_CONFIGS : DESCRIBE;
            }
            return m.equals("POST") ? CREATE : UNMAPPED;
        }
        if (n == 2) {
            return read ? DESCRIBE_CONFIGS : m.equals("DELETE") ? DELETE : UNMAPPED;
        }
        String sub = s.get(2);
        if (n == 3) {
            return switch (sub) {
                case "config" -> read ? DESCRIBE_CONFIGS : m.equals("PUT") || m.equals("PATCH") ? ALTER_CONFIGS : UNMAPPED;
                case "status" -> read ? DESCRIBE : UNMAPPED;
                case "topics" -> read ? DESCRIBE : UNMAPPED;
                case "offsets" -> read ? DESCRIBE : m.equals("PATCH") || m.equals("DELETE") ? ALTER : UNMAPPED;
                case "tasks" -> read ? DESCRIBE_CONFIGS : m.equals("POST") && signed ? INTERNAL : UNMAPPED;
                case "tasks-config" -> read ? DESCRIBE_CONFIGS : UNMAPPED;
                case "restart" -> m.equals("POST") ? ALTER : UNMAPPED;
                case "pause", "resume", "stop" -> m.equals("PUT") ? ALTER : UNMAPPED;
                case "fence" -> m.equals("PUT") && signed ? INTERNAL : UNMAPPED;
                default -> UNMAPPED;
            };
        }
        if (n == 4 && sub.equals("topics") && s.get(3).equals("reset")) {
            return m.equals("PUT") ? ALTER : UNMAPPED;
        }
        if (n == 5 && sub.equals("tasks")) {
            return switch (s.get(4)) {
                case "status" -> read ? DESCRIBE : UNMAPPED;
                case "restart" -> m.equals("POST") ? ALTER : UNMAPPED;
                default -> UNMAPPED;
            };
        }
        return UNMAPPED;
    }

    private static RestAccess plugins(String m, boolean read, List<String> s) {
        int n = s.size();
        if (n == 1 || n == 3 && s.get(2).equals("config")) {
            return read ? DESCRIBE : UNMAPPED;
        }
        if (n == 4 && s.get(2).equals("config") && s.get(3).equals("validate")) {
            return m.equals("PUT") ? CREATE : UNMAPPED;
        }
        return UNMAPPED;
    }

    /** Whether {@code ?expand=} names {@code value} (Connect accepts repeated and comma-less forms). */
    private static boolean expands(Map<String, List<String>> query, String value) {
        List<String> expand = query.getOrDefault("expand", List.of());
        for (String entry : expand) {
            for (String part : entry.split(",")) {
                if (part.trim().equalsIgnoreCase(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Non-empty segments; an empty segment in the middle ({@code a//b}) is kept, so it matches nothing. */
    static List<String> segments(String rawPath) {
        String path = rawPath;
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        if (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        if (start >= end) {
            return List.of();
        }
        return List.of(path.substring(start, end).split("/", -1));
    }
}
