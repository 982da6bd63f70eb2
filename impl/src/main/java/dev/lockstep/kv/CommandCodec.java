package dev.lockstep.kv;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.CodecException;
import dev.lockstep.base.Wire;
import dev.lockstep.kv.Command.Acked;
import dev.lockstep.kv.Command.Cas;
import dev.lockstep.kv.Command.Compare;
import dev.lockstep.kv.Command.Condition;
import dev.lockstep.kv.Command.Delete;
import dev.lockstep.kv.Command.EndSession;
import dev.lockstep.kv.Command.ExpireSessions;
import dev.lockstep.kv.Command.Get;
import dev.lockstep.kv.Command.Incr;
import dev.lockstep.kv.Command.Noop;
import dev.lockstep.kv.Command.Put;
import dev.lockstep.kv.Command.Txn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binary encoding of KV {@link Command}s: one tag byte, then the fields. Used in protocols' log
 * entries and by the server to forward requests. Decoding validates every tag and length and
 * reports garbage as {@link CodecException}; a transaction never nests, whatever the input.
 */
public final class CommandCodec {
    private static final int GET = 1;
    private static final int PUT = 2;
    private static final int DELETE = 3;
    private static final int CAS = 4;
    private static final int INCR = 5;
    private static final int TXN = 6;
    private static final int NOOP = 7;
    private static final int END_SESSION = 8;
    private static final int ACKED = 9;
    private static final int EXPIRE_SESSIONS = 10;
    private static final int REDIS = 11;
    private static final int TIMED = 12;
    private static final int WATCHED_TXN = 13;
    private static final int VERSIONS = 14;
    private static final int EXPIRE_KEYS = 15;
    private static final int EXPIRED_KEYS = 16;
    private static final Condition[] CONDITIONS = Condition.values();

    private CommandCodec() {}

    /** The command's encoding as a byte array. */
    public static byte[] encode(Command c) {
        Wire.Writer w = new Wire.Writer(sizeHint(c));
        write(w, c);
        return w.toByteArray();
    }

    /** Decodes exactly one command filling {@code bytes}. */
    public static Command decode(byte[] bytes) throws CodecException {
        Wire.Reader r = new Wire.Reader(bytes);
        Command c = read(r);
        r.expectEnd();
        return c;
    }

    /**
     * An upper estimate of {@code c}'s encoded size, so that writers of log entries can size
     * their buffer once instead of growing it (growth was 41 % of a leader's allocated bytes,
     * docs/benchmarks.md).
     */
    public static int sizeHint(Command c) {
        if (c instanceof Put p) {
            return 24 + p.key().length() + p.value().length();
        } else if (c instanceof Cas cas) {
            return 32 + cas.key().length() + cas.expected().map(Bytes::length).orElse(0) + cas.newValue().length();
        } else if (c instanceof Txn t) {
            int size = 16;
            for (Compare cmp : t.compares()) {
                size += 16 + cmp.key().length() + cmp.expected().map(Bytes::length).orElse(0);
            }
            for (Command.Watch watch : t.watches()) {
                size += 16 + watch.key().length();
            }
            for (Command op : t.ops()) {
                size += sizeHint(op);
            }
            return size;
        } else if (c instanceof Get g) {
            return 16 + g.key().length();
        } else if (c instanceof Delete d) {
            return 16 + d.key().length();
        } else if (c instanceof Incr i) {
            return 24 + i.key().length();
        } else if (c instanceof Acked a) {
            return 12 + sizeHint(a.command());
        } else if (c instanceof Command.Timed t) {
            return 12 + sizeHint(t.command());
        } else if (c instanceof Command.Redis r) {
            return 8 + keysSize(r.argv());
        } else if (c instanceof Command.Versions v) {
            return 8 + keysSize(v.keys());
        } else if (c instanceof Command.ExpireKeys x) {
            return 8 + keysSize(x.keys());
        }
        return 8;
    }

    public static void write(Wire.Writer w, Command c) {
        switch (c) {
            case Get g -> {
                w.u8(GET);
                w.bytes(g.key());
            }
            case Put p -> {
                w.u8(PUT);
                w.bytes(p.key());
                w.bytes(p.value());
                w.u8(p.condition().ordinal());
            }
            case Delete d -> {
                w.u8(DELETE);
                w.bytes(d.key());
            }
            case Cas cas -> {
                w.u8(CAS);
                w.bytes(cas.key());
                writeOptional(w, cas.expected());
                w.bytes(cas.newValue());
            }
            case Incr i -> {
                w.u8(INCR);
                w.bytes(i.key());
                w.svar(i.delta());
            }
            case Txn t -> writeTxn(w, t);
            case Noop n -> w.u8(NOOP);
            case EndSession e -> w.u8(END_SESSION);
            case Acked a -> {
                w.u8(ACKED);
                w.uvar(a.lowestUnanswered());
                write(w, a.command());
            }
            case ExpireSessions x -> {
                w.u8(EXPIRE_SESSIONS);
                w.uvar(x.keep());
            }
            case Command.Timed t -> {
                w.u8(TIMED);
                w.svar(t.nowMillis());
                write(w, t.command());
            }
            case Command.Redis r -> writeKeys(w, REDIS, r.argv());
            case Command.Versions v -> writeKeys(w, VERSIONS, v.keys());
            case Command.ExpireKeys x -> writeKeys(w, EXPIRE_KEYS, x.keys());
            case Command.ExpiredKeys x -> {
                w.u8(EXPIRED_KEYS);
                w.uvar(x.cursor());
                w.uvar(x.count());
            }
        }
    }

    private static int keysSize(List<Bytes> list) {
        int size = 0;
        for (Bytes b : list) {
            size += 5 + b.length();
        }
        return size;
    }

