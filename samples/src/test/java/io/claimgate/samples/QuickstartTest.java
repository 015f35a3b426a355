package io.claimgate.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README's first command runs this program; running it here keeps it from rotting. */
class QuickstartTest {

    @Test
    void quickstartRunsTheWholeStoryAndExitsZero() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = new Quickstart(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                Path.of("target", "quickstart-test")).run();
        String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(output);

        assertEquals(0, exit, output);
        assertTrue(output.contains("[ok] client1 produced and consumed [hello from client1, and once more]"), output);
        assertTrue(output.contains("[ok] refused by the broker: invalid_token (BAD_SIGNATURE"), output);
        assertTrue(output.contains("[ok] refused by the broker: invalid_token (EXPIRED"), output);
        assertTrue(output.contains("[ok] refused by the broker: invalid_token (MALFORMED"), output);
        assertTrue(output.contains("behaved as expected"), output);
    }
}
