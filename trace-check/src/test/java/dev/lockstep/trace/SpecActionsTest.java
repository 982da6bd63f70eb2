package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SpecActionsTest {

    @Test
    void followsNextThroughItsGroupsToTheActions() {
        String module = """
                ---- MODULE M ----
                VARIABLE x
                Helper(a) == a + 1   \\* not an action: Next does not apply it
                Inc(i) == x' = Helper(x) + i
                (* Dec(i) is mentioned in a comment only *)
                Dec == x' = x - 1
                Guarded == x > 3 /\\ Commit
                Commit == x' = 0
                Reset == x' = 0
                Unused == x' = 42
                StepNext == \\E i \\in {1, 2} : Inc(i) \\/ Dec
                Receive(m) == LET y == m IN \\/ Guarded \\/ Reset
                Next == StepNext \\/ \\E m \\in {1} : Receive(m) \\/ (x = "Unused" /\\ UNCHANGED x)
                Spec == x = 0 /\\ [][Next]_x
                ====
                """;
        // Receive only combines operators: a group. Guarded has a conjunction: an action, even
        // though it applies Commit.
        assertEquals(List.of("Inc", "Dec", "Guarded", "Reset"), SpecActions.fromText(module, "Next"));
    }

    /** EPaxos defines E (a quorum size) and applies state functions such as Inst(s, k) in Next. */
    @Test
    void quantifiersAndStateFunctionsAreNotActions() {
        String module = """
                ---- MODULE M ----
                VARIABLE x
                E == 1
                Inst(s, k) == [owner |-> s, num |-> k]
                Holds(p) == DOMAIN x[p]
                Ready(i) == i.num > E
                Go(i) == Ready(i) /\\ Put(i)
                Put(i) == x' = i
                Next == \\E p \\in {1} : \\E i \\in Holds(p) : Go(Inst(p, i))
                ====
                """;
        assertEquals(List.of("Go"), SpecActions.fromText(module, "Next"));
    }

    /**
     * RSPaxos passes operators as parameters ({@code ProposeWith(b, s, Rule(_))}): such a
     * definition is still a definition, so the action that applies it is one.
     */
    @Test
    void operatorParametersDoNotHideADefinition() {
        String module = """
                ---- MODULE M ----
                VARIABLE x
                Any(v) == TRUE
                SetWith(v, Rule(_)) == Rule(v) /\\ x' = v
                Set(v) ==
                    /\\ SetWith(v, Any)
                Next == \\E v \\in {1} : Set(v)
                ====
                """;
        assertEquals(List.of("Set"), SpecActions.fromText(module, "Next"));
    }

    @Test
    void aModuleWithoutNextIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> SpecActions.fromText("---- MODULE M ----\nA == 1\n====", "Next"));
    }

    @Test
    void raftHasTheContractsActions() throws IOException {
        List<String> actions = SpecActions.read(TestSpecs.raft().specTla());
        assertTrue(actions.containsAll(List.of("Timeout", "BecomeLeader", "AppendEntries", "HandleAppendEntriesRequest",
                "AdvanceCommitIndex", "ClientRead", "ServeRead", "InstallSnapshot", "UpdateTerm", "Restart",
                "DuplicateMessage", "DropMessage")), actions.toString());
        assertTrue(actions.stream().noneMatch(a -> a.endsWith("Next") || Set.of("Send", "Reply", "Discard",
                "Receivable", "CommitTo", "Min", "Max").contains(a)), actions.toString());
    }

    /** TraceRaft.tla must map every action of Raft.tla, and nothing else, to a trace line. */
    @Test
    void traceRaftMapsExactlyRaftsActions() throws IOException {
        String traceSpec = Files.readString(TestSpecs.raft().traceTla());
        Matcher m = Pattern.compile("ln\\.action = \"(\\w+)\"").matcher(traceSpec);
        Set<String> mapped = new TreeSet<>();
        while (m.find()) {
            mapped.add(m.group(1));
        }
        assertEquals(new TreeSet<>(SpecActions.read(TestSpecs.raft().specTla())), mapped);
    }

    /**
     * TraceRaft's VIEW must mention every variable of Raft.tla (logs and the ghost history only
     * summarised): a variable added to the spec but not to the view would let TLC merge states
     * that differ in it.
     */
    @Test
    void traceRaftsViewCoversEveryRaftVariable() throws IOException {
        String raft = SpecActions.stripCommentsAndStrings(Files.readString(TestSpecs.raft().specTla()));
        Matcher decl = Pattern.compile("(?ms)^VARIABLES?\\b(.*?)(?=^\\S)").matcher(raft);
        Set<String> variables = new TreeSet<>();
        while (decl.find()) {
            for (String v : decl.group(1).split("[\\s,]+")) {
                if (!v.isBlank()) {
                    variables.add(v);
                }
            }
        }
        assertTrue(variables.containsAll(List.of("currentTerm", "log", "lastReadId", "messages", "committed",
                "lastServedRead")), variables.toString());
        String traceRaft = SpecActions.stripCommentsAndStrings(Files.readString(TestSpecs.raft().traceTla()));
        String view = SpecActions.definitions(traceRaft).get("TraceView");
        Set<String> missing = new TreeSet<>();
        for (String v : variables) {
            if (!Pattern.compile("\\b" + v + "\\b").matcher(view).find()) {
                missing.add(v);
            }
        }
        assertEquals(Set.of(), missing, "variables of Raft.tla that TraceRaft's TraceView leaves out");
    }
}
