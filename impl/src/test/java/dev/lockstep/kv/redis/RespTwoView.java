package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Result;
import java.util.Optional;

/**
 * A result as a RESP2 client sees it: scores as the bulk strings Redis formats them as, every
 * array shape as a flat array. The command tests state replies in this form; the shapes RESP3
 * adds are asserted on their own ({@code ReplyShapesTest}).
 */
final class RespTwoView {
    private RespTwoView() {}

    static Result of(Result r) {
        if (r instanceof Result.Score s) {
            return new Result.Value(Optional.of(Bytes.utf8(Numbers.format(s.value()))));
        }
        if (r instanceof Result.Array a) {
            return new Result.Array(a.elements().stream().map(RespTwoView::of).toList());
        }
        return r;
    }
}
