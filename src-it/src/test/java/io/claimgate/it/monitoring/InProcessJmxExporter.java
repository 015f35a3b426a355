package io.claimgate.it.monitoring;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The Prometheus JMX exporter agent started inside this (test) JVM, as {@code -javaagent} would
 * start it in a client application: the same jar and the same rules file, serving the JVM's
 * platform MBeans on a port. The agent's own {@code premain} is called (it does not use the
 * {@code Instrumentation}), from a class loader of its own so its shaded libraries stay apart from
 * the test's. It cannot be stopped; its HTTP server lives until the JVM exits.
 */
final class InProcessJmxExporter {
    private InProcessJmxExporter() {
    }

    /** Serves {@code http://127.0.0.1:<port>/metrics}; note the agent exits the JVM if it cannot start. */
    static void start(Path agentJar, int port, Path rules) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {agentJar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        Class<?> agent = Class.forName("io.prometheus.jmx.JavaAgent", true, loader);
        Method premain = agent.getMethod("premain", String.class, java.lang.instrument.Instrumentation.class);
        premain.invoke(null, "127.0.0.1:" + port + ":" + rules, null);
    }
}
