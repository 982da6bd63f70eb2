package dev.lockstep.server.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import redis.clients.jedis.HostAndPort;

/** The application in Python: each scenario is one run of app_workload.py --scenario NAME. */
final class RedisPyWorkload implements AppWorkload {
    private static final Duration PYTHON_TIMEOUT = Duration.ofSeconds(30);
    private final String python;
    private final List<HostAndPort> replicas;
    private final Path scratch;

    /** Runs the script with {@code python} against {@code replicas}, its output going through {@code scratch}. */
    RedisPyWorkload(String python, List<HostAndPort> replicas, Path scratch) {
        this.python = python;
        this.replicas = replicas;
        this.scratch = scratch;
    }

    private void scenario(String name) throws Exception {
        Path script = RedisPy.module().resolve("src/test/python/app_workload.py");
        assertTrue(Files.isRegularFile(script), "the workload script exists: " + script);
        List<String> command = new ArrayList<>(List.of(python, script.toString(),
                replicas.stream().map(HostAndPort::toString).collect(Collectors.joining(",")),
                "--scenario", name, "--prefix", "py:"));
        RedisPy.Run run = RedisPy.run(command, PYTHON_TIMEOUT, scratch);
        System.out.print(run.output());
        if (run.timedOut()) {
            fail("app_workload.py --scenario " + name + " did not finish within " + PYTHON_TIMEOUT.toSeconds()
                    + " s; output:\n" + run.output());
        }
        String failures = run.output().lines().filter(l -> l.startsWith("FAIL ")).collect(Collectors.joining("\n"));
        assertEquals(0, run.exit(), "app_workload.py --scenario " + name + " exit status; "
                + (failures.isEmpty() ? "output:\n" + run.output() : failures));
        assertTrue(run.output().contains("PASS " + name), "PASS " + name + " in\n" + run.output());
    }

    @Override
    public void strings() throws Exception {
        scenario("strings");
    }

    @Override
    public void multi() throws Exception {
        scenario("multi");
    }

    @Override
    public void cache() throws Exception {
        scenario("cache");
    }

    @Override
    public void expiry() throws Exception {
        scenario("expiry");
    }

    @Override
    public void session() throws Exception {
        scenario("session");
    }

    @Override
    public void transfer() throws Exception {
        scenario("transfer");
    }

    @Override
    public void watchAbort() throws Exception {
        scenario("watch_abort");
    }

    @Override
    public void queue() throws Exception {
        scenario("queue");
    }

    @Override
    public void leaderboard() throws Exception {
        scenario("leaderboard");
    }

    @Override
    public void sets() throws Exception {
        scenario("sets");
    }

    @Override
    public void keyspace() throws Exception {
        scenario("keyspace");
    }

    @Override
    public void close() {}
}
