package dev.lockstep.server.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
    public static Finished run(List<String> command, Duration timeout, java.util.function.Consumer<Process> started)
            throws IOException, InterruptedException, TimeoutException {
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
        started.accept(p);
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException(command.get(0) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Finished(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            throw new IOException("reading the output of " + command.get(0) + " failed", e.getCause());
        } finally {
            destroyTree(p);
        }
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
