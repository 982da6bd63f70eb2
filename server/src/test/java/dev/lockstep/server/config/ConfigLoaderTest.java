package dev.lockstep.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.ProtocolRegistry;

import dev.lockstep.common.LeaderTuning;

import dev.lockstep.base.NodeId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid files load with defaults filled in; every invalid one is refused naming the field. */
class ConfigLoaderTest {
    private static final String YAML = """
            replicaId: n2
            clusterId: demo
            protocol: testproto
            dataDir: data/n2
            tickMs: 5
            members:
              n1: {peer: "10.0.0.1:7101", clientPort: 7001, adminPort: 7201}
              n2: {peer: "10.0.0.2:7101", clientPort: 7001, adminPort: 7201}
              n3: {peer: "10.0.0.3:7101", clientPort: 7001, adminPort: 7201}
            """;

    private final ConfigLoader loader = new ConfigLoader(name -> name.equals("testproto") ? Optional.of(ProtocolRegistry.get("raft").named("testproto")) : Optional.empty());

    private ServerConfig yaml(String text) throws ConfigException {
        return loader.parse(text, true, Path.of("/etc/lockstep"));
    }

    private String error(String text) {
        return assertThrows(ConfigException.class, () -> yaml(text)).getMessage();
    }

    @Test
    void aMinimalYamlFileGetsDefaults() throws Exception {
        ServerConfig c = yaml(YAML);
        assertEquals(NodeId.of(2), c.self());
        assertEquals("demo", c.clusterId());
        assertEquals(Path.of("/etc/lockstep/data/n2"), c.dataDir());
        assertEquals(7001, c.clientPort());
        assertEquals(7201, c.adminPort());
        assertEquals(5, c.tickMs());
        assertTrue(c.fsync());
        assertEquals("0.0.0.0", c.bindHost());
        assertEquals(Optional.empty(), c.traceOut());
        assertEquals(ServerConfig.Limits.defaults(), c.limits());
        assertEquals(2, c.peers().size());
        assertEquals(new HostPort("10.0.0.3", 7101), c.member(NodeId.of(3)).peer());
    }

    @Test
    void jsonWorksToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("n1.json");
        Files.writeString(file, """
                {"replicaId": "n1", "clusterId": "c", "protocol": "testproto", "dataDir": "/var/n1",
                 "fsync": false, "limits": {"maxValueBytes": 100, "maxRequestBytes": 1000},
                 "members": {"n1": {"peer": "127.0.0.1:7101", "clientPort": 7001, "adminPort": 7201}}}
                """);
        ServerConfig c = loader.load(file);
        assertFalse(c.fsync());
        assertEquals(100, c.limits().maxValueBytes());
        assertEquals(Path.of("/var/n1"), c.dataDir());
    }

    @Test
    void missingFieldsAreNamed() {
        assertEquals("replicaId: required field is missing", error(YAML.replace("replicaId: n2\n", "")));
        assertEquals("members.n1.peer: required field is missing",
                error(YAML.replace("peer: \"10.0.0.1:7101\", ", "")));
    }

    @Test
    void badValuesAreNamed() {
        assertTrue(error(YAML.replace("tickMs: 5", "tickMs: 0")).startsWith("tickMs: 0 is out of range"));
        assertTrue(error(YAML.replace("tickMs: 5", "tickMs: fast")).startsWith("tickMs: expected an integer"));
        assertTrue(error(YAML.replace("10.0.0.1:7101", "10.0.0.1")).startsWith("members.n1.peer: expected host:port"));
        assertTrue(error(YAML.replace("n3: {", "x3: {")).startsWith("members.x3: not a node id"));
        assertTrue(error(YAML + "fsync: maybe\n").startsWith("fsync: expected true or false"));
        assertTrue(error(YAML.replace("protocol: testproto", "protocol: paxos"))
                .startsWith("protocol: unknown protocol 'paxos'"));
    }

    @Test
    void unknownFieldsAreRefusedNotIgnored() {
        assertTrue(error(YAML + "tickMS: 5\n").startsWith("tickMS: unknown field"));
        assertTrue(error(YAML + "limits: {maxClient: 5}\n").startsWith("limits.maxClient: unknown field"));
    }

    @Test
    void selfMustBeAMemberAndPortsMustNotClash() {
        assertTrue(error(YAML.replace("replicaId: n2", "replicaId: n4")).startsWith("replicaId: n4 is not one of"));
        assertTrue(error(YAML + "adminPort: 7001\n").startsWith("ports:"));
        assertTrue(error(YAML.replace("10.0.0.3:7101", "10.0.0.1:7101")).contains("used by two members"));
    }

    @Test
    void tuningIsCheckedAgainstTheReplicaConfigRules() {
        assertTrue(error(YAML + "tuning: {electionTicksMin: 2, heartbeatTicks: 5}\n")
                .startsWith("tuning.heartbeatTicks: need heartbeatTicks < electionTicksMin"));
    }

    @Test
    void tuningHoldsTheProtocolsOwnParametersNamedByTheRegistry() throws Exception {
        assertEquals(7, yaml(YAML + "tuning: {maxInflight: 7}\n").tuning().parameters().get("maxInflight"));
        String unknown = error(YAML + "tuning: {pushTo: 1}\n");
        assertTrue(unknown.startsWith("tuning.pushTo: 'pushTo' is not a parameter of testproto (its parameters: "
                + "electionTicksMin, electionTicksMax"), unknown);
        String range = error(YAML + "tuning: {maxInflight: 0}\n");
        assertTrue(range.startsWith("tuning.maxInflight: parameter 'maxInflight'"), range);
    }

    @Test
    void theProtocolSaysHowManyReplicasItRunsWithAndWhatItsParametersAllow() throws Exception {
        ConfigLoader registry = new ConfigLoader();
        String repNothing = assertThrows(ConfigException.class, () -> registry.parse(
                YAML.replace("protocol: testproto", "protocol: repnothing"), true, Path.of("/x"))).getMessage();
        assertTrue(repNothing.startsWith("members: repnothing runs with 1 replica, the config lists 3"), repNothing);
        String simplePush = YAML.replace("protocol: testproto", "protocol: simplepush");
        assertEquals(2, registry.parse(simplePush, true, Path.of("/x")).tuning().parameters().get("pushTo"));
        String tooMany = assertThrows(ConfigException.class, () -> registry.parse(simplePush
                + "tuning: {pushTo: 3}\n", true, Path.of("/x"))).getMessage();
        assertTrue(tooMany.startsWith("tuning.pushTo: parameter 'pushTo' is 3: a write can be pushed to at most the 2"),
                tooMany);
    }

    @Test
    void ioThreadsDefaultsToOneAndIsBounded() throws Exception {
        assertEquals(1, yaml(YAML).tuning().ioThreads());
        assertEquals(4, yaml(YAML + "tuning: {ioThreads: 4}\n").tuning().ioThreads());
        assertTrue(error(YAML + "tuning: {ioThreads: 0}\n").startsWith("tuning.ioThreads: 0 is out of range"));
    }

    @Test
    void invalidYamlIsReportedAsSuch() {
        assertTrue(error("replicaId: [").startsWith("config is not valid YAML"));
        assertTrue(error("- just\n- a list\n").startsWith("expected an object"));
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        String msg = assertThrows(ConfigException.class, () -> loader.load(dir.resolve("nope.yaml"))).getMessage();
        assertTrue(msg.contains("nope.yaml does not exist"), msg);
    }
}
