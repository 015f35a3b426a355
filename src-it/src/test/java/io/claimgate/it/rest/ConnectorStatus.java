package io.claimgate.it.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of Connect's {@code GET /connectors/{name}/status} answer the tests read, parsed with
 * patterns: the test JVM has no JSON library of its own, and the shape is fixed by Connect
 * ({@code {"name":..,"connector":{"state":..,"worker_id":..},"tasks":[{"id":0,"state":..,"worker_id":..}],..}}).
 *
 * @param workerId the worker running the connector, as {@code host:port} of its REST listener
 */
record ConnectorStatus(String state, String workerId, List<Task> tasks) {
    private static final Pattern CONNECTOR = Pattern.compile("\"connector\"\\s*:\\s*\\{([^{}]*)}");
    private static final Pattern TASKS = Pattern.compile("\"tasks\"\\s*:\\s*\\[(.*)]", Pattern.DOTALL);
    private static final Pattern OBJECT = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern WORKER_ID = Pattern.compile("\"worker_id\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    record Task(int id, String state, String workerId) {
    }

    static ConnectorStatus parse(String json) {
        Matcher connector = CONNECTOR.matcher(json);
        if (!connector.find()) {
            throw new IllegalArgumentException("not a connector status: " + json);
        }
        List<Task> tasks = new ArrayList<>();
        Matcher taskList = TASKS.matcher(json);
        if (taskList.find()) {
            Matcher task = OBJECT.matcher(taskList.group(1));
            while (task.find()) {
                tasks.add(new Task(Integer.parseInt(field(ID, task.group(1))), field(STATE, task.group(1)),
                        field(WORKER_ID, task.group(1))));
            }
        }
        return new ConnectorStatus(field(STATE, connector.group(1)), field(WORKER_ID, connector.group(1)), tasks);
    }

    /** The connector and exactly {@code taskCount} tasks are RUNNING. */
    boolean runningWith(int taskCount) {
        return state.equals("RUNNING") && tasks.size() == taskCount
                && tasks.stream().allMatch(task -> task.state().equals("RUNNING"));
    }

    private static String field(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : "";
    }
}
