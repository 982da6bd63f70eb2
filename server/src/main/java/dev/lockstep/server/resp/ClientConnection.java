package dev.lockstep.server.resp;

import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Redis client connection, which is one client session: a session id unique to this
 * connection and an increasing sequence number per data command (the {@link RequestId} that
 * makes retries safe). Handles MULTI/EXEC/DISCARD (queued commands run as one atomic
 * transaction), connection commands, and keeps pipelined replies in order ({@link ReplyQueue}).
 * When the connection closes and none of its requests is still in flight, it ends the session
 * ({@link Command.EndSession}): the replicas drop the results they kept for its retries.
 * Confined to the connection's event loop.
 */
final class ClientConnection extends SimpleChannelInboundHandler<ClientInput> {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    private final ClientContext shared;
    private final long clientId;
    private long nextSeq = 1;
    private int protocol = 2;
    private String name;
    private ReplyQueue replies;
    private ChannelHandlerContext ctx;
    /** Commands queued since MULTI, or null outside a transaction. */
    private List<KvCommand> multi;
    private final Watches watches = new Watches();
    private boolean multiFailed;
    private long multiBytes;
    private boolean counted;
    /** Set after a protocol error: whatever else arrives before the close is ignored. */
    private boolean broken;
    /**
     * Sequence numbers of the requests submitted and not yet answered. Each write carries the
     * lowest of them ({@link Command.Acked}), so the replicas forget the results of the rest.
     */
    private final TreeSet<Long> unanswered = new TreeSet<>();
    /** The connection closed; the session ends once nothing is in flight. */
    private boolean closed;

