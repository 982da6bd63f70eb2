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
        switch (result) {
            case Result.Value v -> {
                out.writeByte(1);
                KvSnapshotCodec.writeOptional(out, v.value());
            }
            case Result.Ok ok -> out.writeByte(2);
            case Result.NotApplied na -> out.writeByte(3);
            case Result.Int i -> {
                out.writeByte(4);
                out.writeLong(i.value());
            }
            case Result.Error e -> {
                out.writeByte(5);
                out.writeUTF(e.message());
            }
            case Result.Multi m -> {
                out.writeByte(6);
                out.writeInt(m.results().size());
                for (Result r : m.results()) {
                    write(out, r);
                }
            }
            case Result.Aborted ab -> out.writeByte(7);
            case Result.Redirect r -> {
                out.writeByte(8);
                out.writeInt(r.target().map(NodeId::value).orElse(0));
            }
            case Result.Unknown u -> {
                out.writeByte(9);
                out.writeUTF(u.reason());
            }
            case Result.Array a -> {
                out.writeByte(10);
                out.writeByte(a.shape().ordinal());
                out.writeInt(a.elements().size());
                for (Result r : a.elements()) {
                    write(out, r);
                }
            }
            case Result.Status st -> {
                out.writeByte(11);
                out.writeUTF(st.text());
            }
            case Result.Score sc -> {
                out.writeByte(12);
                out.writeDouble(sc.value());
            }
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
                yield hint == 0 ? Result.Redirect.UNKNOWN_TARGET : new Result.Redirect(Optional.of(NodeId.of(hint)));
            }
            case 9 -> new Result.Unknown(in.readUTF());
            case 10 -> {
                int shape = in.readUnsignedByte();
                if (shape >= Result.Shape.values().length) {
                    throw new IllegalArgumentException("unknown array shape " + shape);
                }
                int n = KvSnapshotCodec.checkedCount(in.readInt(), limit);
                List<Result> elements = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    elements.add(read(in, limit));
                }
                yield new Result.Array(elements, Result.Shape.values()[shape]);
            }
            case 11 -> new Result.Status(in.readUTF());
            case 12 -> new Result.Score(in.readDouble());
            default -> throw new IllegalArgumentException("unknown result tag " + tag);
        };
    }
}
