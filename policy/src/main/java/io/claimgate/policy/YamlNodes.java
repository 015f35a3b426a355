package io.claimgate.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a composed YAML node tree strictly, collecting problems with their {@code file:line:column}
 * instead of stopping at the first. The tree is never turned into Java objects by SnakeYAML, so no
 * YAML tag can make it instantiate anything; tags other than YAML's standard ones are refused.
 */
final class YamlNodes {
    private final String source;
    private final List<String> problems = new ArrayList<>();

    YamlNodes(String source) {
        this.source = source;
    }

    List<String> problems() {
        return problems;
    }

    String where(Node node) {
        return source + ":" + (node.getStartMark().getLine() + 1) + ":" + (node.getStartMark().getColumn() + 1);
    }

    void problem(Node node, String context, String message) {
        problems.add(where(node) + ": " + (context.isEmpty() ? "" : context + ": ") + message);
    }

    /** The entries of a mapping by key, refusing unknown and duplicate keys. Empty if {@code node} is no mapping. */
    Map<String, Node> mapping(Node node, String context, Set<String> allowed) {
        Map<String, Node> entries = new LinkedHashMap<>();
        if (!(node instanceof MappingNode)) {
            problem(node, context, "expected a mapping (key: value lines)");
            return entries;
        }
        MappingNode mapping = (MappingNode) node;
        checkTag(node, context);
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode)) {
                problem(keyNode, context, "expected a plain key");
                continue;
            }
            String name = ((ScalarNode) keyNode).getValue();
            if (!allowed.contains(name)) {
                problem(keyNode, context, "unknown key '" + name + "'; allowed: " + String.join(", ", new TreeSet<>(allowed)));
            } else if (entries.containsKey(name)) {
                problem(keyNode, context, "duplicate key '" + name + "'");
            } else {
                entries.put(name, tuple.getValueNode());
            }
        }
        return entries;
    }

    /** A non-empty text value. */
    Optional<String> text(Node node, String context) {
        if (!(node instanceof ScalarNode)) {
            problem(node, context, "expected a single value, not a list or mapping");
            return Optional.empty();
        }
        ScalarNode scalar = (ScalarNode) node;
        checkTag(node, context);
        String value = scalar.getValue().trim();
        if (value.isEmpty() || Tag.NULL.equals(scalar.getTag())) {
            problem(node, context, "must not be empty (quote it if you mean the text '" + value + "')");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** The items of a non-empty list; a single value counts as a list of one. */
    List<Node> items(Node node, String context) {
        return items(node, context, false);
    }

    List<Node> items(Node node, String context, boolean mayBeEmpty) {
        if (node instanceof SequenceNode) {
            SequenceNode sequence = (SequenceNode) node;
            checkTag(node, context);
            if (sequence.getValue().isEmpty() && !mayBeEmpty) {
                problem(node, context, "must not be an empty list");
            }
            return sequence.getValue();
        }
        if (node instanceof ScalarNode) {
            return List.of(node);
        }
        problem(node, context, "expected a list");
        return List.of();
    }

    /** A non-empty list of non-empty text values. */
    List<String> texts(Node node, String context) {
        List<String> out = new ArrayList<>();
        for (Node item : items(node, context)) {
            text(item, context).ifPresent(out::add);
        }
        return out;
    }

    /** The value of a mapping's {@code key} if it is a plain value, to name the mapping in messages before it is checked. */
    static Optional<String> peek(Node node, String key) {
        if (node instanceof MappingNode) {
            for (NodeTuple tuple : ((MappingNode) node).getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode && ((ScalarNode) tuple.getKeyNode()).getValue().equals(key)
                        && tuple.getValueNode() instanceof ScalarNode
                        && !((ScalarNode) tuple.getValueNode()).getValue().isBlank()) {
                    return Optional.of(((ScalarNode) tuple.getValueNode()).getValue().trim());
                }
            }
        }
        return Optional.empty();
    }

    private void checkTag(Node node, String context) {
        Tag tag = node.getTag();
        if (tag != null && !tag.getValue().startsWith(Tag.PREFIX)) {
            problem(node, context, "YAML tag '" + tag.getValue() + "' is not allowed");
        }
    }
}
