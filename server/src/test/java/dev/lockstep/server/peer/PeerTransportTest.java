package dev.lockstep.server.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.common.LeaderTuning;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.CodecException;
import dev.lockstep.base.NodeId;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Message;
import dev.lockstep.core.ProtocolCodec;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import dev.lockstep.server.config.HostPort;
import dev.lockstep.server.config.ServerConfig;
import dev.lockstep.server.net.Network;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two or three transports on loopback: handshake, delivery, forwarding, strangers refused, loss instead of blocking. */
@Timeout(30)
class PeerTransportTest {
    private final List<AutoCloseable> open = new ArrayList<>();

    /** A message that is just a number. */
    record Num(long term) implements Message {}

    static final class NumCodec implements ProtocolCodec {
        @Override
        public byte[] encodeMessage(Message message) {
            return ByteBuffer.allocate(8).putLong(message.term()).array();
        }

        @Override
        public Message decodeMessage(byte[] bytes) throws CodecException {
            if (bytes.length != 8) {
                throw new CodecException("expected 8 bytes");
            }
            return new Num(ByteBuffer.wrap(bytes).getLong());
        }

        @Override
        public byte[] encodeRecord(DurableRecord record) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DurableRecord decodeRecord(byte[] bytes) {
            throw new UnsupportedOperationException();
        }
    }

    /** Collects what arrives; forwarded requests are answered with Int(seq). */
    static final class Inbox implements PeerTransport.Listener {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @Override
        public void onMessage(NodeId from, Message message) {
            received.add(from + ":" + message.term());
        }

        @Override
        public void onForward(NodeId from, RequestId id, Command command, Consumer<Result> respond) {
            respond.accept(new Result.Int(id.seq()));
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Map<NodeId, ServerConfig.Member> members(int... peerPorts) {
        Map<NodeId, ServerConfig.Member> m = new TreeMap<>();
        for (int i = 0; i < peerPorts.length; i++) {
            m.put(NodeId.of(i + 1), new ServerConfig.Member(NodeId.of(i + 1), new HostPort("127.0.0.1", peerPorts[i]),
                    1, 2));
        }
        return m;
    }

    private PeerTransport start(int self, String cluster, Map<NodeId, ServerConfig.Member> members, Inbox inbox,
            int queue) throws Exception {
        ServerConfig config = new ServerConfig(NodeId.of(self), cluster, "nums", members, Path.of("unused"),
                "127.0.0.1", 1, 2, 10, false, Optional.empty(), Optional.empty(),
                new ServerConfig.Limits(1024, 4096, 10, 1 << 20, queue), ServerConfig.Timeouts.defaults(),
                ServerConfig.Tuning.defaults(LeaderTuning.PARAMETERS));
        Network network = new Network("test-" + cluster + "-" + self, 1);
        open.add(network);
        PeerTransport t = new PeerTransport(config, new NumCodec(), network, inbox);
        open.add(t);
        t.start();
        return t;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void membersHandshakeExchangeMessagesAndForwardRequests() throws Exception {
        Map<NodeId, ServerConfig.Member> members = members(freePort(), freePort());
        Inbox in1 = new Inbox();
        Inbox in2 = new Inbox();
        PeerTransport t1 = start(1, "demo", members, in1, 100);
        PeerTransport t2 = start(2, "demo", members, in2, 100);
        await("both links up", () -> t1.connectedPeers() == 1 && t2.connectedPeers() == 1);
        await("inbound seen", () -> t1.peers().get(0).inbound() && t2.peers().get(0).inbound());

        t1.send(NodeId.of(2), new NumCodec().encodeMessage(new Num(41)));
        t2.send(NodeId.of(1), new NumCodec().encodeMessage(new Num(42)));
        assertEquals("n1:41", in2.received.poll(5, TimeUnit.SECONDS));
        assertEquals("n2:42", in1.received.poll(5, TimeUnit.SECONDS));

        CompletableFuture<Forwarder.Outcome> outcome = new CompletableFuture<>();
        t1.forward(NodeId.of(2), new RequestId(9, 77), new Command.Get(Bytes.utf8("k")), 5_000, outcome::complete);
        Forwarder.Outcome.Answered answered = assertInstanceOf(Forwarder.Outcome.Answered.class,
                outcome.get(5, TimeUnit.SECONDS));
        assertEquals(new Result.Int(77), answered.result());
        assertEquals(1, t1.forwardedRequests());
    }

    @Test
    void sentBytesCountEveryFrameWrittenToAPeer() throws Exception {
        Map<NodeId, ServerConfig.Member> members = members(freePort(), freePort());
        Inbox in2 = new Inbox();
        PeerTransport t1 = start(1, "demo", members, new Inbox(), 100);
        PeerTransport t2 = start(2, "demo", members, in2, 100);
        await("both links up", () -> t1.connectedPeers() == 1 && t2.connectedPeers() == 1);
        await("inbound seen", () -> t1.peers().get(0).inbound() && t2.peers().get(0).inbound());
        assertTrue(t1.sentBytes() > 0 && t2.sentBytes() > 0, "the handshakes count");
        long before = t1.sentBytes();
        byte[] payload = new NumCodec().encodeMessage(new Num(7));
        t1.send(NodeId.of(2), payload);
        assertEquals("n1:7", in2.received.poll(5, TimeUnit.SECONDS));
        io.netty.channel.embedded.EmbeddedChannel encoder = new io.netty.channel.embedded.EmbeddedChannel(
                new FrameEncoder());
        encoder.writeOutbound(new Frame.ProtocolMessage(payload));
        io.netty.buffer.ByteBuf frame = encoder.readOutbound();
        assertEquals(before + frame.readableBytes(), t1.sentBytes(), "one frame: its length, checksum and body");
        frame.release();
    }

    @Test
    void aStrangerFromAnotherClusterIsRefusedWithAReason() throws Exception {
        Map<NodeId, ServerConfig.Member> members = members(freePort(), freePort());
        Inbox mine = new Inbox();
        PeerTransport good = start(1, "demo", members, mine, 100);
        PeerTransport stranger = start(2, "other", members, new Inbox(), 100);
        await("the refusal to be recorded", () -> stranger.peers().get(0).lastError() != null
                && stranger.peers().get(0).lastError().startsWith("refused: cluster id 'other' does not match ours 'demo'"));
        Thread.sleep(300);
        assertEquals(0, stranger.connectedPeers());
        assertTrue(!good.peers().get(0).inbound(), "the stranger never counts as a connected peer");
        stranger.send(NodeId.of(1), new NumCodec().encodeMessage(new Num(1)));
        assertEquals(null, mine.received.poll(300, TimeUnit.MILLISECONDS), "nothing from a stranger is delivered");
    }

    @Test
    void anUnreachablePeerMeansDroppedMessagesAndNotSentForwardsNeverBlocking() throws Exception {
        Map<NodeId, ServerConfig.Member> members = members(freePort(), freePort());
        PeerTransport alone = start(1, "demo", members, new Inbox(), 10);
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            alone.send(NodeId.of(2), new NumCodec().encodeMessage(new Num(i)));
        }
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 10_000, "sending never blocks");
        assertEquals(10_000, alone.peers().get(0).dropped());
        CompletableFuture<Forwarder.Outcome> outcome = new CompletableFuture<>();
        alone.forward(NodeId.of(2), new RequestId(1, 1), new Command.Get(Bytes.utf8("k")), 1_000, outcome::complete);
        assertInstanceOf(Forwarder.Outcome.NotSent.class, outcome.get(5, TimeUnit.SECONDS));
        await("a backoff state with the reason", () -> alone.peers().get(0).lastError() != null
                && alone.peers().get(0).lastError().contains("connect to 127.0.0.1:"));
    }

