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
        assertTrue(output.contains("[ok] client1 produced and consumed [internal audit note, order shipped]"), output);
        assertTrue(output.contains("[ok] client2 read [order shipped]; the record with header internal=true was skipped"), output);
        assertTrue(output.contains("[ok] client2 sees only [extra_topic, topic, topic-encrypted]"), output);
        assertTrue(output.contains("[ok] client2 may not produce to 'topic'"), output);
        assertTrue(output.contains("[ok] client2 may not read 'extra_topic'"), output);
        assertTrue(output.contains("[ok] client2 may not describe 'payroll'"), output);
        assertTrue(output.contains("[ok] refused by the broker: invalid_token (BAD_SIGNATURE"), output);
        assertTrue(output.contains("[ok] refused by the broker: invalid_token (EXPIRED"), output);
        assertTrue(output.contains("[ok] refused by the broker: invalid_token (MALFORMED"), output);
        assertTrue(output.contains("behaved as expected"), output);
    }
}
