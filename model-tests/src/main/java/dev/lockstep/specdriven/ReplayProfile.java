package dev.lockstep.specdriven;

import java.util.List;
import java.util.Set;

/**
 * How a protocol's spec steps map onto stimuli of its core, for {@link SpecReplay}. Every step a
 * behaviour names is one of: a network step (the driver drops or duplicates a message in flight);
 * a stimulus (a timeout: ticks until the core logs it; a client request; a restart; or any step
 * that names a message: the driver delivers that message); or a local step the core takes by
 * itself in the same event as the stimulus before it (e.g. BecomeLeader on the deciding vote),
 * which the driver only matches. Steps in {@code coreInitiative} are ones the core takes at its
 * own discretion and the generator leaves out (appends, heartbeats): their lines are passed over,
 * their messages stay in flight, and no spec step ever delivers them.
 *
 * @param generator the generator module in the protocol's spec folder (e.g. SpecDrivenRaft)
 * @param configs its configs (without .cfg), each run in CI: e.g. one weighted to network faults
 *     and one to leader changes
 * @param timeout the step a core's timer takes (ticked until the core logs it; messages outside
 *     the spec, such as MultiPaxos's pre-prepare round, are delivered after each tick)
 * @param request the client-request step; its {@code params.id} is "client:seq"
 * @param restart the crash-and-recover step
 * @param local steps the core takes in the same event as the step before them
 * @param coreInitiative steps the core takes on its own, passed over when the spec does not name them
 * @param keepMessage receipts after which the spec keeps the message in flight for the action
 *     that handles it (UpdateTerm, ObserveBallot); the core handles it in the same event, so the
 *     driver keeps a copy in flight too and removes it when the spec's handling step comes
 * @param setFields fields of a node's state the spec writes from sets (compared without order)
 * @param maxTicks how many ticks a timeout may take before the replay calls it missing
 */
record ReplayProfile(String generator, List<String> configs, String timeout, String request, String restart, Set<String> local,
        Set<String> coreInitiative, Set<String> keepMessage, Set<String> setFields, int maxTicks) {

    static final String DROP = "DropMessage";
    static final String DUPLICATE = "DuplicateMessage";

    /** Raft: SpecDrivenRaft.tla; names as in Raft.tla and the core's trace lines. */
    static final ReplayProfile RAFT = new ReplayProfile("SpecDrivenRaft",
            List.of("SpecDrivenRaft", "SpecDrivenRaftChurn"), "Timeout", "ClientRequest", "Restart",
            Set.of("BecomeCandidate", "BecomeLeader", "AdvanceCommitIndex"),
            Set.of("AppendEntries", "Heartbeat"), Set.of("UpdateTerm"), Set.of("votesGranted"), 1000);

    /** MultiPaxos: SpecDrivenMultiPaxos.tla; names as in MultiPaxos.tla and the core's trace lines. */
    static final ReplayProfile MULTIPAXOS = new ReplayProfile("SpecDrivenMultiPaxos",
            List.of("SpecDrivenMultiPaxos", "SpecDrivenMultiPaxosChurn"), "Prepare", "ClientRequest",
            "Restart", Set.of("BecomeLeader", "AdvanceCommit"), Set.of("Accept", "CatchUp", "InstallSnapshot"),
            Set.of("ObserveBallot"), Set.of("promises"), 1000);
}
