package dev.lockstep.server.peer;

import dev.lockstep.kv.Bytes;
import dev.lockstep.kv.Command;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binary encoding of KV {@link Command}s for forwarded client requests (the protocol codec
 * encodes commands inside its own messages; this one belongs to the server's forwarding).
 * Decoding checks every tag and length and throws {@link CorruptedFrameException} on garbage.
 */
final class CommandWire {
    private static final int GET = 1;
    private static final int PUT = 2;
    private static final int DELETE = 3;
    private static final int CAS = 4;
    private static final int INCR = 5;
    private static final int TXN = 6;
    private static final int NOOP = 7;

    private CommandWire() {}

    static void write(ByteBuf out, Command command) {
        if (command instanceof Command.Get g) {
            out.writeByte(GET);
            writeBytes(out, g.key());
        } else if (command instanceof Command.Put p) {
            out.writeByte(PUT);
            writeBytes(out, p.key());
            writeBytes(out, p.value());
            out.writeByte(p.condition().ordinal());
        } else if (command instanceof Command.Delete d) {
            out.writeByte(DELETE);
            writeBytes(out, d.key());
        } else if (command instanceof Command.Cas c) {
            out.writeByte(CAS);
            writeBytes(out, c.key());
            writeOptional(out, c.expected());
            writeBytes(out, c.newValue());
        } else if (command instanceof Command.Incr i) {
            out.writeByte(INCR);
            writeBytes(out, i.key());
            out.writeLong(i.delta());
        } else if (command instanceof Command.Txn t) {
            writeTxn(out, t);
        } else if (command instanceof Command.Noop) {
            out.writeByte(NOOP);
        } else {
            throw new IllegalArgumentException("unknown command " + command);
        }
    }

    private static void writeTxn(ByteBuf out, Command.Txn t) {
        out.writeByte(TXN);
        out.writeInt(t.compares().size());
        for (Command.Compare c : t.compares()) {
            writeBytes(out, c.key());
            writeOptional(out, c.expected());
        }
        out.writeInt(t.ops().size());
        for (Command op : t.ops()) {
            write(out, op);
        }
    }

    static Command read(ByteBuf in) {
        int tag = in.readByte();
        return switch (tag) {
            case GET -> new Command.Get(readBytes(in));
            case PUT -> new Command.Put(readBytes(in), readBytes(in), condition(in.readByte()));
            case DELETE -> new Command.Delete(readBytes(in));
            case CAS -> new Command.Cas(readBytes(in), readOptional(in), readBytes(in));
            case INCR -> new Command.Incr(readBytes(in), in.readLong());
            case TXN -> readTxn(in);
            case NOOP -> Command.Noop.INSTANCE;
            default -> throw new CorruptedFrameException("unknown command tag " + tag);
        };
    }

    private static Command readTxn(ByteBuf in) {
        int compares = count(in);
        List<Command.Compare> cs = new ArrayList<>(compares);
        for (int i = 0; i < compares; i++) {
            cs.add(new Command.Compare(readBytes(in), readOptional(in)));
        }
        int ops = count(in);
        List<Command> os = new ArrayList<>(ops);
        for (int i = 0; i < ops; i++) {
            Command op = read(in);
            if (op instanceof Command.Txn || op instanceof Command.Noop) {
                throw new CorruptedFrameException("nested transaction or no-op inside a transaction");
            }
            os.add(op);
        }
        return new Command.Txn(cs, os);
    }

    private static Command.Condition condition(int ordinal) {
        Command.Condition[] all = Command.Condition.values();
        if (ordinal < 0 || ordinal >= all.length) {
            throw new CorruptedFrameException("unknown put condition " + ordinal);
        }
        return all[ordinal];
    }

    static void writeBytes(ByteBuf out, Bytes b) {
        out.writeInt(b.length());
        out.writeBytes(b.unsafeArray());
    }

    static Bytes readBytes(ByteBuf in) {
        byte[] data = new byte[count(in)];
        in.readBytes(data);
        return Bytes.wrap(data);
    }

    private static void writeOptional(ByteBuf out, Optional<Bytes> b) {
        out.writeBoolean(b.isPresent());
        b.ifPresent(v -> writeBytes(out, v));
    }

    private static Optional<Bytes> readOptional(ByteBuf in) {
        return in.readBoolean() ? Optional.of(readBytes(in)) : Optional.empty();
    }

    /** A length or count, rejected when negative or beyond the bytes left. */
    static int count(ByteBuf in) {
        int n = in.readInt();
        if (n < 0 || n > in.readableBytes()) {
            throw new CorruptedFrameException("corrupt length " + n + " with " + in.readableBytes() + " bytes left");
        }
        return n;
    }
}
