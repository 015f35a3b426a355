package io.claimgate.samples;

import java.io.PrintStream;

/** Prints the quickstart's story in plain words and keeps count of what went as expected. */
final class Narrator {
    private final PrintStream out;
    private int step;
    private int passed;
    private int failed;

    Narrator(PrintStream out) {
        this.out = out;
    }

    void title(String text) {
        out.println();
        out.println("== " + text + " ==");
    }

    void step(String text) {
        out.println();
        out.println(++step + ". " + text);
    }

    void say(String text) {
        out.println("   " + text);
    }

    void blank() {
        out.println();
    }

    /** Something happened as it should. */
    void ok(String text) {
        passed++;
        out.println("   [ok] " + text);
    }

    /** Something did not happen as it should. */
    void fail(String text) {
        failed++;
        out.println("   [UNEXPECTED] " + text);
    }

    /** Prints the tally; 0 when nothing was unexpected. */
    int summary() {
        out.println();
        out.println(failed == 0
                ? "All " + passed + " checks behaved as expected."
                : failed + " of " + (passed + failed) + " checks did NOT behave as expected (see above).");
        return failed == 0 ? 0 : 1;
    }
}
