package io.claimgate.cli;

/** The CLI's exit codes, the same for every command, so scripts can tell a verdict from a mistake. */
public final class ExitCode {
    /** Accepted, clean, every case passed. */
    public static final int OK = 0;
    /** Refused, lint errors (or warnings with --strict), a case failed. */
    public static final int FAILED = 1;
    /** Bad usage or configuration: nothing was decided. */
    public static final int USAGE = 2;

    private ExitCode() {
    }
}
