package dev.lockstep.epaxos;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.CodecException;
import dev.lockstep.base.NodeId;
import dev.lockstep.base.Wire;
import dev.lockstep.common.ClientEntry;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Message;
import dev.lockstep.core.ProtocolCodec;
import dev.lockstep.epaxos.EPaxosMessage.Accept;
import dev.lockstep.epaxos.EPaxosMessage.AcceptReply;
import dev.lockstep.epaxos.EPaxosMessage.Commit;
import dev.lockstep.epaxos.EPaxosMessage.Conflict;
import dev.lockstep.epaxos.EPaxosMessage.PreAccept;
import dev.lockstep.epaxos.EPaxosMessage.PreAcceptReply;
import dev.lockstep.epaxos.EPaxosMessage.Recover;
import dev.lockstep.epaxos.EPaxosMessage.RecoverReply;
import dev.lockstep.epaxos.EPaxosMessage.Validate;
import dev.lockstep.epaxos.EPaxosMessage.ValidateReply;
import dev.lockstep.epaxos.EPaxosMessage.Waiting;
import java.util.ArrayList;
import java.util.List;

/**
 * EPaxos's messages and records in binary: a tag byte, then the fields as varints ({@link Wire}).
 * Decoding checks tags, counts, ranges and trailing bytes and throws {@link CodecException} on
 * anything malformed; the replica also drops a message whose vectors do not fit its cluster.
 */
public final class EPaxosCodec implements ProtocolCodec {
    public static final EPaxosCodec INSTANCE = new EPaxosCodec();

    private static final int PRE_ACCEPT = 1, PRE_ACCEPT_REPLY = 2, ACCEPT = 3, ACCEPT_REPLY = 4, COMMIT = 5,
            RECOVER = 6, RECOVER_REPLY = 7, VALIDATE = 8, VALIDATE_REPLY = 9, WAITING = 10, COMMIT_REQUEST = 11,
            EXECUTED_FLOOR = 12;
    private static final int INSTANCE_STATE = 1, CHECKPOINT = 2;
    private static final int NONE = 0, BATCH = 1, EXPIRY = 2, NOP = 3;
    private static final int MAX_MEMBERS = 63;

    private EPaxosCodec() {}

    @Override
    public byte[] encodeMessage(Message message) {
        Wire.Writer w = new Wire.Writer(64);
        if (message instanceof ExecutedFloor f) {
            w.u8(EXECUTED_FLOOR);
            deps(w, f.floor());
            return w.toByteArray();
        }
        EPaxosMessage m = (EPaxosMessage) message;
        switch (m) {
            case PreAccept p -> { w.u8(PRE_ACCEPT); inst(w, p.inst()); payload(w, p.cmd()); deps(w, p.deps()); w.uvar(p.seq()); }
            case PreAcceptReply r -> { w.u8(PRE_ACCEPT_REPLY); inst(w, r.inst()); deps(w, r.deps()); w.uvar(r.seq()); }
            case Accept a -> { w.u8(ACCEPT); inst(w, a.inst()); w.uvar(a.bal()); payload(w, a.cmd()); deps(w, a.deps()); w.uvar(a.seq()); }
            case AcceptReply r -> { w.u8(ACCEPT_REPLY); inst(w, r.inst()); w.uvar(r.bal()); }
            case Commit c -> { w.u8(COMMIT); inst(w, c.inst()); w.uvar(c.bal()); payload(w, c.cmd()); deps(w, c.deps()); w.uvar(c.seq()); }
            case Recover r -> { w.u8(RECOVER); inst(w, r.inst()); w.uvar(r.bal()); }
            case RecoverReply r -> {
                w.u8(RECOVER_REPLY);
                inst(w, r.inst());
                w.uvar(r.bal());
                w.uvar(r.abal());
                w.u8(r.phase().ordinal());
                payload(w, r.cmd());
                deps(w, r.deps());
                w.uvar(r.seq());
                deps(w, r.initDeps());
                w.uvar(r.initSeq());
            }
            case Validate v -> { w.u8(VALIDATE); inst(w, v.inst()); w.uvar(v.bal()); payload(w, v.cmd()); deps(w, v.deps()); w.uvar(v.seq()); }
            case ValidateReply r -> {
                w.u8(VALIDATE_REPLY);
                inst(w, r.inst());
                w.uvar(r.bal());
                w.uvar(r.conflicts().size());
                for (Conflict c : r.conflicts()) {
                    inst(w, c.inst());
                    w.u8(c.phase().ordinal());
                }
            }
            case Waiting x -> { w.u8(WAITING); inst(w, x.inst()); w.uvar(x.k()); }
            case EPaxosMessage.CommitRequest c -> { w.u8(COMMIT_REQUEST); inst(w, c.inst()); }
        }
        return w.toByteArray();
    }

