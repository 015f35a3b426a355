package io.claimgate.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CPU time of another process, in nanoseconds: the sum of its threads' time on a CPU from
 * Linux's {@code /proc/<pid>/task/<tid>/schedstat}. {@link ProcessHandle.Info#totalCpuDuration()}
 * counts in scheduler ticks (10 ms), too coarse for the short blocks of a paired storm, where one
 * block costs the broker 50-200 ms. Where there is no schedstat, it falls back to that.
 *
 * <p>A {@link Mark} keeps each thread's time, so a thread that ends between two marks (a JIT compiler
 * thread the JVM retires, say) loses only what it ran after the first mark instead of making the
 * difference negative; a thread that starts in between counts in full.
 */
final class ProcessCpu {
    /** Each thread's CPU time at one moment, by thread id; empty with the fallback. */
    record Mark(Map<Long, Long> threadNanos, Duration fallback) {
    }

    private final long pid;
    private final Path tasks;
    private final boolean schedstat;

    ProcessCpu(long pid) {
        this.pid = pid;
        this.tasks = Path.of("/proc", String.valueOf(pid), "task");
        this.schedstat = Files.isReadable(tasks.resolve(String.valueOf(pid)).resolve("schedstat"));
    }

    /** Whether the nanosecond source is used (recorded in the results). */
    String source() {
        return schedstat ? "schedstat" : "ticks";
    }

    Mark mark() {
        if (!schedstat) {
            return new Mark(Map.of(), totalTicks());
        }
        Map<Long, Long> nanos = new HashMap<>();
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                long value = threadNanos(thread.resolve("schedstat"));
                if (value >= 0) {
                    nanos.put(Long.parseLong(thread.getFileName().toString()), value);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the threads of process " + pid, e);
        }
        return new Mark(nanos, Duration.ZERO);
    }

    /** CPU time used between {@code before} and now. */
    Duration since(Mark before) {
        return between(before, mark());
    }

    /** CPU time the process used between two marks, all threads. */
    static Duration between(Mark before, Mark after) {
        if (after.threadNanos().isEmpty()) {
            return after.fallback().minus(before.fallback());
        }
        return between(before, after, after.threadNanos().keySet());
    }

    /** CPU time {@code threads} used between two marks; zero with the fallback, which has no threads. */
    static Duration between(Mark before, Mark after, Set<Long> threads) {
        long total = 0;
        for (Long thread : threads) {
            Long now = after.threadNanos().get(thread);
            if (now != null) {
                total += now - before.threadNanos().getOrDefault(thread, 0L);
            }
        }
        return Duration.ofNanos(total);
    }

    /**
     * The ids of the threads whose Linux name ({@code /proc/<pid>/task/<tid>/comm}, at most 15
     * characters) starts with one of {@code prefixes}; read anew on each call, as the JVM starts and
     * retires some threads (JIT compilers) as it goes. Empty where there is no {@code /proc}.
     */
    Set<Long> threadsNamed(List<String> prefixes) {
        Set<Long> ids = new HashSet<>();
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                String comm;
                try {
                    comm = Files.readString(thread.resolve("comm"), StandardCharsets.UTF_8);
                } catch (NoSuchFileException e) {
                    continue;   // ended since the listing
                }
                if (prefixes.stream().anyMatch(comm::startsWith)) {
                    ids.add(Long.parseLong(thread.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            return Set.of();
        }
        return ids;
    }

    /** The first field of a schedstat line (ns on a CPU); -1 when the thread has just ended. */
    private static long threadNanos(Path file) throws IOException {
        String line;
        try {
            line = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return -1;
        }
        int space = line.indexOf(' ');
        return Long.parseLong(space < 0 ? line.trim() : line.substring(0, space));
    }

    private Duration totalTicks() {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
                .orElseThrow(() -> new IllegalStateException("the OS does not report the CPU time of process " + pid));
    }
}
