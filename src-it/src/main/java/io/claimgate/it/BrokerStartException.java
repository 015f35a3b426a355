package io.claimgate.it;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A node did not become ready: its JVM exited (bad configuration, a plugin that failed to load) or
 * the start timeout passed. The message carries the tail of the node's broker log, so the cause
 * shows in the test report without opening files; tests that expect a start failure can inspect
 * {@link #logTail()}.
 */
public class BrokerStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    static final int TAIL_LINES = 60;
    private static final Pattern ERROR_LINE =
            Pattern.compile("\\] (ERROR|FATAL) |^Exception in thread|^Error: |NoClassDefFoundError|ClassNotFoundException");

    private final transient Path brokerLog;
    private final String logTail;

    BrokerStartException(String message, BrokerNode node) {
        this(message + firstErrors(node.log()), node.brokerLog(), node.logTail(TAIL_LINES));
    }

    BrokerStartException(String message, Path brokerLog, String logTail) {
        super(message + "\n--- last " + TAIL_LINES + " lines of " + brokerLog + " ---\n" + logTail);
        this.brokerLog = brokerLog;
        this.logTail = logTail;
    }

    /**
     * The first ERROR lines of the log: when a broker dies at start, the cause is logged once and
     * then buried under a page of shutdown messages that the tail shows instead.
     */
    private static String firstErrors(LogFile log) {
        StringBuilder out = new StringBuilder();
        long offset = 0;
        for (int i = 0; i < 3; i++) {
            LogFile.Scan scan = log.scan(offset, ERROR_LINE);
            if (scan.match().isEmpty()) {
                break;
            }
            out.append(i == 0 ? "\nfirst ERROR lines:" : "").append("\n  ").append(scan.match().get());
            offset = scan.next();
        }
        return out.toString();
    }

    public Path brokerLog() {
        return brokerLog;
    }

    public String logTail() {
        return logTail;
    }
}
