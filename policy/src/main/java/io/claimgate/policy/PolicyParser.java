package io.claimgate.policy;

import io.claimgate.policy.cel.CelScope;
import io.claimgate.policy.cel.CompiledExpression;
import io.claimgate.policy.cel.ExpressionCompiler;
import io.claimgate.policy.cel.ExpressionException;
import io.claimgate.policy.cel.ResultKind;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Turns the bytes of a policy file (format: docs/POLICY.md) into a {@link PolicyFile}: every key
 * checked, every CEL expression compiled and type-checked. All problems are reported together,
 * each with {@code file:line:column}, the policy's name and the rule's number.
 */
public final class PolicyParser {
    /** Far above any real policy file; a guard against pointing the option at the wrong file. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private static final int PARALLEL_THRESHOLD = 32;
    private static final Set<String> TOP_KEYS = Set.of("policies", "record_filters");
    private static final Set<String> POLICY_KEYS = Set.of("name", "description", "when", "rules");
    private static final Set<String> RULE_KEYS = Set.of("action", "resource", "operations", "names", "names_from",
            "description");
    private static final Set<String> FILTER_KEYS = Set.of("name", "description", "topics", "skip_when");

    private final String source;
    private final YamlNodes yaml;

    private PolicyParser(String source) {
        this.source = source;
        this.yaml = new YamlNodes(source);
    }

    public static PolicyFile parse(String source, byte[] content) throws PolicyException {
        return new PolicyParser(source).parse(content);
    }

    private PolicyFile parse(byte[] content) throws PolicyException {
        if (content.length > MAX_BYTES) {
            throw new PolicyException(source, List.of(source + ": larger than " + MAX_BYTES + " bytes"));
        }
        Node root = compose(new String(content, StandardCharsets.UTF_8));
        compileAhead(root);
        List<Policy> policies = new ArrayList<>();
        List<RecordFilter> filters = new ArrayList<>();
        if (root != null) {
            Map<String, Node> top = yaml.mapping(root, "", TOP_KEYS);
            Node policyList = top.get("policies");
            if (policyList != null) {
                Set<String> names = new HashSet<>();
                for (Node item : yaml.items(policyList, "policies", true)) {
                    policy(item, policies.size(), names).ifPresent(policies::add);
                }
            }
            Node filterList = top.get("record_filters");
            if (filterList != null) {
                Set<String> names = new HashSet<>();
                for (Node item : yaml.items(filterList, "record_filters", true)) {
                    filter(item, names).ifPresent(filters::add);
                }
            }
            if (policyList == null && filterList == null && yaml.problems().isEmpty()) {
                yaml.problem(root, "", "expected 'policies:' and/or 'record_filters:'");
            }
        }
        if (!yaml.problems().isEmpty()) {
            throw new PolicyException(source, yaml.problems());
        }
        return new PolicyFile(source, policies, filters, PolicyFile.sha256Of(content));
    }

    private Node compose(String text) throws PolicyException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        try {
            Node root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
            if (root == null) {
                throw new PolicyException(source, List.of(source
                        + ": the file is empty; write 'policies: []' for a file without policies"));
            }
            return root;
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? source : source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            throw new PolicyException(source, List.of(where + ": not valid YAML: " + e.getProblem()));
        } catch (YAMLException e) {
            throw new PolicyException(source, List.of(source + ": not valid YAML: " + e.getMessage()));
        }
    }

    /**
     * Type-checking a CEL expression takes about half a millisecond; a file with thousands of
     * policies would load for seconds. Compile every expression of the file in parallel first;
     * the walk below then finds them in the compiler's cache (and reports any errors itself).
     */
    private static void compileAhead(Node root) {
        List<Object[]> expressions = new ArrayList<>();
        collectExpressions(root, expressions, 0);
        if (expressions.size() < PARALLEL_THRESHOLD) {
            return;
        }
        expressions.parallelStream().forEach(e -> {
            try {
                ExpressionCompiler.compile((String) e[0], (CelScope) e[1], (ResultKind) e[2]);
            } catch (ExpressionException ignored) {
                // reported with its position by the walk
            }
        });
    }

