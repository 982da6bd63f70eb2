package dev.lockstep.common;

import dev.lockstep.base.CodecException;
import dev.lockstep.base.Wire;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.CommandCodec;
import dev.lockstep.kv.RequestId;
import java.util.Objects;

/**
 * A client's command as a log holds it: the request id (for exactly-once execution) and the
 * command, with their binary form for the protocols' codecs.
 */
public record ClientEntry(RequestId id, Command command) {
    public ClientEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(command, "command");
    }

    /** An upper estimate of the encoded size. */
    public int sizeHint() {
        return 20 + CommandCodec.sizeHint(command);
    }

    public void write(Wire.Writer w) {
        w.svar(id.client());
        w.svar(id.seq());
        CommandCodec.write(w, command);
    }

    public static ClientEntry read(Wire.Reader r) throws CodecException {
        RequestId id = new RequestId(r.svar(), r.svar());
        return new ClientEntry(id, CommandCodec.read(r));
    }
}