    @Override
    public Message decodeMessage(byte[] bytes) throws CodecException {
        Wire.Reader r = new Wire.Reader(bytes);
        int tag = r.u8();
        Message m = switch (tag) {
            case PRE_ACCEPT -> new PreAccept(inst(r), command(r), deps(r), r.uvar());
            case PRE_ACCEPT_REPLY -> new PreAcceptReply(inst(r), deps(r), r.uvar());
            case ACCEPT -> new Accept(inst(r), r.uvar(), command(r), deps(r), r.uvar());
            case ACCEPT_REPLY -> new AcceptReply(inst(r), r.uvar());
            case COMMIT -> new Commit(inst(r), r.uvar(), command(r), deps(r), r.uvar());
            case RECOVER -> new Recover(inst(r), r.uvar());
            case RECOVER_REPLY -> new RecoverReply(inst(r), r.uvar(), r.uvar(), phase(r), payload(r), deps(r), r.uvar(),
                    deps(r), r.uvar());
            case VALIDATE -> new Validate(inst(r), r.uvar(), command(r), deps(r), r.uvar());
            case VALIDATE_REPLY -> validateReply(r);
            case WAITING -> new Waiting(inst(r), r.uvar());
            case COMMIT_REQUEST -> new EPaxosMessage.CommitRequest(inst(r));
            case EXECUTED_FLOOR -> new ExecutedFloor(deps(r));
            default -> throw new CodecException("unknown EPaxos message tag " + tag);
        };
        r.expectEnd();
        return m;
    }

