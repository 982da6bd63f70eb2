package dev.lockstep.kv.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.kv.Command;
import dev.lockstep.kv.KvStore;
import dev.lockstep.kv.Result;
import org.junit.jupiter.api.Test;

/** The shapes RESP3 gives replies: maps, sets, pairs and doubles (RESP2 writes them all flat). */
class ReplyShapesTest {
    private final KvStore store = new KvStore();

    private Result r(String... args) {
        return store.apply(Command.Redis.of(args));
    }

    private Result.Shape shape(String... args) {
        return ((Result.Array) r(args)).shape();
    }

    @Test
    void collectionsReplyWithTheirRespThreeShapes() {
        r("hset", "h", "f", "v");
        r("sadd", "s", "a", "b");
        r("sadd", "t", "b");
        r("zadd", "z", "1.5", "m", "2", "n");
        assertEquals(Result.Shape.MAP, shape("hgetall", "h"));
        assertEquals(Result.Shape.LIST, shape("hkeys", "h"));
        assertEquals(Result.Shape.PAIRS, shape("hrandfield", "h", "1", "withvalues"));
        assertEquals(Result.Shape.SET, shape("smembers", "s"));
        assertEquals(Result.Shape.SET, shape("sinter", "s", "t"));
        assertEquals(Result.Shape.PAIRS, shape("zrange", "z", "0", "-1", "withscores"));
        assertEquals(Result.Shape.LIST, shape("zrange", "z", "0", "-1"));
        assertEquals(new Result.Score(1.5), r("zscore", "z", "m"));
        assertEquals(new Result.Score(3.5), r("zincrby", "z", "2", "m"));
        assertEquals(Result.Shape.PAIRS, shape("zpopmin", "z"));
    }
}
