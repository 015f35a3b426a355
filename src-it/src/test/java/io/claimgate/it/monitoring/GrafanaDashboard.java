package io.claimgate.it.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a Grafana dashboard's PromQL queries ({@code "expr"} fields) and template variables refer to. */
final class GrafanaDashboard {
    private static final Pattern EXPR = Pattern.compile("\"expr\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern METRIC = Pattern.compile("\\bclaimgate_[a-z0-9_]+");
    /** A template variable's {@code definition}, e.g. {@code label_values(claimgate_x{...}, cluster_id)}. */
    private static final Pattern VARIABLE = Pattern.compile(
            "\"name\"\\s*:\\s*\"([a-z]+)\"(?:(?!\"name\").)*?\"definition\"\\s*:\\s*\"label_values\\((claimgate_[a-z0-9_]+)[^,]*,\\s*([a-z_]+)\\)\"", Pattern.DOTALL);

    /** A {@code label_values(metric, label)} variable. */
    record Variable(String metric, String label) {
    }

    private GrafanaDashboard() {
    }

    static Set<String> metricNames(Path dashboard) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String expr : queries(dashboard)) {
            Matcher metric = METRIC.matcher(expr);
            while (metric.find()) {
                names.add(metric.group());
            }
        }
        return names;
    }

    /** Every PromQL query, JSON escapes undone. */
    static List<String> queries(Path dashboard) throws IOException {
        List<String> queries = new ArrayList<>();
        Matcher expr = EXPR.matcher(Files.readString(dashboard));
        while (expr.find()) {
            queries.add(expr.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return queries;
    }

    /** The template variables filled from a metric's label values, by variable name. */
    static Map<String, Variable> variables(Path dashboard) throws IOException {
        Map<String, Variable> variables = new LinkedHashMap<>();
        Matcher variable = VARIABLE.matcher(Files.readString(dashboard));
        while (variable.find()) {
            variables.put(variable.group(1), new Variable(variable.group(2), variable.group(3)));
        }
        return variables;
    }
}