    private static void writeKeys(Wire.Writer w, int tag, List<Bytes> list) {
        w.u8(tag);
        w.uvar(list.size());
        for (Bytes b : list) {
            w.bytes(b);
        }
    }

    private static List<Bytes> readKeys(Wire.Reader r) throws CodecException {
        int n = r.count();
        List<Bytes> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(r.bytes());
        }
        return list;
    }

    private static void writeTxn(Wire.Writer w, Txn t) {
        w.u8(t.watches().isEmpty() ? TXN : WATCHED_TXN);
        w.uvar(t.compares().size());
        for (Compare cmp : t.compares()) {
            w.bytes(cmp.key());
            writeOptional(w, cmp.expected());
        }
        if (!t.watches().isEmpty()) {
            w.uvar(t.watches().size());
            for (Command.Watch watch : t.watches()) {
                w.bytes(watch.key());
                w.svar(watch.version());
            }
        }
        w.uvar(t.ops().size());
        for (Command op : t.ops()) {
            write(w, op);
        }
    }

    public static Command read(Wire.Reader r) throws CodecException {
        int tag = r.u8();
        if (tag == TXN || tag == WATCHED_TXN) {
            return readTxn(r, tag == WATCHED_TXN);
        }
        if (tag == TIMED) {
            return readTimed(r);
        }
        if (tag == EXPIRE_KEYS) {
            return new Command.ExpireKeys(readKeys(r));
        }
        if (tag == NOOP) {
            return Noop.INSTANCE;
        }
        if (tag == END_SESSION) {
            return EndSession.INSTANCE;
        }
        if (tag == ACKED) {
            return readAcked(r);
        }
        if (tag == EXPIRE_SESSIONS) {
            long keep = r.uvar();
            if (keep > Integer.MAX_VALUE) {
                throw new CodecException("session count " + keep + " out of range");
            }
            return new ExpireSessions((int) keep);
        }
        return readPlain(tag, r);
    }

    /** An acknowledgement around a plain command or a transaction (one level, whatever the input). */
    private static Command readAcked(Wire.Reader r) throws CodecException {
        long lowest = r.uvar();
        int tag = r.u8();
        Command inner = tag == TIMED ? readTimed(r) : readClientCommand(tag, r);
        return new Acked(lowest, inner);
    }

    /** A time stamp around a plain command, a transaction or a sweep (one level, whatever the input). */
    private static Command readTimed(Wire.Reader r) throws CodecException {
        long now = r.svar();
        int tag = r.u8();
        Command inner = tag == EXPIRE_KEYS ? new Command.ExpireKeys(readKeys(r))
                : tag == EXPIRED_KEYS ? readExpiredKeys(r) : readClientCommand(tag, r);
        return new Command.Timed(now, inner);
    }

    private static Command readExpiredKeys(Wire.Reader r) throws CodecException {
        long cursor = r.uvar();
        long count = r.uvar();
        if (count < 1 || count > Integer.MAX_VALUE) {
            throw new CodecException("sweep count " + count + " out of range");
        }
        return new Command.ExpiredKeys(cursor, (int) count);
    }

    private static Command readClientCommand(int tag, Wire.Reader r) throws CodecException {
        return tag == TXN || tag == WATCHED_TXN ? readTxn(r, tag == WATCHED_TXN) : readPlain(tag, r);
    }

    /** A command that may appear inside a transaction (never recurses, whatever the input). */
    private static Command readPlain(int tag, Wire.Reader r) throws CodecException {
        switch (tag) {
            case GET:
                return new Get(r.bytes());
            case PUT:
                return new Put(r.bytes(), r.bytes(), condition(r.u8()));
            case DELETE:
                return new Delete(r.bytes());
            case CAS:
                return new Cas(r.bytes(), readOptional(r), r.bytes());
            case INCR:
                return new Incr(r.bytes(), r.svar());
            case VERSIONS:
                return new Command.Versions(readKeys(r));
            case REDIS:
                try {
                    return new Command.Redis(readKeys(r));
                } catch (IllegalArgumentException e) {
                    throw new CodecException("bad Redis command: " + e.getMessage());
                }
            default:
                throw new CodecException("unknown or misplaced command tag " + tag);
        }
    }

    private static Txn readTxn(Wire.Reader r, boolean watched) throws CodecException {
        int compareCount = r.count();
        List<Compare> compares = new ArrayList<>(compareCount);
        for (int k = 0; k < compareCount; k++) {
            compares.add(new Compare(r.bytes(), readOptional(r)));
        }
        List<Command.Watch> watches = new ArrayList<>();
        if (watched) {
            int watchCount = r.count();
            for (int k = 0; k < watchCount; k++) {
                watches.add(new Command.Watch(r.bytes(), r.svar()));
            }
        }
        int opCount = r.count();
        List<Command> ops = new ArrayList<>(opCount);
        for (int k = 0; k < opCount; k++) {
            ops.add(readPlain(r.u8(), r));
        }
        return new Txn(compares, watches, ops);
    }

    private static Condition condition(int ordinal) throws CodecException {
        if (ordinal >= CONDITIONS.length) {
            throw new CodecException("unknown put condition " + ordinal);
        }
        return CONDITIONS[ordinal];
    }

    private static void writeOptional(Wire.Writer w, Optional<Bytes> b) {
        w.bool(b.isPresent());
        if (b.isPresent()) {
            w.bytes(b.get());
        }
    }

    private static Optional<Bytes> readOptional(Wire.Reader r) throws CodecException {
        return r.bool() ? Optional.of(r.bytes()) : Optional.empty();
    }
}
