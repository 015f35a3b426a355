package io.claimgate.it;

import java.util.Comparator;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: when a test fails, prints the tail of every node's broker log of every
 * cluster still open, to stderr (in Maven: {@code target/surefire-reports/<class>-output.txt}).
 *
 * <p>It runs right after the test method, before {@code @AfterEach}, so clusters closed there are
 * still listed. A cluster that fails to start needs no extension: its
 * {@link BrokerStartException} already carries the log tail.
 *
 * <pre>{@code
 * @ExtendWith(BrokerLogOnFailure.class)                        // 100 lines per node
 * @RegisterExtension static BrokerLogOnFailure logs = new BrokerLogOnFailure(300);
 * }</pre>
 */
public final class BrokerLogOnFailure implements AfterTestExecutionCallback {

    private final int lines;

    public BrokerLogOnFailure() {
        this(Integer.getInteger("claimgate.it.logTailLines", 100));
    }

    public BrokerLogOnFailure(int lines) {
        this.lines = lines;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        StringBuilder out = new StringBuilder();
        KafkaCluster.open().stream().sorted(Comparator.comparing(KafkaCluster::name)).forEach(cluster ->
                out.append("===== ").append(context.getDisplayName()).append(" failed; cluster ").append(cluster.name())
                        .append(" (").append(cluster.directory()).append(") =====\n")
                        .append(cluster.logTail(lines)).append('\n'));
        if (out.length() > 0) {
            System.err.print(out);
            System.err.flush();
        }
    }
}
