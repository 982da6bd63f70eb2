package dev.lockstep.simplepush;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.Membership;
import dev.lockstep.common.Outbox;
import dev.lockstep.core.ReplicaConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * What the concerns of one replica share: configuration, membership, the {@code K} peers it
 * pushes its clients' writes to, the state, the step's outbox, the tracer, and the concerns.
 */
final class SimplePushContext {
    final ReplicaConfig config;
    final NodeId self;
    final Membership members;
    /** The spec's {@code P} of every write taken here: the {@code pushTo} members after self, in id order, wrapping. */
    final List<NodeId> peers;
    /** The same peers as a member bit set. */
    final long peerBits;
    final int retransmitTicks;
    final SimplePushState state = new SimplePushState();
    final Outbox out = new Outbox();
    final SimplePushTracer tracer;

    Durability durability;
    Replication replication;
    Execution execution;
    Reads reads;
    Snapshot snapshot;

    SimplePushContext(ReplicaConfig config) {
        this.config = config;
        this.self = config.self();
        this.members = Membership.of(config);
        int pushTo = config.parameters().get(SimplePushProtocol.PUSH_TO);
        if (pushTo > members.size() - 1) {
            throw new IllegalArgumentException("pushTo " + pushTo + " needs at least " + (pushTo + 1)
                    + " replicas, have " + members.size());
        }
        this.peers = ringAfterSelf(pushTo);
        long bits = 0;
        for (NodeId p : peers) {
            bits |= Membership.bit(members.posOf(p));
        }
        this.peerBits = bits;
        this.retransmitTicks = config.parameters().get(SimplePushProtocol.RETRANSMIT_TICKS);
        this.tracer = new SimplePushTracer(this, config.tracing());
    }

    private List<NodeId> ringAfterSelf(int count) {
        List<NodeId> ring = new ArrayList<>(count);
        for (int k = 1; k <= count; k++) {
            ring.add(members.at((members.selfPos() + k) % members.size()));
        }
        return List.copyOf(ring);
    }
}
