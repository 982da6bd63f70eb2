package dev.lockstep.kv;

import dev.lockstep.base.NodeId;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Binary encoding of {@link Result}s (in snapshots' session tables and on the wire). */
public final class ResultCodec {
    private ResultCodec() {}

    public static void write(DataOutputStream out, Result result) throws IOException {
        if (result instanceof Result.Value v) {
            out.writeByte(1);
            KvSnapshotCodec.writeOptional(out, v.value());
        } else if (result instanceof Result.Ok) {
            out.writeByte(2);
        } else if (result instanceof Result.NotApplied) {
            out.writeByte(3);
        } else if (result instanceof Result.Int i) {
            out.writeByte(4);
            out.writeLong(i.value());
        } else if (result instanceof Result.Error e) {
            out.writeByte(5);
            out.writeUTF(e.message());
        } else if (result instanceof Result.Multi m) {
            out.writeByte(6);
            out.writeInt(m.results().size());
            for (Result r : m.results()) {
                write(out, r);
            }
        } else if (result instanceof Result.Aborted) {
            out.writeByte(7);
        } else if (result instanceof Result.NotLeader nl) {
            out.writeByte(8);
            out.writeInt(nl.leaderHint().map(NodeId::value).orElse(0));
        } else if (result instanceof Result.Unknown u) {
            out.writeByte(9);
            out.writeUTF(u.reason());
        } else {
            throw new IllegalArgumentException("unknown result " + result);
        }
    }

    public static Result read(DataInputStream in, int limit) throws IOException {
        int tag = in.readByte();
        return switch (tag) {
            case 1 -> new Result.Value(KvSnapshotCodec.readOptional(in, limit));
            case 2 -> Result.Ok.INSTANCE;
            case 3 -> Result.NotApplied.INSTANCE;
            case 4 -> new Result.Int(in.readLong());
            case 5 -> new Result.Error(in.readUTF());
            case 6 -> {
                int n = KvSnapshotCodec.checkedCount(in.readInt(), limit);
                List<Result> results = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    results.add(read(in, limit));
                }
                yield new Result.Multi(results);
            }
            case 7 -> Result.Aborted.INSTANCE;
            case 8 -> {
                int hint = in.readInt();
                yield new Result.NotLeader(hint == 0 ? Optional.empty() : Optional.of(NodeId.of(hint)));
            }
            case 9 -> new Result.Unknown(in.readUTF());
            default -> throw new IllegalArgumentException("unknown result tag " + tag);
        };
    }
}
