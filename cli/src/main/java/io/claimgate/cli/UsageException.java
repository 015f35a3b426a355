package io.claimgate.cli;

/** The command line or the configuration it points at cannot be used; exit code {@link ExitCode#USAGE}. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
