package io.claimgate.it.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names a Grafana dashboard's PromQL queries ({@code "expr"} fields) refer to. */
final class GrafanaDashboard {
    private static final Pattern EXPR = Pattern.compile("\"expr\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern METRIC = Pattern.compile("\\bclaimgate_[a-z0-9_]+");

    private GrafanaDashboard() {
    }

    static Set<String> metricNames(Path dashboard) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher expr = EXPR.matcher(Files.readString(dashboard));
        while (expr.find()) {
            Matcher metric = METRIC.matcher(expr.group(1));
            while (metric.find()) {
                names.add(metric.group());
            }
        }
        return names;
    }
}