    @Test
    void aPeerThatComesUpLaterIsReachedByReconnecting() throws Exception {
        Map<NodeId, ServerConfig.Member> members = members(freePort(), freePort());
        Inbox in2 = new Inbox();
        PeerTransport t1 = start(1, "demo", members, new Inbox(), 100);
        Thread.sleep(500); // several failed attempts with growing backoff
        start(2, "demo", members, in2, 100);
        await("reconnect", () -> t1.connectedPeers() == 1);
        t1.send(NodeId.of(2), new NumCodec().encodeMessage(new Num(5)));
        assertEquals("n1:5", in2.received.poll(5, TimeUnit.SECONDS));
    }

    /**
     * A restarted replica must hear from its peers well within an election timeout: once it
     * dials us we dial it back at once instead of waiting out a backoff of up to two seconds.
     */
    @Test
    void aPeerThatDialsUsIsDialedBackAtOnceNotAtTheEndOfOurBackoff() throws Exception {
        Map<NodeId, ServerConfig.Member> members = members(freePort(), freePort());
        PeerTransport t1 = start(1, "demo", members, new Inbox(), 100);
        NodeId n2 = NodeId.of(2);
        await("n1's backoff towards the absent n2 to grow", () -> t1.redialInMs(n2) >= 700);
        long due = t1.redialInMs(n2);
        long started = System.nanoTime();
        start(2, "demo", members, new Inbox(), 100);
        await("n1 to connect to n2", () -> t1.connectedPeers() == 1);
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertTrue(ms < due, "n1 connected after " + ms + " ms, not before its redial due in " + due + " ms");
        assertEquals(-1, t1.redialInMs(n2), "no redial left waiting");
    }

    @Test
    void anUnknownReplicaIdIsRefused() throws Exception {
        int p1 = freePort();
        int p2 = freePort();
        Map<NodeId, ServerConfig.Member> mine = members(p1);
        Map<NodeId, ServerConfig.Member> theirs = new TreeMap<>(members(p1, p2));
        PeerTransport t1 = start(1, "demo", mine, new Inbox(), 100);
        PeerTransport t2 = start(2, "demo", theirs, new Inbox(), 100);
        await("refusal", () -> t2.peers().get(0).lastError() != null
                && t2.peers().get(0).lastError().contains("n2 is not a member of cluster 'demo'"));
        assertEquals(0, t1.peers().size());
    }
}
