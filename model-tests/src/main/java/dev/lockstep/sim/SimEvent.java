package dev.lockstep.sim;

import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;

/** Everything that can happen at a simulated instant. Node and client numbers are 0-based. */
sealed interface SimEvent {

    /** A node's tick timer fired (ignored if the node crashed since: other incarnation). */
    record Tick(int node, int incarnation) implements SimEvent {}

    /** A message arrives at its destination. */
    record Deliver(Envelope envelope) implements SimEvent {}

    /** An fsync of the node's disk finished: every write up to {@code upTo} is durable. */
    record DiskSynced(int node, int incarnation, long upTo) implements SimEvent {}

    /** A client's request reaches a node. */
    record ClientArrive(int node, RequestId id, Command command) implements SimEvent {}

    /** A node's answer reaches the client. */
    record ClientAnswer(int client, RequestId id, Result result) implements SimEvent {}

    /** A client's attempt timed out, or a backoff before a retry ended. */
    record ClientRetry(int client, long seq, int attempt, boolean timeout) implements SimEvent {}

    /** A client starts its next operation. */
    record ClientStart(int client) implements SimEvent {}

    record FaultStart(FaultEvent fault) implements SimEvent {}

    record FaultEnd(FaultEvent fault) implements SimEvent {}

    /** An armed crash that found no write to interrupt strikes anyway. */
    record CrashNow(int node) implements SimEvent {}

    /** End of the faults phase: every fault heals. */
    record Heal() implements SimEvent {}

    /** The stability probe's next phase begins (or its watch ends). */
    record ProbeNext() implements SimEvent {}
}