    private static void collectExpressions(Node node, List<Object[]> out, int depth) {
        if (depth > 6) {
            return;
        }
        if (node instanceof SequenceNode) {
            ((SequenceNode) node).getValue().forEach(item -> collectExpressions(item, out, depth + 1));
        } else if (node instanceof MappingNode) {
            for (NodeTuple tuple : ((MappingNode) node).getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode && tuple.getValueNode() instanceof ScalarNode) {
                    String value = ((ScalarNode) tuple.getValueNode()).getValue().trim();
                    switch (((ScalarNode) tuple.getKeyNode()).getValue()) {
                        case "when":
                            out.add(new Object[] {value, CelScope.PRINCIPAL, ResultKind.BOOL});
                            break;
                        case "names_from":
                            out.add(new Object[] {value, CelScope.PRINCIPAL, ResultKind.STRING_LIST});
                            break;
                        case "skip_when":
                            out.add(new Object[] {value, CelScope.RECORD, ResultKind.BOOL});
                            break;
                        default:
                            break;
                    }
                } else {
                    collectExpressions(tuple.getValueNode(), out, depth + 1);
                }
            }
        }
    }

    private Optional<Policy> policy(Node node, int index, Set<String> seenNames) {
        int problemsBefore = yaml.problems().size();
        String fallbackContext = YamlNodes.peek(node, "name").map(n -> "policy '" + n + "'")
                .orElse("policy #" + (index + 1));
        Map<String, Node> keys = yaml.mapping(node, fallbackContext, POLICY_KEYS);
        Optional<String> name = required(keys, node, "name", fallbackContext).flatMap(n -> yaml.text(n, fallbackContext));
        String context = name.map(n -> "policy '" + n + "'").orElse(fallbackContext);
        name.filter(n -> !seenNames.add(n))
                .ifPresent(n -> yaml.problem(keys.get("name"), context, "another policy has the same name"));
        Optional<CompiledExpression> when = Optional.ofNullable(keys.get("when"))
                .flatMap(w -> expression(w, context + ", when", CelScope.PRINCIPAL, ResultKind.BOOL));
        boolean whenBroken = keys.containsKey("when") && when.isEmpty();
        List<Rule> rules = new ArrayList<>();
        Node ruleList = required(keys, node, "rules", context).orElse(null);
        if (ruleList != null) {
            List<Node> ruleNodes = yaml.items(ruleList, context + ", rules");
            for (int i = 0; i < ruleNodes.size(); i++) {
                rule(ruleNodes.get(i), name.orElse(fallbackContext), index, context, i + 1).ifPresent(rules::add);
            }
        }
        if (name.isEmpty() || whenBroken || yaml.problems().size() > problemsBefore) {
            return Optional.empty();   // the file is refused anyway; keep collecting problems
        }
        return Optional.of(new Policy(name.get(), index, when, rules, yaml.where(node)));
    }

    private Optional<Rule> rule(Node node, String policyName, int policyIndex, String policyContext, int number) {
        String context = policyContext + ", rule " + number;
        Map<String, Node> keys = yaml.mapping(node, context, RULE_KEYS);
        Optional<Effect> effect = required(keys, node, "action", context)
                .flatMap(n -> choice(n, context + ", action", Map.of("allow", Effect.ALLOW, "deny", Effect.DENY)));
        Optional<ResourceType> resource = required(keys, node, "resource", context)
                .flatMap(n -> choice(n, context + ", resource", Resources.byName()));
        Set<AclOperation> operations = EnumSet.noneOf(AclOperation.class);
        required(keys, node, "operations", context).ifPresent(list -> {
            for (Node item : yaml.items(list, context + ", operations")) {
                choice(item, context + ", operations", Operations.byName()).ifPresent(operations::add);
            }
        });
        Node names = keys.get("names");
        Node namesFrom = keys.get("names_from");
        NamePatterns patterns = null;
        CompiledExpression dynamic = null;
        if (names != null && namesFrom != null) {
            yaml.problem(namesFrom, context, "give either 'names' or 'names_from', not both");
        } else if (names != null) {
            patterns = NamePatterns.globs(yaml.texts(names, context + ", names"));
        } else if (namesFrom != null) {
            dynamic = expression(namesFrom, context + ", names_from", CelScope.PRINCIPAL, ResultKind.STRING_LIST)
                    .orElse(null);
        } else if (resource.orElse(null) == ResourceType.CLUSTER) {
            patterns = NamePatterns.ANY;   // there is one cluster; naming it is optional
        } else {
            yaml.problem(node, context, "missing 'names' (globs) or 'names_from' (a CEL expression)");
        }
        if (effect.isEmpty() || resource.isEmpty() || operations.isEmpty() || (patterns == null && dynamic == null)) {
            return Optional.empty();
        }
        return Optional.of(new Rule(policyName, policyIndex, number, effect.get(), resource.get(), operations, patterns, dynamic,
                yaml.where(node)));
    }

    private Optional<RecordFilter> filter(Node node, Set<String> seenNames) {
        String fallbackContext = YamlNodes.peek(node, "name").map(n -> "record filter '" + n + "'")
                .orElse("record filter");
        Map<String, Node> keys = yaml.mapping(node, fallbackContext, FILTER_KEYS);
        Optional<String> name = required(keys, node, "name", fallbackContext).flatMap(n -> yaml.text(n, fallbackContext));
        String context = name.map(n -> "record filter '" + n + "'").orElse(fallbackContext);
        name.filter(n -> !seenNames.add(n))
                .ifPresent(n -> yaml.problem(keys.get("name"), context, "another record filter has the same name"));
        List<String> topics = required(keys, node, "topics", context)
                .map(n -> yaml.texts(n, context + ", topics")).orElse(List.of());
        Optional<CompiledExpression> skipWhen = required(keys, node, "skip_when", context)
                .flatMap(n -> expression(n, context + ", skip_when", CelScope.RECORD, ResultKind.BOOL));
        if (name.isEmpty() || topics.isEmpty() || skipWhen.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RecordFilter(name.get(), NamePatterns.globs(topics), skipWhen.get(), yaml.where(node)));
    }

    private Optional<Node> required(Map<String, Node> keys, Node owner, String key, String context) {
        Node value = keys.get(key);
        if (value == null && owner instanceof MappingNode) {
            yaml.problem(owner, context, "missing '" + key + "'");
        }
        return Optional.ofNullable(value);
    }

    private <T> Optional<T> choice(Node node, String context, Map<String, T> choices) {
        return yaml.text(node, context).flatMap(value -> {
            T chosen = choices.get(value.toLowerCase(Locale.ROOT));
            if (chosen == null) {
                yaml.problem(node, context, "unknown value '" + value + "'; expected one of "
                        + String.join(", ", new java.util.TreeSet<>(choices.keySet())));
            }
            return Optional.ofNullable(chosen);
        });
    }

    private Optional<CompiledExpression> expression(Node node, String context, CelScope scope, ResultKind kind) {
        return yaml.text(node, context).flatMap(text -> {
            try {
                return Optional.of(ExpressionCompiler.compile(text, scope, kind));
            } catch (ExpressionException e) {
                // CEL reports "ERROR: <input>:line:col: message" plus the expression with a caret;
                // the YAML position says where the expression starts in the file.
                String message = e.getMessage().replace("ERROR: <input>:", "CEL error at expression position ")
                        .replace(" (in container '')", "");
                yaml.problem(node, context, message);
                return Optional.empty();
            }
        });
    }
}
