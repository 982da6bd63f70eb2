package dev.lockstep.epaxos;

/**
 * What one replica holds for one instance: the contract's per-instance variables. The durable
 * ones ({@code phase}, {@code bal}, {@code abal}, {@code cmd}, attributes, initial attributes)
 * are written to storage by {@link Durability} whenever they change; {@code executed} and the
 * coordinator's {@code round} are volatile.
 */
final class Instance {
    final InstanceId id;
    Phase phase = Phase.NONE;
    /** The highest ballot promised (contract {@code bal}). */
    long bal;
    /** The ballot of the attributes last accepted (contract {@code abal}); separate from {@code bal} (Sutra 2020). */
    long abal;
    /** The command, or null when this replica never saw it. */
    Payload cmd;
    Deps deps;
    long seq;
    /** What the initial coordinator proposed, or a Validate carried (read by recovery); null: none. */
    Payload initCmd;
    Deps initDeps;
    long initSeq;

    boolean executed;
    /** Ticks since this instance last made progress here (recovery timeout). */
    int idleTicks;
    /** This replica's recoveries of the instance so far (their backoff doubles). */
    int recoveryAttempts;
    /** This replica's round as coordinator or recoverer of the instance, or null. */
    Round round;

    Instance(InstanceId id, int members) {
        this.id = id;
        this.deps = Deps.none(members);
        this.initDeps = this.deps;
    }

    boolean isCommitted() {
        return phase == Phase.COMMITTED;
    }

    boolean hasCommand() {
        return cmd != null;
    }

    /** Sets what the initial coordinator proposed (or a validation carries). */
    void holdInitial(Payload command, Deps d, long s) {
        initCmd = command;
        initDeps = d;
        initSeq = s;
    }

    /** Sets the command and attributes (every assignment the spec makes to {@code cmd}, {@code deps}, {@code seq}). */
    void hold(Payload command, Deps d, long s) {
        cmd = command;
        deps = d;
        seq = s;
    }

    /** The durable part, as a record. */
    EPaxosRecord.InstanceState saved() {
        return new EPaxosRecord.InstanceState(id, phase, bal, abal, cmd, deps, seq, initCmd, initDeps, initSeq);
    }

    /** Restores the durable part from a record. */
    void restore(EPaxosRecord.InstanceState s) {
        phase = s.phase();
        bal = s.bal();
        abal = s.abal();
        cmd = s.cmd();
        deps = s.deps();
        seq = s.seq();
        initCmd = s.initCmd();
        initDeps = s.initDeps();
        initSeq = s.initSeq();
    }

    @Override
    public String toString() {
        return id + " " + phase.text() + " bal " + bal + " abal " + abal + " cmd " + (cmd == null ? "none" : cmd.traceForm())
                + " deps " + deps + " seq " + seq;
    }
}
