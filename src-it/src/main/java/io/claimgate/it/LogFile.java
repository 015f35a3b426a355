package io.claimgate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Read access to a log file that another process is still appending to (a broker's stdout).
 *
 * <p>Stateless and therefore thread-safe: callers keep their own byte offsets. Only complete lines
 * (ending in a newline) are matched, so a line the broker is half-way through writing is seen
 * whole on the next poll, never cut in two.
 */
final class LogFile {

    /** Tails read at most this many bytes from the end; far more than any sensible tail. */
    private static final int TAIL_WINDOW_BYTES = 1 << 20;

    private final Path path;

    LogFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    long size() {
        try {
            return Files.size(path);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code lines} lines (fewer if the file is shorter), joined with newlines. */
    String tail(int lines) {
        long size = size();
        long from = Math.max(0, size - TAIL_WINDOW_BYTES);
        String[] all = read(from, size).split("\n");
        int start = Math.max(0, all.length - lines);
        return String.join("\n", Arrays.asList(all).subList(start, all.length));
    }

    /**
     * Scans the complete lines from byte {@code from} on. Returns the first line matching
     * {@code pattern}, plus the offset to continue from: after the matching line, or after the last
     * complete line when nothing matched.
     */
    Scan scan(long from, Pattern pattern) {
        long size = size();
        if (size <= from) {
            return new Scan(Optional.empty(), from);
        }
        byte[] bytes = readBytes(from, size);
        int lineStart = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                String line = new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8);
                lineStart = i + 1;
                if (pattern.matcher(line).find()) {
                    return new Scan(Optional.of(line), from + lineStart);
                }
            }
        }
        return new Scan(Optional.empty(), from + lineStart);
    }

    /** Result of {@link #scan}: the matching line if any, and where to continue. */
    record Scan(Optional<String> match, long next) {
    }

    private String read(long from, long to) {
        return new String(readBytes(from, to), StandardCharsets.UTF_8);
    }

    private byte[] readBytes(long from, long to) {
        if (to <= from) {
            return new byte[0];
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(to - from));
            long position = from;
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, position);
                if (read < 0) {
                    break;
                }
                position += read;
            }
            byte[] bytes = new byte[buffer.position()];
            buffer.flip();
            buffer.get(bytes);
            return bytes;
        } catch (NoSuchFileException e) {
            return new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
