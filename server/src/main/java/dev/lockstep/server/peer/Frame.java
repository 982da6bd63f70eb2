package dev.lockstep.server.peer;

import dev.lockstep.base.NodeId;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import java.util.Optional;

/**
 * What travels between two replicas, one frame at a time (wire layout in {@link FrameBodies}):
 * the handshake, protocol messages (opaque bytes from the protocol's codec) and the client
 * request forwarding pair, which lives outside the protocol core.
 */
public sealed interface Frame {

    /**
     * The first frame in each direction. The connecting side names the replica it expects to
     * reach in {@code to}; the accepting side answers with its own hello ({@code to} = the caller).
     */
    record Hello(int version, String clusterId, String protocol, NodeId from, Optional<NodeId> to) implements Frame {}

    /** The handshake was refused; the sender closes the connection after this frame. */
    record Reject(String reason) implements Frame {}

    /** A protocol message, encoded by the protocol's {@code ProtocolCodec}. */
    record ProtocolMessage(byte[] payload) implements Frame {}

    /** A follower asks the leader to run a client request and answer under {@code correlation}. */
    record ForwardRequest(long correlation, RequestId id, Command command) implements Frame {}

    /** The leader's answer to a {@link ForwardRequest}. */
    record ForwardResponse(long correlation, Result result) implements Frame {}
}
