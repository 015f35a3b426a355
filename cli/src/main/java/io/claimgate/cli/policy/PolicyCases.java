package io.claimgate.cli.policy;

import io.claimgate.policy.Operations;
import io.claimgate.policy.Resources;
import io.claimgate.cli.UsageException;
import io.claimgate.policy.OAuthKafkaPrincipal;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.utils.SecurityUtils;
import org.apache.kafka.metadata.authorizer.StandardAcl;
import org.apache.kafka.server.authorizer.Action;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a cases file ({@code docs/CLI.md}, "Cases file"): the broker options that change
 * decisions, Kafka ACLs for every case, and the cases. Every key is checked; a mistake is bad usage
 * (exit 2) naming the case and the key, never a silently different test.
 */
final class PolicyCases {
    static final String DEFAULT_LISTENER = "SASL_SSL";
    static final String DEFAULT_CLIENT = "127.0.0.1";
    private static final Set<String> TOP_KEYS = Set.of("authorizer", "acls", "cases");
    private static final Set<String> CASE_KEYS = Set.of("name", "principal", "groups", "scopes", "claims", "listener",
            "client", "operation", "topic", "group", "cluster", "transactional_id", "acls", "expect");
    private static final Set<String> ACL_KEYS = Set.of("principal", "operation", "resource", "name", "pattern",
            "permission", "host");

    /** @param authorizer broker properties for the authorizer ({@code super.users}, ...) */
    record CasesFile(Map<String, Object> authorizer, List<StandardAcl> acls, List<PolicyCase> cases) {
    }

    private PolicyCases() {
    }

    static CasesFile read(Path path) throws UsageException {
        Object root;
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (IOException | YAMLException e) {
            throw new UsageException(path + ": cannot be read as YAML: " + e.getMessage());
        }
        String file = path.toString();
        Map<String, Object> top = mapping(root, file, TOP_KEYS);
        Map<String, Object> authorizer = new LinkedHashMap<>();
        mapping(top.getOrDefault("authorizer", Map.of()), file + ": authorizer", null)
                .forEach((k, v) -> authorizer.put(k, String.valueOf(v)));
        List<StandardAcl> acls = acls(top.get("acls"), file + ": acls");
        List<PolicyCase> cases = new ArrayList<>();
        Object list = top.get("cases");
        if (!(list instanceof List<?> items) || items.isEmpty()) {
            throw new UsageException(file + ": expected 'cases:' with at least one case");
        }
        for (int i = 0; i < items.size(); i++) {
            cases.add(testCase(items.get(i), file + ": case #" + (i + 1)));
        }
        return new CasesFile(authorizer, acls, cases);
    }

    private static PolicyCase testCase(Object item, String fallback) throws UsageException {
        Map<String, Object> keys = mapping(item, fallback, CASE_KEYS);
        String name = keys.containsKey("name") ? text(keys.get("name"), fallback + ": name") : fallback;
        String where = keys.containsKey("name") ? fallback + " '" + name + "'" : fallback;
        String principalText = text(required(keys, "principal", where), where + ": principal");
        KafkaPrincipal principal = principal(principalText, keys, where);
        AclOperation op = choice(required(keys, "operation", where), where + ": operation", Operations.byName());
        ResourcePattern resource = null;
        for (Map.Entry<String, ResourceType> type : Resources.byName().entrySet()) {
            if (keys.containsKey(type.getKey())) {
                if (resource != null) {
                    throw new UsageException(where + ": name one resource (topic, group, cluster or transactional_id)");
                }
                resource = new ResourcePattern(type.getValue(), text(keys.get(type.getKey()), where + ": " + type.getKey()),
                        PatternType.LITERAL);
            }
        }
        if (resource == null) {
            throw new UsageException(where + ": missing the resource: one of topic, group, cluster, transactional_id");
        }
        Optional<Boolean> expect = Optional.empty();
        if (keys.containsKey("expect")) {
            expect = Optional.of(choice(keys.get("expect"), where + ": expect", Map.of("allow", true, "deny", false)));
        }
        String listener = keys.containsKey("listener") ? text(keys.get("listener"), where + ": listener") : DEFAULT_LISTENER;
        String client = keys.containsKey("client") ? text(keys.get("client"), where + ": client") : DEFAULT_CLIENT;
        Action action = new Action(op, resource, 1, true, true);
        return new PolicyCase(name, where, principal, listener, client, action, acls(keys.get("acls"), where + ": acls"),
                expect);
    }

