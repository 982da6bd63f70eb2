package dev.lockstep.server.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.common.LeaderTuning;
import dev.lockstep.common.LogStatus;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.ReplicaStatus;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.KvStateMachine;
import dev.lockstep.kv.RequestId;
import dev.lockstep.server.config.HostPort;
import dev.lockstep.server.config.ServerConfig;
import dev.lockstep.server.peer.PeerState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.redis.FixedRedisMessagePool;
import io.netty.handler.codec.redis.RedisDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The Redis pipeline on an embedded channel, against a router that applies commands to a real
 * {@link KvStateMachine} (or holds them, to complete out of order): replies, MULTI/EXEC,
 * pipelining order, limits, protocol errors, RESP3.
 */
class RespPipelineTest {
    private final KvStateMachine kv = new KvStateMachine();
    private final List<Command> submitted = new ArrayList<>();
    private final List<RequestId> ids = new ArrayList<>();
    private final List<Runnable> held = new ArrayList<>();
    private boolean hold;
    private final ClientStats stats = new ClientStats();
    private final AtomicLong clientIds = new AtomicLong(1000);
    private final EmbeddedChannel ch = channel(100, 1000, 10);

    private final RequestRouter router = (id, command, done) -> {
        submitted.add(command);
        ids.add(id);
        Runnable run = () -> done.accept(command.isReadOnly() ? kv.read(command) : kv.apply(id, command));
        if (hold) {
            held.add(run);
        } else {
            run.run();
        }
    };

    private EmbeddedChannel channel(int maxArg, int maxCommand, int maxClients) {
        ServerConfig.Limits limits = new ServerConfig.Limits(maxArg, maxCommand, maxClients, 1 << 20, 10);
        ClientContext ctx = new ClientContext((id, c, done) -> router.execute(id, c, done), view(), clientIds::getAndIncrement,
                limits, stats, CommandObserver.NONE);
        return new EmbeddedChannel(new RedisDecoder(64 * 1024, FixedRedisMessagePool.INSTANCE, true),
                new CommandAssembler(maxArg, maxCommand), new RespEncoder(), new ClientConnection(ctx));
    }

    private static ServerView view() {
        ServerConfig config = new ServerConfig(NodeId.of(1), "demo", "raft",
                Map.of(NodeId.of(1), new ServerConfig.Member(NodeId.of(1), new HostPort("127.0.0.1", 7101), 7001, 7201)),
                Path.of("d"), "127.0.0.1", 7001, 7201, 10, true, Optional.empty(), Optional.empty(),
                ServerConfig.Limits.defaults(), ServerConfig.Timeouts.defaults(), ServerConfig.Tuning.defaults(LeaderTuning.PARAMETERS));
        return new ServerView() {
            public ServerConfig config() {
                return config;
            }

            public ReplicaStatus status() {
                return LogStatus.of(NodeId.of(1), "Leader", new ReplicaStatus.Leadership(3, true, Optional.of(NodeId.of(1))),
                        9, 8, 10, new dev.lockstep.kv.KvStore());
            }

            public List<PeerState> peers() {
                return List.of(new PeerState(NodeId.of(2), "h:1", "connected", true, 5, 0, 1, null));
            }

            public long uptimeMillis() {
                return 5_000;
            }

            public long forwardedRequests() {
                return 0;
            }

            public boolean epoll() {
                return false;
            }
        };
    }

    private static String command(String... args) {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString();
    }

