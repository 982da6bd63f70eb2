package dev.lockstep.server.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One replica running as a child JVM ({@code Main server --config FILE}), with its output
 * appended to a log file. Its stdin stays a pipe held by this process: when this process dies,
 * however it dies, the child sees end-of-file and exits ({@link ParentWatch}).
 */
public final class ReplicaProcess {
    private final String id;
    private final Path config;
    private final Path log;
    private final List<String> jvmOptions;
    private final List<String> extraArgs;
    private Process process;

    public ReplicaProcess(String id, Path config, Path log, List<String> jvmOptions, List<String> extraArgs) {
        this.id = id;
        this.config = config;
        this.log = log;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** Starts (or restarts) the child JVM on this JVM's class path. */
    public void start() throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.add("server");
        cmd.add("--config");
        cmd.add(config.toString());
        cmd.add("--exit-on-stdin-eof");
        cmd.addAll(extraArgs);
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    public String id() {
        return id;
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** The exit code, or -1 while running or before the first start. */
    public int exitCode() {
        return process == null || process.isAlive() ? -1 : process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed (a crash). */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SIGKILL without waiting (used when the caller itself is being interrupted). */
    public void destroyNow() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /** SIGTERM: the replica shuts down cleanly (its log is synced and closed). */
    public void terminate() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@code graceMs}. */
    public void stop(long graceMs) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(graceMs, TimeUnit.MILLISECONDS)) {
            kill();
        }
    }
}
