package dev.lockstep.epaxos;

import dev.lockstep.base.Bytes;
import dev.lockstep.core.DurableRecord;
import java.util.List;

/** What an EPaxos replica writes to storage (contract: the durable variables). */
sealed interface EPaxosRecord extends DurableRecord {

    /**
     * The durable variables of one instance after a step changed them; a later record of the
     * same instance replaces an earlier one. {@code cmd}, {@code initCmd} null: none.
     */
    record InstanceState(InstanceId id, Phase phase, long bal, long abal, Payload cmd, Deps deps, long seq,
            Payload initCmd, Deps initDeps, long initSeq) implements EPaxosRecord {}

    /**
     * The whole durable state: a state machine snapshot (its coverage lists the instances it
     * reflects, a prefix of this replica's execution order ending at a component boundary) and
     * every instance's durable variables. Storage may drop every record before it.
     */
    record Checkpoint(Bytes snapshot, List<InstanceState> instances) implements EPaxosRecord {
        public Checkpoint {
            instances = List.copyOf(instances);
        }

        @Override
        public boolean isCheckpoint() {
            return true;
        }
    }
}
