package dev.lockstep.server.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** Running external programs with a time bound, and measuring processes' CPU time. */
public final class ChildProcesses {
    private ChildProcesses() {}

    /** What a finished program printed and how it exited. */
    public record Finished(int exitCode, String stdout, String stderr) {}

    /**
     * Runs {@code command} to completion, at most {@code timeout}; a program still running then
     * is killed (with its descendants) and this throws {@link TimeoutException}.
     *
     * @param started told the process as soon as it exists (so a shutdown hook can kill it)
     */
    public static Finished run(List<String> command, Duration timeout, Consumer<Process> started)
            throws IOException, InterruptedException, TimeoutException {
        return runAll(List.of(command), timeout, started).get(0);
    }

    /**
     * Starts every command at once and waits for all of them, together at most {@code timeout};
     * if one is still running then, all are killed (with their descendants) and this throws
     * {@link TimeoutException}. The results are in the order of {@code commands}.
     *
     * @param started told each process as soon as it exists (so a shutdown hook can kill it)
     */
    public static List<Finished> runAll(List<List<String>> commands, Duration timeout, Consumer<Process> started)
            throws IOException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Running> all = new ArrayList<>();
        try {
            for (List<String> command : commands) {
                Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
                started.accept(p);
                all.add(new Running(command.get(0), p, drain(p.getInputStream()), drain(p.getErrorStream())));
            }
            List<Finished> finished = new ArrayList<>();
            for (Running r : all) {
                finished.add(r.await(deadline, timeout));
            }
            return finished;
        } finally {
            all.forEach(r -> destroyTree(r.process()));
        }
    }

    /** A started program and the readers of its output. */
    private record Running(String program, Process process, CompletableFuture<String> out,
            CompletableFuture<String> err) {
        Finished await(long deadline, Duration timeout) throws IOException, InterruptedException, TimeoutException {
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException(program + " did not finish within " + timeout.toSeconds() + " s");
            }
            try {
                return new Finished(process.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                throw new IOException("reading the output of " + program + " failed", e.getCause());
            }
        }
    }

    /** Reads a stream to its end on its own thread (several programs may write at once). */
    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                text.complete(readAll(in));
            } catch (RuntimeException e) {
                text.completeExceptionally(e);
            }
        }, "bench-output-reader");
        reader.setDaemon(true);
        reader.start();
        return text;
    }

    /** SIGKILL to a process and every descendant; a process that already ended is left alone. */
    public static void destroyTree(Process p) {
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** Total CPU time (user + system) the process has used so far, if the platform tells. */
    public static Optional<Duration> cpuTime(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration());
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