    /** Sends raw bytes and returns everything written back. */
    private String send(EmbeddedChannel channel, String raw) {
        channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.UTF_8));
        channel.runPendingTasks();
        return output(channel);
    }

    private static String output(EmbeddedChannel channel) {
        channel.runPendingTasks();
        StringBuilder sb = new StringBuilder();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            sb.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return sb.toString();
    }

    private String call(String... args) {
        return send(ch, command(args));
    }

    @Test
    void dataCommandsAnswerLikeRedis() {
        assertEquals("+OK\r\n", call("SET", "k", "v"));
        assertEquals("$1\r\nv\r\n", call("get", "k"));
        assertEquals("$-1\r\n", call("GET", "missing"));
        assertEquals("$-1\r\n", call("SET", "k", "x", "NX"));
        assertEquals("+OK\r\n", call("SET", "k", "w", "XX"));
        assertEquals("$-1\r\n", call("SET", "k", "z", "IFEQ", "nope"));
        assertEquals("+OK\r\n", call("SET", "k", "z", "IFEQ", "w"));
        assertEquals("$1\r\nz\r\n", call("GET", "k"));
        assertEquals(":1\r\n", call("INCR", "n"));
        assertEquals(":11\r\n", call("INCRBY", "n", "10"));
        assertEquals(":10\r\n", call("DECR", "n"));
        assertEquals(":5\r\n", call("DECRBY", "n", "5"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("INCR", "k"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("INCRBY", "n", "+1"));
        assertEquals("+OK\r\n", call("MSET", "a", "1", "b", "2"));
        assertEquals("*3\r\n$1\r\n1\r\n$-1\r\n$1\r\n2\r\n", call("MGET", "a", "nope", "b"));
        assertEquals(":3\r\n", call("EXISTS", "a", "b", "a", "nope"));
        assertEquals(":2\r\n", call("DEL", "a", "b", "nope"));
        assertEquals(":0\r\n", call("EXISTS", "a"));
    }

    @Test
    void multiKeyCommandsAreOneAtomicTransaction() {
        call("MSET", "a", "1", "b", "2");
        Command last = plain(submitted.get(submitted.size() - 1));
        assertTrue(last instanceof Command.Txn t && t.ops().size() == 2, "MSET submitted as one Txn: " + last);
        call("GET", "a");
        assertTrue(plain(submitted.get(submitted.size() - 1)) instanceof Command.Get, "a single op is submitted as itself");
    }

    @Test
    void everyRequestOfAConnectionHasTheSameClientAndAnIncreasingSeq() {
        call("SET", "a", "1");
        call("GET", "a");
        call("PING");
        call("INCR", "n");
        assertEquals(3, ids.size(), "PING is not submitted");
        assertEquals(ids.get(0).client(), ids.get(2).client());
        assertEquals(List.of(1L, 2L, 3L), ids.stream().map(RequestId::seq).toList());
        EmbeddedChannel other = channel(100, 1000, 10);
        send(other, command("GET", "a"));
        assertTrue(ids.get(3).client() != ids.get(0).client(), "each connection is its own session");
    }

    /** The command inside a write's acknowledgement. */
    private static Command plain(Command c) {
        Command inner = c instanceof Command.Acked a ? a.command() : c;
        return inner instanceof Command.Timed t ? t.command() : inner;
    }

    private long ackOf(int submission) {
        return ((Command.Acked) submitted.get(submission)).lowestUnanswered();
    }

    @Test
    void writesCarryTheLowestUnansweredSeqSoTheReplicasKeepOnlyResultsStillWanted() {
        hold = true;
        send(ch, command("SET", "a", "1") + command("SET", "b", "2") + command("INCR", "n"));
        assertEquals(List.of(1L, 1L, 1L), List.of(ackOf(0), ackOf(1), ackOf(2)), "seq 1 is unanswered throughout");
        held.get(1).run();
        send(ch, command("SET", "c", "3"));
        assertEquals(1, ackOf(3), "seq 2 was answered, seq 1 still is not");
        held.get(0).run();
        held.get(2).run();
        held.get(3).run();
        send(ch, command("GET", "a"));
        assertTrue(submitted.get(4) instanceof Command.Timed t && t.command() instanceof Command.Get,
                "reads carry no acknowledgement: " + submitted.get(4));
        held.get(4).run();
        send(ch, command("SET", "d", "4"));
        assertEquals(6, ackOf(5), "everything before seq 6 was answered");
        held.get(5).run();
        assertEquals(List.of(6L), kv.sessions().keptSeqs(ids.get(0).client()),
                "applying seq 6 (ack 6) dropped every answered result; seq 6's stays until a later ack");
        output(ch);
    }

    @Test
    void dataModelCommandsAndExpiryAnswerLikeRedis() {
        assertEquals("+OK\r\n", call("SET", "k", "v", "EX", "10"));
        assertEquals(":10\r\n", call("TTL", "k"));
        assertEquals(":2\r\n", call("HSET", "h", "a", "1", "b", "2"));
        assertEquals("*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n", call("HGETALL", "h"));
        assertEquals("+hash\r\n", call("TYPE", "h"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", call("GET", "h"));
        assertEquals("-ERR value is not an integer or out of range\r\n", call("INCR", "k"));
        assertTrue(submitted.get(0) instanceof dev.lockstep.kv.Command.Acked a
                && a.command() instanceof dev.lockstep.kv.Command.Timed, "writes carry the time they were stamped at");
        String info = call("INFO", "keyspace", "memory");
        assertTrue(info.contains("# Keyspace") && info.contains("used_memory:"), info);
    }

    @Test
    void respThreeClientsGetMapsSetsPairsAndDoubles() {
        call("HSET", "h", "f", "v");
        call("SADD", "s", "a");
        call("ZADD", "z", "1.5", "m", "2", "n");
        assertEquals("*4\r\n$1\r\nm\r\n$3\r\n1.5\r\n$1\r\nn\r\n$1\r\n2\r\n",
                call("ZRANGE", "z", "0", "-1", "WITHSCORES"), "RESP2: flat, scores as bulk strings");
        call("HELLO", "3");
        assertEquals("%1\r\n$1\r\nf\r\n$1\r\nv\r\n", call("HGETALL", "h"));
        assertEquals("~1\r\n$1\r\na\r\n", call("SMEMBERS", "s"));
        assertEquals("*2\r\n*2\r\n$1\r\nm\r\n,1.5\r\n*2\r\n$1\r\nn\r\n,2\r\n",
                call("ZRANGE", "z", "0", "-1", "WITHSCORES"));
        assertEquals(",1.5\r\n", call("ZSCORE", "z", "m"));
        assertEquals(",inf\r\n", call("ZINCRBY", "z", "inf", "n"));
    }

    @Test
    void execReturnsNullWhenAWatchedKeyWasWritten() {
        call("SET", "w", "1");
        assertEquals("+OK\r\n", call("WATCH", "w"));
        EmbeddedChannel other = channel(100, 1000, 10);
        assertEquals("+OK\r\n", send(other, command("SET", "w", "1")), "the same value, still a write");
        call("MULTI");
        call("SET", "w", "2");
        assertEquals("*-1\r\n", call("EXEC"));
        assertEquals("$1\r\n1\r\n", call("GET", "w"));
        call("WATCH", "w");
        call("MULTI");
        call("SET", "w", "3");
        assertEquals("*1\r\n+OK\r\n", call("EXEC"), "an untouched watched key lets EXEC run");
        call("WATCH", "w");
        send(other, command("SET", "w", "9"));
        assertEquals("+OK\r\n", call("UNWATCH"));
        call("MULTI");
        call("SET", "w", "4");
        assertEquals("*1\r\n+OK\r\n", call("EXEC"), "UNWATCH forgets the keys");
        call("MULTI");
        assertEquals("-ERR WATCH inside MULTI is not allowed\r\n", call("WATCH", "w"));
        call("DISCARD");
    }

    @Test
    void aPipelinedExecWaitsForTheWatchBeforeIt() {
        hold = true;
        String out = send(ch, command("WATCH", "p") + command("MULTI") + command("SET", "p", "1") + command("EXEC"));
        assertEquals("", out, "the WATCH's read is not answered yet, so nothing can be replied in order");
        assertEquals(1, held.size(), "EXEC was not submitted before the WATCH knew its versions");
        held.get(0).run();
        ch.runPendingTasks();
        assertEquals(2, held.size(), "now the transaction is submitted");
        held.get(1).run();
        assertEquals("+OK\r\n+OK\r\n+QUEUED\r\n*1\r\n+OK\r\n", output(ch));
    }

    @Test
    void errorsForUnknownCommandsArityAndSyntax() {
        assertEquals("-ERR unknown command 'FROBNICATE', with args beginning with: 'x'\r\n", call("FROBNICATE", "x"));
        assertTrue(call("SUBSCRIBE", "ch").startsWith("-ERR 'subscribe' is not supported by Lockstep: pub/sub"));
        assertTrue(call("EVAL", "return 1", "0").startsWith("-ERR 'eval' is not supported by Lockstep: scripting"));
        assertEquals("-ERR wrong number of arguments for 'hset' command\r\n", call("HSET", "h", "f"));
        assertEquals("-ERR DB index is out of range\r\n", call("SELECT", "1"));
        assertEquals("+OK\r\n", call("SELECT", "0"));
        assertEquals("-ERR wrong number of arguments for 'get' command\r\n", call("GET"));
        assertEquals("-ERR wrong number of arguments for 'mset' command\r\n", call("MSET", "a", "1", "b"));
        assertEquals("-ERR syntax error\r\n", call("SET", "k", "v", "NX", "XX"));
        assertEquals("-ERR syntax error\r\n", call("SET", "k", "v", "IFEQ"));
        assertEquals("+PONG\r\n", call("PING"), "the connection keeps working");
        assertTrue(submitted.isEmpty(), "nothing invalid reached the cluster");
    }

    @Test
    void multiExecQueuesAndRunsOneTransaction() {
        assertEquals("+OK\r\n", call("MULTI"));
        assertEquals("+QUEUED\r\n", call("SET", "a", "1"));
        assertEquals("+QUEUED\r\n", call("INCR", "n"));
        assertEquals("+QUEUED\r\n", call("MGET", "a", "n"));
        assertTrue(submitted.isEmpty(), "nothing runs before EXEC");
        assertEquals("*3\r\n+OK\r\n:1\r\n*2\r\n$1\r\n1\r\n$1\r\n1\r\n", call("EXEC"));
        assertEquals(1, submitted.size());
        Command.Txn txn = (Command.Txn) plain(submitted.get(0));
        assertEquals(4, txn.ops().size(), "SET + INCR + two GETs in one transaction");
        assertEquals("-ERR EXEC without MULTI\r\n", call("EXEC"));
        assertEquals("-ERR DISCARD without MULTI\r\n", call("DISCARD"));
    }

    @Test
    void discardAndErrorsInsideMulti() {
        call("MULTI");
        call("SET", "a", "1");
        assertEquals("+OK\r\n", call("DISCARD"));
        assertEquals("$-1\r\n", call("GET", "a"));
        call("MULTI");
        assertEquals("-ERR MULTI calls can not be nested\r\n", call("MULTI"));
        call("SET", "a", "1");
        call("GET");
        assertEquals("-EXECABORT Transaction discarded because of previous errors.\r\n", call("EXEC"));
        assertEquals("$-1\r\n", call("GET", "a"), "an aborted transaction changed nothing");
        call("MULTI");
        assertEquals("*0\r\n", call("EXEC"), "an empty transaction");
    }

    @Test
    void pipelinedRepliesKeepRequestOrderWhenCommandsFinishOutOfOrder() {
        hold = true;
        String out = send(ch, command("SET", "a", "1") + command("PING") + command("GET", "a") + command("ECHO", "hi"));
        assertEquals("", out, "PING is ready but must wait behind the SET");
        held.get(1).run();
        assertEquals("", output(ch), "GET finished before SET: still nothing");
        held.get(0).run();
        assertEquals("+OK\r\n+PONG\r\n$-1\r\n$2\r\nhi\r\n", output(ch));
    }

    @Test
    void closingAConnectionEndsItsSessionOnceNothingIsInFlight() {
        assertEquals("+OK\r\n", call("SET", "a", "1"));
        hold = true;
        send(ch, command("SET", "a", "2"));
        ch.close();
        ch.runPendingTasks();
        assertFalse(submitted.contains(Command.EndSession.INSTANCE), "a request in flight may still be retried");
        held.get(0).run();
        ch.runPendingTasks();
        assertEquals(Command.EndSession.INSTANCE, submitted.get(submitted.size() - 1));
        RequestId end = ids.get(ids.size() - 1);
        assertEquals(new RequestId(ids.get(0).client(), 3), end, "the session's next id");
        held.get(1).run();
        assertEquals(0, kv.sessions().liveSessions(), "the replicas keep nothing for the closed session");
        assertEquals(0, kv.sessions().keptResults());
        assertEquals(1, stats.sessionsEnded());

        EmbeddedChannel idle = channel(100, 1000, 10);
        send(idle, command("PING"));
        idle.close();
        idle.runPendingTasks();
        assertEquals(1, stats.sessionsEnded(), "a connection that submitted nothing has no session to end");
    }

    @Test
    void oversizedArgumentsAndCommandsGetAnErrorAndTheConnectionStaysInSync() {
        String big = "x".repeat(150);
        assertTrue(call("SET", "k", big).startsWith("-ERR argument of 150 bytes exceeds the limit of 100 bytes"));
        String many = "y".repeat(90);
        assertTrue(call("MSET", "a", many, "b", many, "c", many, "d", many, "e", many, "f", many, "g", many, "h", many,
                "i", many, "j", many, "k", many, "l", many).startsWith("-ERR command of over"));
        assertEquals("+OK\r\n", call("SET", "k", "small"));
        assertEquals("$5\r\nsmall\r\n", call("GET", "k"));
        // an oversized value split across many reads is skipped chunk by chunk
        String raw = command("SET", "k", big) + command("GET", "k");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length(); i += 7) {
            out.append(send(ch, raw.substring(i, Math.min(raw.length(), i + 7))));
        }
        assertTrue(out.toString().startsWith("-ERR argument of 150"), out.toString());
        assertTrue(out.toString().endsWith("$5\r\nsmall\r\n"), out.toString());
    }

    @Test
    void malformedRespGetsAnErrorAndClosesOnlyThisConnection() {
        String out = send(ch, "*1\r\n$4\r\nPING\r\n*x\r\n");
        assertTrue(out.startsWith("+PONG\r\n-ERR Protocol error"), out);
        assertFalse(ch.isActive(), "the connection is closed");
        EmbeddedChannel other = channel(100, 1000, 10);
        assertEquals("+PONG\r\n", send(other, command("PING")));
        assertEquals(1, stats.protocolErrors());
        EmbeddedChannel nested = channel(100, 1000, 10);
        assertTrue(send(nested, "*2\r\n*1\r\n").startsWith("-ERR Protocol error"));
        assertFalse(nested.isActive());
    }

    @Test
    void inlineCommandsWork() {
        assertEquals("+PONG\r\n", send(ch, "PING\r\n"));
        assertEquals("+OK\r\n", send(ch, "SET greeting hello\r\n"));
        assertEquals("$5\r\nhello\r\n", send(ch, "GET greeting\r\n"));
    }

    @Test
    void hello3SwitchesToResp3AndHelloRejectsOtherVersions() {
        assertEquals("-NOPROTO unsupported protocol version\r\n", call("HELLO", "4"));
        String hello = call("HELLO", "3");
        assertTrue(hello.startsWith("%7\r\n$6\r\nserver\r\n$8\r\nlockstep\r\n"), hello);
        assertEquals("_\r\n", call("GET", "missing"), "RESP3 null");
        assertTrue(call("HELLO", "2").startsWith("*14\r\n"), "RESP2 maps are flat arrays");
        assertEquals("$-1\r\n", call("GET", "missing"));
    }

    @Test
    void infoShowsReplicationAndStats() {
        String info = call("INFO", "replication");
        assertTrue(info.contains("role:leader\r\n"), info);
        assertTrue(info.contains("term:3\r\n"), info);
        assertTrue(info.contains("commit_index:9\r\napplied_index:8\r\n"), info);
        assertTrue(info.contains("leader:n1\r\n"), info);
        assertTrue(info.contains("peers:n2=connected\r\n"), info);
        assertFalse(info.contains("# Server"));
        String all = call("INFO");
        assertTrue(all.contains("# Server") && all.contains("# Replication") && all.contains("# Stats"), all);
    }

    @Test
    void smallConnectionCommands() {
        assertEquals("$2\r\nhi\r\n", call("PING", "hi"));
        assertEquals("$3\r\nabc\r\n", call("ECHO", "abc"));
        assertEquals("+OK\r\n", call("CLIENT", "SETNAME", "me"));
        assertEquals("$2\r\nme\r\n", call("CLIENT", "GETNAME"));
        assertEquals("+OK\r\n", call("CLIENT", "SETINFO", "LIB-NAME", "jedis"));
        assertTrue(call("CLIENT", "KILL").startsWith("-ERR unknown subcommand 'KILL'"));
        int count = Integer.parseInt(call("COMMAND", "COUNT").substring(1).trim());
        assertTrue(count > 100, "every data-model command is listed: " + count);
        assertTrue(call("COMMAND").startsWith("*" + count + "\r\n"));
        assertTrue(call("COMMAND", "INFO", "hset").contains("hset"));
        assertEquals("*0\r\n", call("COMMAND", "DOCS"));
        assertEquals("+OK\r\n", call("QUIT"));
        assertFalse(ch.isActive());
    }

    @Test
    void connectionsBeyondTheLimitAreTurnedAway() {
        List<EmbeddedChannel> channels = new ArrayList<>();
        for (int i = 1; i < 10; i++) { // the test's own channel is the first
            channels.add(channel(100, 1000, 10));
        }
        EmbeddedChannel extra = channel(100, 1000, 10);
        assertEquals("-ERR max number of clients reached\r\n", output(extra));
        assertFalse(extra.isActive());
        assertEquals(1, stats.rejected());
        channels.get(0).close();
        assertEquals("+PONG\r\n", send(channel(100, 1000, 10), command("PING")));
    }
}
