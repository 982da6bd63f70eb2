package dev.lockstep.epaxos;

import dev.lockstep.core.Message;
import java.util.List;

/**
 * EPaxos's messages (docs/protocols/epaxos-contract.md, "Messages"): every one names its
 * instance; ballots are 0 for the initial coordinator's round and {@code round * 256 + id} for a
 * recovery's. {@link #term()} is the message's ballot (0 where it carries none).
 */
sealed interface EPaxosMessage extends Message {

    InstanceId inst();

    /** The contract's {@code type}. */
    default String type() {
        return getClass().getSimpleName();
    }

    @Override
    default long term() {
        return 0;
    }

    /** EPaxos Fig. 2 "Phase 1": the initial coordinator's command and attributes. */
    record PreAccept(InstanceId inst, Payload cmd, Deps deps, long seq) implements EPaxosMessage {}

    /** A replica's attributes for the command (EPaxos Fig. 2, "PreAcceptOK"). */
    record PreAcceptReply(InstanceId inst, Deps deps, long seq) implements EPaxosMessage {}

    /** EPaxos Fig. 2 "Paxos-Accept", at ballot {@code bal}. */
    record Accept(InstanceId inst, long bal, Payload cmd, Deps deps, long seq) implements EPaxosMessage {
        @Override
        public long term() {
            return bal;
        }
    }

    record AcceptReply(InstanceId inst, long bal) implements EPaxosMessage {
        @Override
        public long term() {
            return bal;
        }
    }

    /** EPaxos Fig. 2 "Commit": the instance's decided command and attributes. */
    record Commit(InstanceId inst, long bal, Payload cmd, Deps deps, long seq) implements EPaxosMessage {
        @Override
        public long term() {
            return bal;
        }
    }

    /** EPaxos* Fig. 3: a recovery at ballot {@code bal} asks what a replica holds. */
    record Recover(InstanceId inst, long bal) implements EPaxosMessage {
        @Override
        public long term() {
            return bal;
        }
    }

    /**
     * What the sender holds for the instance after promising {@code bal}; {@code cmd} null when
     * it never saw the command (the trace's {@code "none"}).
     */
    record RecoverReply(InstanceId inst, long bal, long abal, Phase phase, Payload cmd, Deps deps, long seq,
            Deps initDeps, long initSeq) implements EPaxosMessage {
        @Override
        public long term() {
            return bal;
        }
    }

    /** EPaxos* Fig. 5: ask {@code Q} which conflicting instances do not know the candidate. */
    record Validate(InstanceId inst, long bal, Payload cmd, Deps deps, long seq) implements EPaxosMessage {
        @Override
        public long term() {
            return bal;
        }
    }

    /** One instance of a validation's conflicts, with its phase at the answering replica. */
    record Conflict(InstanceId inst, Phase phase) {}

    record ValidateReply(InstanceId inst, long bal, List<Conflict> conflicts) implements EPaxosMessage {
        public ValidateReply {
            conflicts = List.copyOf(conflicts);
        }

        @Override
        public long term() {
            return bal;
        }
    }

    /**
     * Asks every other replica for the instance's commit (not in the papers: a replica that was
     * down, or missed a Commit, learns a decision in one round trip instead of by a recovery).
     */
    record CommitRequest(InstanceId inst) implements EPaxosMessage {}

    /** EPaxos* Fig. 5: the sender waits on the instance with {@code k} matching answers. */
    record Waiting(InstanceId inst, long k) implements EPaxosMessage {}
}
