package dev.lockstep.core;

import dev.lockstep.base.NodeId;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import java.util.List;
import java.util.Set;

/**
 * An input to a replica. {@link Replica#step(Event)} is the only way a replica's state changes.
 */
public sealed interface Event {

    /**
     * One unit of logical time passed (timeouts are counted in ticks), and the replica's local
     * monotonic clock reads {@code clockNanos}. The reading is the replica's own: it starts
     * anywhere, may run a little fast or slow against other replicas' clocks, and jumps forward
     * after the process was paused; it never goes back. The server feeds
     * its host's monotonic clock, the simulator each node's simulated clock (with its drift). A
     * core that needs no time (every protocol without leases) ignores it; one that does reads
     * time from here only.
     */
    record Tick(long clockNanos) implements Event {}

    /**
     * The runtime's failure detector: the peers that look alive now (the replica itself is not
     * among them). Delivered when the view changes, never as a fact: a peer that looks alive may
     * be down and the other way round. A core that chooses what to wait for by it (EPaxos: wait
     * for a fast quorum only while enough peers look alive) reads it from here only, so a seed or
     * a trace replays the choice. The server derives it from its peer connections, the simulator
     * from its own fault schedule. Before the first one a core assumes every peer alive.
     */
    record LivePeers(Set<NodeId> alive) implements Event {
        public LivePeers {
            alive = Set.copyOf(alive);
        }
    }

    /** A message from a peer arrived. */
    record Receive(NodeId from, Message message) implements Event {}

    /** A client submitted a command. The replica answers with exactly one {@link Effect.Reply}. */
    record ClientRequest(RequestId id, Command command) implements Event {}

    /**
     * The runtime's durability callback: every {@link Effect.Persist} with sequence number
     * {@code <= upTo} is durable.
     */
    record Persisted(long upTo) implements Event {}

    /**
     * Start-up after a crash or process restart: {@code durable} is exactly the sequence of
     * records that survived on stable storage (possibly empty). Delivered once, as the first event
     * of a replica instance that did not start from the initial state. A replica that starts
     * fresh (empty storage at cluster creation) receives no Recover.
     */
    record Recover(List<DurableRecord> durable) implements Event {
        public Recover {
            durable = List.copyOf(durable);
        }
    }
}
