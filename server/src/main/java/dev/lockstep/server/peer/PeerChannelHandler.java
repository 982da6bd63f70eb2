package dev.lockstep.server.peer;

import dev.lockstep.base.NodeId;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer connection, either side. First the handshake: the connecting side sends
 * {@link Frame.Hello} naming itself and the replica it dialed; the accepting side checks it
 * against the membership and answers with its own hello or a {@link Frame.Reject} saying why.
 * After that, frames are dispatched to the {@link PeerTransport}.
 */
final class PeerChannelHandler extends SimpleChannelInboundHandler<Frame> {
    private static final Logger LOG = LoggerFactory.getLogger(PeerChannelHandler.class);
    static final long HANDSHAKE_TIMEOUT_MS = 5_000;

    private final PeerTransport transport;
    /** The replica we dialed (connecting side), or empty (accepting side). */
    private final Optional<NodeId> dialed;
    private NodeId peer;
    private ScheduledFuture<?> handshakeTimeout;

    PeerChannelHandler(PeerTransport transport, Optional<NodeId> dialed) {
        this.transport = transport;
        this.dialed = dialed;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handshakeTimeout = ctx.executor().schedule(() -> {
            if (peer == null) {
                LOG.warn("peer connection {} sent no handshake within {} ms; closing",
                        ctx.channel().remoteAddress(), HANDSHAKE_TIMEOUT_MS);
                ctx.close();
            }
        }, HANDSHAKE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        if (dialed.isPresent()) {
            ctx.writeAndFlush(transport.hello(dialed));
        }
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (peer == null) {
            handshake(ctx, frame);
        } else if (frame instanceof Frame.ProtocolMessage m) {
            transport.deliver(peer, m.payload());
        } else if (frame instanceof Frame.ForwardRequest r) {
            transport.serveForward(peer, r, ctx.channel());
        } else if (frame instanceof Frame.ForwardResponse r) {
            transport.forwarder().complete(r);
        } else {
            LOG.warn("peer {} sent {} after the handshake; closing", peer, frame.getClass().getSimpleName());
            ctx.close();
        }
    }

    private void handshake(ChannelHandlerContext ctx, Frame frame) {
        if (frame instanceof Frame.Reject r) {
            LOG.warn("peer {} at {} refused our connection: {}", dialed.map(Object::toString).orElse("?"),
                    ctx.channel().remoteAddress(), r.reason());
            dialed.ifPresent(id -> transport.recordRefusal(id, r.reason()));
            ctx.close();
            return;
        }
        if (!(frame instanceof Frame.Hello hello)) {
            LOG.warn("connection from {} did not start with a handshake; closing", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        Optional<String> problem = transport.checkHello(hello, dialed);
        if (problem.isPresent()) {
            LOG.warn("refused peer connection {} ({}): {}", ctx.channel().remoteAddress(), hello.from(), problem.get());
            if (dialed.isEmpty()) {
                ctx.writeAndFlush(new Frame.Reject(problem.get())).addListener(ChannelFutureListener.CLOSE);
            } else {
                transport.recordRefusal(dialed.get(), problem.get());
                ctx.close();
            }
            return;
        }
        peer = hello.from();
        handshakeTimeout.cancel(false);
        if (dialed.isEmpty()) {
            ctx.writeAndFlush(transport.hello(Optional.of(peer)));
        }
        transport.connected(peer, ctx.channel(), dialed.isPresent());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (handshakeTimeout != null) {
            handshakeTimeout.cancel(false);
        }
        if (peer != null) {
            transport.disconnected(peer, ctx.channel(), dialed.isPresent());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("peer connection {} ({}) failed: {}; closing", ctx.channel().remoteAddress(),
                peer != null ? peer : dialed.map(Object::toString).orElse("not identified"), cause.toString());
        ctx.close();
    }
}