    private static ValidateReply validateReply(Wire.Reader r) throws CodecException {
        InstanceId i = inst(r);
        long bal = r.uvar();
        int n = r.count();
        List<Conflict> conflicts = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            conflicts.add(new Conflict(inst(r), phase(r)));
        }
        return new ValidateReply(i, bal, conflicts);
    }

    @Override
    public byte[] encodeRecord(DurableRecord record) {
        // a checkpoint holds the whole store: sized up front, not grown by doubling (heap peaks)
        Wire.Writer w = new Wire.Writer(record instanceof EPaxosRecord.Checkpoint c
                ? c.snapshot().length() + 16 + 128 * c.instances().size() : 64);
        switch ((EPaxosRecord) record) {
            case EPaxosRecord.InstanceState s -> { w.u8(INSTANCE_STATE); state(w, s); }
            case EPaxosRecord.Checkpoint c -> {
                w.u8(CHECKPOINT);
                w.bytes(c.snapshot());
                w.uvar(c.instances().size());
                c.instances().forEach(s -> state(w, s));
            }
        }
        return w.toByteArray();
    }

    @Override
    public DurableRecord decodeRecord(byte[] bytes) throws CodecException {
        Wire.Reader r = new Wire.Reader(bytes);
        int tag = r.u8();
        DurableRecord d = switch (tag) {
            case INSTANCE_STATE -> state(r);
            case CHECKPOINT -> {
                Bytes snapshot = r.bytes();
                int n = r.count();
                List<EPaxosRecord.InstanceState> all = new ArrayList<>(n);
                for (int k = 0; k < n; k++) {
                    all.add(state(r));
                }
                yield new EPaxosRecord.Checkpoint(snapshot, all);
            }
            default -> throw new CodecException("unknown EPaxos record tag " + tag);
        };
        r.expectEnd();
        return d;
    }

    private static void state(Wire.Writer w, EPaxosRecord.InstanceState s) {
        inst(w, s.id());
        w.u8(s.phase().ordinal());
        w.uvar(s.bal());
        w.uvar(s.abal());
        payload(w, s.cmd());
        deps(w, s.deps());
        w.uvar(s.seq());
        payload(w, s.initCmd());
        deps(w, s.initDeps());
        w.uvar(s.initSeq());
    }

    private static EPaxosRecord.InstanceState state(Wire.Reader r) throws CodecException {
        return new EPaxosRecord.InstanceState(inst(r), phase(r), r.uvar(), r.uvar(), payload(r), deps(r), r.uvar(),
                payload(r), deps(r), r.uvar());
    }

    private static void inst(Wire.Writer w, InstanceId i) {
        w.uvar(i.owner().value());
        w.uvar(i.num());
    }

    private static InstanceId inst(Wire.Reader r) throws CodecException {
        long owner = r.uvar();
        long num = r.uvar();
        if (owner < 1 || owner > Integer.MAX_VALUE || num < 1) {
            throw new CodecException("bad EPaxos instance " + owner + "." + num);
        }
        return new InstanceId(NodeId.of((int) owner), num);
    }

    private static Phase phase(Wire.Reader r) throws CodecException {
        int code = r.u8();
        if (code >= Phase.values().length) {
            throw new CodecException("unknown EPaxos phase " + code);
        }
        return Phase.fromCode(code);
    }

    private static void deps(Wire.Writer w, Deps d) {
        w.uvar(d.size());
        for (int p = 0; p < d.size(); p++) {
            w.uvar(d.at(p));
        }
    }

    private static Deps deps(Wire.Reader r) throws CodecException {
        int n = r.count();
        if (n < 1 || n > MAX_MEMBERS) {
            throw new CodecException("deps of " + n + " members");
        }
        long[] nums = new long[n];
        for (int p = 0; p < n; p++) {
            nums[p] = r.uvar();
        }
        return Deps.of(nums);
    }

    private static void payload(Wire.Writer w, Payload p) {
        switch (p) {
            case null -> w.u8(NONE);
            case Payload.Batch b -> {
                w.u8(BATCH);
                w.uvar(b.entries().size());
                b.entries().forEach(e -> e.write(w));
            }
            case Payload.Expiry e -> { w.u8(EXPIRY); w.uvar(e.keep()); }
            case Payload.Nop n -> w.u8(NOP);
        }
    }

    private static Payload payload(Wire.Reader r) throws CodecException {
        int tag = r.u8();
        return switch (tag) {
            case NONE -> null;
            case BATCH -> {
                int n = r.count();
                if (n < 1) {
                    throw new CodecException("an empty EPaxos batch");
                }
                List<ClientEntry> entries = new ArrayList<>(n);
                for (int k = 0; k < n; k++) {
                    entries.add(ClientEntry.read(r));
                }
                yield Payload.Batch.of(entries);
            }
            case EXPIRY -> {
                long keep = r.uvar();
                if (keep > Integer.MAX_VALUE) {
                    throw new CodecException("session expiry keeps " + keep);
                }
                yield new Payload.Expiry((int) keep);
            }
            case NOP -> Payload.Nop.INSTANCE;
            default -> throw new CodecException("unknown EPaxos command tag " + tag);
        };
    }

    /** A command where one is required. */
    private static Payload command(Wire.Reader r) throws CodecException {
        Payload p = payload(r);
        if (p == null) {
            throw new CodecException("an EPaxos message without its command");
        }
        return p;
    }
}
