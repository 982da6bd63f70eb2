package dev.lockstep.simplepush;

import dev.lockstep.common.ClientEntry;
import dev.lockstep.core.Message;
import dev.lockstep.kv.RequestId;
import java.util.Objects;

/**
 * SimplePush's messages, one record per message type of docs/protocols/simplepush-contract.md.
 * SimplePush has no terms or ballots: {@link #term()} is 0.
 */
public sealed interface PushMessage extends Message {

    @Override
    default long term() {
        return 0;
    }

    /** The contract's {@code type} field: the record's simple name. */
    default String type() {
        return getClass().getSimpleName();
    }

    /** A write to log (the spec's {@code Push} carries its id; the entry is the command too). */
    record Push(ClientEntry entry) implements PushMessage {
        public Push {
            Objects.requireNonNull(entry, "entry");
        }
    }

    /** The sender logged the write {@code id} durably. */
    record PushAck(RequestId id) implements PushMessage {
        public PushAck {
            Objects.requireNonNull(id, "id");
        }
    }
}
