package dev.lockstep.server.clients;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds (once per JVM) a Python 3 that can import redis, running {@code scripts/install-test-clients.sh}
 * when there is none, and runs Python (or any program) with a time limit.
 */
final class RedisPy {
    private static final List<String> CANDIDATES = List.of("python3", "/usr/bin/python3");
    private static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(300);
    private static String interpreter;
    private static String unavailable;

    /** A finished (or killed) program: its exit status (-1 when killed), and output and errors together. */
    record Run(int exit, boolean timedOut, String output) {}

    private RedisPy() {}

    /** The server module's folder (Surefire's working directory and {@code basedir}). */
    static Path module() {
        Path base = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        return Files.isDirectory(base.resolve("src/test/python")) ? base : base.resolve("server");
    }

    /**
     * The interpreter that imports redis, installing redis-py when none does; an AssertionError naming the
     * install script when that fails (then again on every later call). {@code scratch} holds temporary files.
     */
    static synchronized String interpreter(Path scratch) throws Exception {
        if (interpreter != null) {
            return interpreter;
        }
        if (unavailable != null) {
            throw new AssertionError(unavailable);
        }
        String found = withRedis(scratch);
        if (found == null) {
            Path install = module().resolveSibling("scripts").resolve("install-test-clients.sh").normalize();
            System.out.println("client libraries: no python3 with redis-py; running " + install);
            Run run = run(List.of("bash", install.toString()), INSTALL_TIMEOUT, scratch);
            System.out.print(run.output());
            found = withRedis(scratch);
            if (found == null) {
                unavailable = "redis-py is not installed and " + install + " could not install it ("
                        + (run.timedOut() ? "timed out after " + INSTALL_TIMEOUT.toSeconds() + " s"
                                : "exit " + run.exit()) + "): it needs apt-get and root or sudo; or install "
                        + "python3 with the redis module by hand (pip install redis). Output:\n" + run.output();
                throw new AssertionError(unavailable);
            }
        }
        interpreter = found;
        return found;
    }

    private static String withRedis(Path scratch) throws Exception {
        for (String candidate : CANDIDATES) {
            Run r = run(List.of(candidate, "-c", "import redis"), Duration.ofSeconds(20), scratch);
            if (r.exit() == 0) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Runs {@code command}, output and errors together (through a file in {@code scratch}), killed after
     * {@code limit}.
     */
    static Run run(List<String> command, Duration limit, Path scratch) throws Exception {
        Path out = Files.createTempFile(scratch, "process", ".out");
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) { // no such program
            return new Run(127, false, command.get(0) + ": " + e.getMessage() + "\n");
        }
        boolean finished = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        String output = Files.readString(out);
        Files.deleteIfExists(out);
        return new Run(finished ? p.exitValue() : -1, !finished, output);
    }
}
