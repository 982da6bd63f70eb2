package dev.lockstep.server.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.lockstep.core.ProtocolRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three replicas as three JVMs on loopback, driven with Jedis over real sockets, for every
 * protocol of {@link ProtocolRegistry}: one container per protocol runs the
 * {@link ClusterScenarios} in order on one cluster, then stops it before the next protocol's
 * cluster starts (so at most three replica JVMs run at a time). A protocol added to the registry
 * is covered here without naming it. {@code -Dlockstep.test.protocols=raft,...} narrows the run
 * while developing; every child process is stopped afterwards, and children exit on their own if
 * this JVM dies.
 */
class ClusterProcessTest {
    private static final long SEED = Long.getLong("lockstep.test.seed", 20_251_121L);
    private static final Duration SCENARIO_LIMIT = Duration.ofSeconds(90);

    private final List<ClusterScenarios> clusters = new ArrayList<>();

    @TestFactory
    Stream<DynamicContainer> everyScenarioOnEveryProtocol(@TempDir Path dir) {
        List<String> protocols = protocolsToRun();
        assertFalse(protocols.isEmpty(), "no protocol to run; registry has " + ProtocolRegistry.names());
        return protocols.stream().map(p -> dynamicContainer(p, scenarios(new ClusterScenarios(p, dir.resolve(p),
                SEED))));
    }

    /** A safety net: the last step of each container already stopped its cluster. */
    @AfterEach
    void stopEveryCluster() {
        clusters.forEach(ClusterScenarios::close);
    }

    private Stream<DynamicTest> scenarios(ClusterScenarios s) {
        clusters.add(s);
        return Stream.of(
                dynamicTest("three replicas start and elect a leader", () -> within(s, "start", s::start)),
                scenario(s, "a write on one replica is read on every other",
                        s::aWriteOnOneReplicaIsReadOnEveryOther),
                scenario(s, "bad requests get errors and connections and servers keep working",
                        s::badRequestsGetErrorsAndConnectionsAndServersKeepWorking),
                scenario(s, "killing the leader mid-load loses no acknowledged write and stays linearizable",
                        s::killingTheLeaderMidLoadLosesNoAcknowledgedWriteAndStaysLinearizable),
                scenario(s, "a torn WAL tail is truncated, reported, and the replica catches up from its peers",
                        s::aTornWalTailIsTruncatedReportedAndTheReplicaCatchesUpFromItsPeers),
                dynamicTest("every replica stops", s::close));
    }

    /** A scenario that runs only on a started cluster (it is aborted, not failed, otherwise). */
    private static DynamicTest scenario(ClusterScenarios s, String name, Executable body) {
        return dynamicTest(name, () -> {
            assumeTrue(s.started(), "the cluster did not start");
            within(s, name, body);
        });
    }

    /**
     * Runs {@code body} within {@link #SCENARIO_LIMIT}; a failure names the protocol and the
     * scenario (Surefire's report shows dynamic tests only by index).
     */
    private static void within(ClusterScenarios s, String name, Executable body) {
        System.out.println("== " + s.protocol() + ": " + name);
        try {
            assertTimeoutPreemptively(SCENARIO_LIMIT, body::execute);
        } catch (Throwable e) { // a failure, a timeout, or an exception the scenario threw
            throw new AssertionError(s.protocol() + ": " + name + ": " + e, e);
        }
    }

    /** Every registered protocol, or those of {@code -Dlockstep.test.protocols} (comma-separated). */
    private static List<String> protocolsToRun() {
        String only = System.getProperty("lockstep.test.protocols", "").trim();
        if (only.isEmpty()) {
            return ProtocolRegistry.names();
        }
        return Arrays.stream(only.split(",")).map(String::trim).map(p -> ProtocolRegistry.get(p).name()).toList();
    }
}