    /** A token principal as the broker's principal builder makes it; other types (e.g. SSL's) carry no token. */
    private static KafkaPrincipal principal(String text, Map<String, Object> keys, String where) throws UsageException {
        KafkaPrincipal parsed;
        try {
            parsed = text.contains(":") ? SecurityUtils.parseKafkaPrincipal(text)
                    : new KafkaPrincipal(KafkaPrincipal.USER_TYPE, text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(where + ": principal: " + e.getMessage());
        }
        if (!parsed.getPrincipalType().equals(KafkaPrincipal.USER_TYPE)) {
            if (keys.containsKey("groups") || keys.containsKey("scopes") || keys.containsKey("claims")) {
                throw new UsageException(where + ": only User principals come from tokens with groups, scopes and claims");
            }
            return parsed;
        }
        List<String> groups = texts(keys.get("groups"), where + ": groups");
        List<String> scopes = texts(keys.get("scopes"), where + ": scopes");
        Map<String, Object> claims = new LinkedHashMap<>();
        for (Map.Entry<String, Object> claim : mapping(keys.getOrDefault("claims", Map.of()), where + ": claims", null)
                .entrySet()) {
            if (claim.getValue() == null) {
                throw new UsageException(where + ": claims: '" + claim.getKey() + "' has no value; leave the claim out"
                        + " to test a token without it");
            }
            claims.put(claim.getKey(), ClaimValues.asToken(claim.getValue()));
        }
        return new OAuthKafkaPrincipal(KafkaPrincipal.USER_TYPE, parsed.getName(), groups, Set.copyOf(scopes), claims);
    }

    private static List<StandardAcl> acls(Object node, String where) throws UsageException {
        List<StandardAcl> acls = new ArrayList<>();
        if (node == null) {
            return acls;
        }
        if (!(node instanceof List<?> items)) {
            throw new UsageException(where + ": expected a list");
        }
        for (int i = 0; i < items.size(); i++) {
            String at = where + " #" + (i + 1);
            Map<String, Object> acl = mapping(items.get(i), at, ACL_KEYS);
            String principal = text(required(acl, "principal", at), at + ": principal");
            try {
                SecurityUtils.parseKafkaPrincipal(principal);
            } catch (IllegalArgumentException e) {
                throw new UsageException(at + ": principal: expected Type:name, e.g. User:alice");
            }
            ResourceType type = choice(required(acl, "resource", at), at + ": resource", Resources.byName());
            String name = type == ResourceType.CLUSTER && !acl.containsKey("name") ? "kafka-cluster"
                    : text(required(acl, "name", at), at + ": name");
            PatternType pattern = acl.containsKey("pattern") ? choice(acl.get("pattern"), at + ": pattern",
                    Map.of("literal", PatternType.LITERAL, "prefixed", PatternType.PREFIXED)) : PatternType.LITERAL;
            AclOperation op = choice(required(acl, "operation", at), at + ": operation", Operations.byName());
            AclPermissionType permission = acl.containsKey("permission") ? choice(acl.get("permission"),
                    at + ": permission", Map.of("allow", AclPermissionType.ALLOW, "deny", AclPermissionType.DENY))
                    : AclPermissionType.ALLOW;
            String host = acl.containsKey("host") ? text(acl.get("host"), at + ": host") : "*";
            acls.add(new StandardAcl(type, name, pattern, principal, host, op, permission));
        }
        return acls;
    }

    private static Object required(Map<String, Object> keys, String key, String where) throws UsageException {
        Object value = keys.get(key);
        if (value == null) {
            throw new UsageException(where + ": missing '" + key + "'");
        }
        return value;
    }

    /** @param allowed the keys allowed, or null for any (option names, claims) */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Object node, String where, Set<String> allowed) throws UsageException {
        if (!(node instanceof Map<?, ?> map)) {
            throw new UsageException(where + ": expected a mapping (key: value lines)");
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new UsageException(where + ": keys must be text, got " + key);
            }
            if (allowed != null && !allowed.contains(key)) {
                throw new UsageException(where + ": unknown key '" + key + "'; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
        return (Map<String, Object>) map;
    }

    private static String text(Object node, String where) throws UsageException {
        if (node == null || node instanceof Map || node instanceof List || String.valueOf(node).isBlank()) {
            throw new UsageException(where + ": expected a single non-empty value");
        }
        return String.valueOf(node).trim();
    }

    private static List<String> texts(Object node, String where) throws UsageException {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        for (Object item : node instanceof List<?> list ? list : List.of(node)) {
            out.add(text(item, where));
        }
        return out;
    }

    private static <T> T choice(Object node, String where, Map<String, T> choices) throws UsageException {
        String value = text(node, where);
        T chosen = choices.get(value.toLowerCase(Locale.ROOT));
        if (chosen == null) {
            throw new UsageException(where + ": unknown value '" + value + "'; expected one of "
                    + String.join(", ", new java.util.TreeSet<>(choices.keySet())));
        }
        return chosen;
    }
}