    ClientConnection(ClientContext shared) {
        this.shared = shared;
        this.clientId = shared.clientIds().getAsLong();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.replies = new ReplyQueue(ctx);
        shared.stats().accepted.increment();
        if (shared.stats().connected.incrementAndGet() > shared.limits().maxClients()) {
            shared.stats().connected.decrementAndGet();
            shared.stats().rejected.increment();
            ctx.writeAndFlush(new RespEncoder.Outbound(new RespReply.Err("ERR max number of clients reached"), 2))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        counted = true;
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (counted) {
            shared.stats().connected.decrementAndGet();
            counted = false;
        }
        closed = true;
        endSessionWhenIdle();
        ctx.fireChannelInactive();
    }

    /**
     * Ends the session once the connection is closed and nothing is in flight (a request still
     * in flight may be retried under its id, which an ended session would refuse). Sessions
     * that never submitted a request have nothing to end. The outcome is not awaited: if it is
     * lost (no leader just now), the session ages out of the table like any idle one.
     */
    private void endSessionWhenIdle() {
        if (closed && unanswered.isEmpty() && nextSeq > 1) {
            RequestId id = new RequestId(clientId, nextSeq++);
            shared.router().execute(id, Command.EndSession.INSTANCE, result -> { });
            shared.stats().sessionsEnded.increment();
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientInput input) {
        if (broken) {
            return;
        }
        long start = System.nanoTime();
        ReplyQueue.Slot slot = replies.open(protocol);
        if (input instanceof ClientInput.TooLarge big) {
            failInMulti();
            answer(slot, "toolarge", start, new RespReply.Err(big.message()));
            return;
        }
        CommandParser.Parsed parsed = CommandParser.parse(((ClientInput.Args) input).args());
        if (parsed instanceof CommandParser.Parsed.Invalid bad) {
            failInMulti();
            answer(slot, "invalid", start, bad.error());
        } else if (parsed instanceof CommandParser.Parsed.Data data) {
            if (multi != null) {
                queue(slot, data.command(), start);
            } else {
                run(slot, data.command(), start);
            }
        } else {
            control(slot, (CommandParser.Parsed.Control) parsed, start);
        }
    }

    private void run(ReplyQueue.Slot slot, KvCommand command, long start) {
        RequestId id = new RequestId(clientId, nextSeq++);
        submit(id, command.submission(), result -> answer(slot, command.name(), start, command.reply(result)));
    }

    /** Routes a command; {@code onResult} runs back on this connection's event loop. */
    private void submit(RequestId id, Command command, java.util.function.Consumer<Result> onResult) {
        unanswered.add(id.seq());
        // The time every expiry decision of the command is made from (a leader that is
        // forwarded the request stamps it again: ForwardedRequest).
        Command stamped = new Command.Timed(System.currentTimeMillis(), command);
        Command sent = command.isReadOnly() ? stamped : new Command.Acked(unanswered.first(), stamped);
        shared.router().execute(id, sent, result -> {
            if (ctx.executor().inEventLoop()) {
                answered(id, result, onResult);
            } else {
                ctx.executor().execute(() -> answered(id, result, onResult));
            }
        });
    }

    private void answered(RequestId id, Result result, java.util.function.Consumer<Result> onResult) {
        unanswered.remove(id.seq());
        onResult.accept(result);
        endSessionWhenIdle();
    }

    private void answer(ReplyQueue.Slot slot, String command, long start, RespReply reply) {
        boolean error = reply instanceof RespReply.Err;
        shared.stats().commands.increment();
        if (error) {
            shared.stats().errors.increment();
        }
        shared.observer().onCommand(command, System.nanoTime() - start, error);
        replies.complete(slot, reply);
    }

    private void queue(ReplyQueue.Slot slot, KvCommand command, long start) {
        multiBytes += command.bytes();
        if (multiBytes > shared.limits().maxRequestBytes()) {
            multiFailed = true;
            answer(slot, command.name(), start, new RespReply.Err("ERR transaction exceeds the limit of "
                    + shared.limits().maxRequestBytes() + " bytes"));
            return;
        }
        multi.add(command);
        answer(slot, command.name(), start, RespReply.QUEUED);
    }

    private void failInMulti() {
        if (multi != null) {
            multiFailed = true;
        }
    }

    private void control(ReplyQueue.Slot slot, CommandParser.Parsed.Control c, long start) {
        String cmd = c.name();
        if (multi != null && cmd.equals("watch")) {
            multiFailed = true;
            answer(slot, cmd, start, new RespReply.Err("ERR WATCH inside MULTI is not allowed"));
            return;
        }
        if (multi != null && !cmd.equals("exec") && !cmd.equals("discard") && !cmd.equals("multi")) {
            multiFailed = true;
            answer(slot, cmd, start, new RespReply.Err("ERR Command not allowed inside a transaction"));
            return;
        }
        switch (cmd) {
            case "multi" -> answer(slot, cmd, start, beginMulti());
            case "exec" -> exec(slot, start);
            case "discard" -> answer(slot, cmd, start, discard());
            case "watch" -> watch(slot, c.args(), start);
            case "unwatch" -> {
                watches.clear();
                answer(slot, cmd, start, RespReply.OK);
            }
            case "select" -> answer(slot, cmd, start, ControlCommands.select(c.args()));
            case "ping" -> answer(slot, cmd, start, ControlCommands.ping(c.args()));
            case "echo" -> answer(slot, cmd, start, new RespReply.Bulk(c.args().get(1)));
            case "info" -> answer(slot, cmd, start, ControlCommands.info(shared.view(), shared.stats(), c.args()));
            case "command" -> answer(slot, cmd, start, ControlCommands.command(c.args()));
            case "hello" -> {
                RespReply reply = hello(c.args());
                slot.protocol = protocol; // HELLO answers in the version it switched to
                answer(slot, cmd, start, reply);
            }
            case "client" -> answer(slot, cmd, start, client(c.args()));
            case "quit" -> replies.completeThenClose(slot, RespReply.OK);
            default -> throw new IllegalStateException("unhandled control command " + cmd);
        }
    }

    private RespReply beginMulti() {
        if (multi != null) {
            return new RespReply.Err("ERR MULTI calls can not be nested");
        }
        multi = new ArrayList<>();
        multiFailed = false;
        multiBytes = 0;
        return RespReply.OK;
    }

    private RespReply discard() {
        if (multi == null) {
            return new RespReply.Err("ERR DISCARD without MULTI");
        }
        multi = null;
        watches.clear();
        return RespReply.OK;
    }

    /** WATCH key...: reads the keys' versions; EXEC waits for every pending WATCH. */
    private void watch(ReplyQueue.Slot slot, List<byte[]> args, long start) {
        Command.Versions read = watches.read(args);
        RequestId id = new RequestId(clientId, nextSeq++);
        submit(id, read, result -> answer(slot, "watch", start, watches.learned(read, result)));
    }

    /** EXEC: every queued command as ONE atomic transaction, one reply per command. */
    private void exec(ReplyQueue.Slot slot, long start) {
        if (multi == null) {
            answer(slot, "exec", start, new RespReply.Err("ERR EXEC without MULTI"));
            return;
        }
        List<KvCommand> queued = multi;
        boolean failed = multiFailed;
        multi = null;
        if (failed) {
            watches.clear();
            answer(slot, "exec", start, new RespReply.Err("EXECABORT Transaction discarded because of previous errors."));
            return;
        }
        watches.afterPending(() -> submitExec(slot, start, queued));
    }

    private void submitExec(ReplyQueue.Slot slot, long start, List<KvCommand> queued) {
        boolean watchFailed = watches.failed();
        List<Command.Watch> guards = watches.guards();
        watches.clear();
        if (watchFailed) {
            answer(slot, "exec", start, RespReply.NULL_ARRAY);
            return;
        }
        if (queued.isEmpty() && guards.isEmpty()) {
            answer(slot, "exec", start, new RespReply.Arr(List.of()));
            return;
        }
        List<Command> ops = new ArrayList<>();
        queued.forEach(k -> ops.addAll(k.ops()));
        RequestId id = new RequestId(clientId, nextSeq++);
        submit(id, new Command.Txn(List.of(), guards, ops),
                result -> answer(slot, "exec", start, execReply(queued, ops.size(), result)));
    }

    private static RespReply execReply(List<KvCommand> queued, int opCount, Result result) {
        if (!(result instanceof Result.Multi m) || m.results().size() != opCount) {
            return Replies.generic(result);
        }
        List<RespReply> out = new ArrayList<>(queued.size());
        int at = 0;
        for (KvCommand k : queued) {
            out.add(k.shape().apply(m.results().subList(at, at + k.ops().size())));
            at += k.ops().size();
        }
        return new RespReply.Arr(out);
    }

    /** HELLO [protover [AUTH user pass] [SETNAME name]]. */
    private RespReply hello(List<byte[]> args) {
        int version = protocol;
        int i = 1;
        if (args.size() > 1) {
            String v = ControlCommands.text(args.get(1));
            if (!v.equals("2") && !v.equals("3")) {
                return new RespReply.Err("NOPROTO unsupported protocol version");
            }
            version = Integer.parseInt(v);
            i = 2;
        }
        String newName = name;
        for (; i < args.size(); i++) {
            String option = ControlCommands.upper(args.get(i));
            if (option.equals("SETNAME") && i + 1 < args.size()) {
                newName = ControlCommands.text(args.get(++i));
            } else if (option.equals("AUTH")) {
                return new RespReply.Err("ERR AUTH is not supported: Lockstep has no authentication");
            } else {
                return new RespReply.Err("ERR syntax error in HELLO option '" + option + "'");
            }
        }
        protocol = version;
        name = newName;
        return ControlCommands.helloMap(shared.view(), clientId, version);
    }

    /** CLIENT SETNAME | GETNAME | ID | SETINFO. */
    private RespReply client(List<byte[]> args) {
        String sub = ControlCommands.upper(args.get(1));
        return switch (sub) {
            case "SETNAME" -> {
                if (args.size() != 3) {
                    yield new RespReply.Err("ERR wrong number of arguments for 'client|setname' command");
                }
                name = ControlCommands.text(args.get(2));
                yield RespReply.OK;
            }
            case "GETNAME" -> name == null ? RespReply.NULL : RespReply.bulk(name);
            case "ID" -> new RespReply.Int(clientId);
            case "SETINFO" -> RespReply.OK;
            default -> new RespReply.Err("ERR unknown subcommand '" + sub + "'. Lockstep supports CLIENT SETNAME, "
                    + "GETNAME, ID and SETINFO.");
        };
    }

    /** Malformed RESP: say so, then close this connection only. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            if (broken) {
                return;
            }
            broken = true;
            ctx.channel().config().setAutoRead(false);
            shared.stats().protocolErrors.increment();
            LOG.debug("closing client {} after a protocol error: {}", ctx.channel().remoteAddress(), cause.getMessage());
            String why = cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage();
            ctx.writeAndFlush(new RespEncoder.Outbound(new RespReply.Err("ERR Protocol error: " + why), protocol))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            LOG.debug("client {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
