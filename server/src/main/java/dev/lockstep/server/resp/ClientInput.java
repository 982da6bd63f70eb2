package dev.lockstep.server.resp;

import java.util.List;

/** One client command as read off the wire, or the note that it was too large to keep. */
sealed interface ClientInput {

    /** The command's arguments; the first is the command name. */
    record Args(List<byte[]> args) implements ClientInput {}

    /** The command exceeded a size limit; its bytes were skipped, the connection stays in sync. */
    record TooLarge(String message) implements ClientInput {}
}
