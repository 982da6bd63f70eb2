package dev.lockstep.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLayoutTest {

    @TempDir
    Path specs;

    private void touch(String path, String content) throws IOException {
        Path p = specs.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private static List<String> names(List<ModelConfig> configs) {
        return configs.stream().map(ModelConfig::name).toList();
    }

    @Test
    void findsConfigsByConvention() throws IOException {
        touch("raft/Raft.tla", "");
        touch("raft/MCRaft.tla", "");
        touch("raft/MCRaft.cfg", "");
        touch("raft/MCRaftReads.cfg", "");
        touch("raft/MCRaftReads.tla", "");
        touch("raft/MCRaftDeep.cfg", "");
        touch("raft/TraceRaft.cfg", "");
        touch("raft/buggy/MCRaftNoPreVote.cfg", "\\* expect-violation: ElectionSafety\nINIT Init\n");
        touch("src/main/java/X.java", "");
        touch("notes/README.md", "");

        SpecLayout layout = new SpecLayout(specs);
        assertEquals(List.of("raft"), layout.protocolNames());
        ProtocolSpecs raft = layout.protocol("raft").orElseThrow();
        assertEquals("Raft", raft.module());

        List<ModelConfig> ci = layout.ciConfigs(raft);
        assertEquals(List.of("MCRaft.cfg", "MCRaftReads.cfg"), names(ci));
        assertEquals(specs.resolve("raft/MCRaft.tla"), ci.get(0).spec());
        assertEquals(specs.resolve("raft/MCRaftReads.tla"), ci.get(1).spec());
        assertEquals(List.of(), ci.get(0).libraryPath());

        assertEquals(List.of("MCRaftDeep.cfg"), names(layout.deepConfigs(raft)));
        assertEquals(specs.resolve("raft/MCRaft.tla"), layout.deepConfigs(raft).get(0).spec());

        ModelConfig buggy = layout.buggyConfigs(raft).get(0);
        assertEquals(ModelConfig.Kind.BUGGY, buggy.kind());
        assertEquals(Optional.of("ElectionSafety"), buggy.expectedViolation());
        assertEquals(specs.resolve("raft/MCRaft.tla"), buggy.spec());
        assertEquals(List.of(specs.resolve("raft")), buggy.libraryPath());
    }

    @Test
    void matchesTheModuleNameIgnoringCaseAndPrefersABuggyModuleOfItsOwn() throws IOException {
        touch("multipaxos/MultiPaxos.tla", "");
        touch("multipaxos/MCMultiPaxos.cfg", "");
        touch("multipaxos/buggy/MCMultiPaxosNoAccept.cfg", "");
        touch("multipaxos/buggy/MCMultiPaxosNoAccept.tla", "");
        SpecLayout layout = new SpecLayout(specs);
        ProtocolSpecs p = layout.protocol("multipaxos").orElseThrow();
        assertEquals("MultiPaxos", p.module());
        assertEquals(List.of("MCMultiPaxos.cfg"), names(layout.ciConfigs(p)));
        assertEquals(specs.resolve("multipaxos/buggy/MCMultiPaxosNoAccept.tla"),
                layout.buggyConfigs(p).get(0).spec());
    }

    @Test
    void findsNothingWhereThereAreNoSpecs() throws IOException {
        touch("raft/Raft.tla", "");
        SpecLayout layout = new SpecLayout(specs);
        assertEquals(List.of(), layout.protocolNames());
        assertTrue(layout.protocol("raft").isEmpty());
        assertEquals(List.of(), new SpecLayout(specs.resolve("missing")).protocolNames());
    }
}
