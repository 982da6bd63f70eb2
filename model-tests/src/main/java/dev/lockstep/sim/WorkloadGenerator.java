package dev.lockstep.sim;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.Prng;
import dev.lockstep.kv.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Random client commands over a small key space. Two thirds are the store's own commands on
 * the string keys {@code k0..}: GET, PUT (plain, NX, XX), CAS, INCR, DEL and transactions
 * (read-only multi-gets and guarded multi-writes). Written values are unique decimal integers,
 * so a read names the write it saw and INCR works on them; CAS and transaction guards expect one
 * of the key's recently written values, or absence.
 *
 * <p>A quarter are Redis commands ({@link Command.Redis}): APPEND/STRLEN/GETDEL/GETSET on the
 * string keys, and hash, list, set and sorted-set commands on their own key families
 * {@code h0.., l0.., s0.., z0..} ({@code (keyCount + 1) / 2} keys each), DEL of a collection,
 * transactions that mix them (with each other and with the string commands), and now and then a
 * command on a key of another type (GET of a hash, HSET of a string key, ...) so the WRONGTYPE
 * paths run. Hash values and list elements are unique, so a read names the write it saw; set
 * and sorted-set members come from a small pool so adds, removes and membership tests meet.
 * Scores are multiples of 0.5, so replies are short exact decimals.
 *
 * <p>{@value #EXPIRY_PERCENT}% are on expiring string keys {@code e0, e1} (one key when there are
 * fewer than three string keys): SET .. PX with a TTL of {@value #MIN_TTL_MS}..{@value
 * #MAX_TTL_MS} ms, PEXPIRE, PTTL, PERSIST, GET, DEL and APPEND, so that keys expire while a run
 * goes on and reads meet them before and after (the client stamps each command with its time,
 * {@link ClientDriver}). These keys appear in no transaction and hold no other type.
 */
final class WorkloadGenerator {
    /** Percentage of commands drawn from the Redis mix. */
    static final int REDIS_PERCENT = 25;
    /** Percentage of commands on the expiring keys {@code e0..}. */
    static final int EXPIRY_PERCENT = 8;
    /** The TTLs SET .. PX and PEXPIRE give, in ms: a client issuing a command every few hundred ms sees keys expire. */
    static final int MIN_TTL_MS = 50;
    static final int MAX_TTL_MS = 400;

    private final Prng rng;
    private final List<Bytes> keys = new ArrayList<>();
    private final List<List<Bytes>> written = new ArrayList<>();
    private final List<Bytes> hashes = new ArrayList<>();
    private final List<Bytes> lists = new ArrayList<>();
    private final List<Bytes> sets = new ArrayList<>();
    private final List<Bytes> zsets = new ArrayList<>();
    /** String keys with expiry times, used by nothing else (no transactions, no other types). */
    private final List<Bytes> expiring = new ArrayList<>();
    /** Collection keys a cross-type command may have turned into a string: deleted again soon. */
    private final List<Bytes> toClean = new ArrayList<>();
    private long nextValue = 1;

    WorkloadGenerator(int keyCount, Prng rng) {
        this.rng = rng;
        for (int i = 0; i < keyCount; i++) {
            keys.add(Bytes.utf8("k" + i));
            written.add(new ArrayList<>());
        }
        int family = Math.max(1, (keyCount + 1) / 2);
        for (int i = 0; i < family; i++) {
            hashes.add(Bytes.utf8("h" + i));
            lists.add(Bytes.utf8("l" + i));
            sets.add(Bytes.utf8("s" + i));
            zsets.add(Bytes.utf8("z" + i));
        }
        for (int i = 0; i < Math.min(2, family); i++) {
            expiring.add(Bytes.utf8("e" + i));
        }
    }

    Command next() {
        int family = rng.nextInt(100);
        if (family < EXPIRY_PERCENT) {
            return expiryOp();
        } else if (family < EXPIRY_PERCENT + REDIS_PERCENT) {
            return nextRedis();
        }
        int roll = rng.nextInt(100);
        int k = rng.nextInt(keys.size());
        Bytes key = keys.get(k);
        if (roll < 22) {
            return new Command.Get(key);
        } else if (roll < 36) {
            return new Command.Put(key, fresh(k));
        } else if (roll < 40) {
            Command.Condition c = rng.chance(0.5) ? Command.Condition.IF_ABSENT : Command.Condition.IF_PRESENT;
            return new Command.Put(key, fresh(k), c);
        } else if (roll < 55) {
            return new Command.Cas(key, expected(k), fresh(k));
        } else if (roll < 67) {
            return new Command.Incr(key, rng.nextIntInclusive(1, 5));
        } else if (roll < 73) {
            return new Command.Delete(key);
        } else if (roll < 80) {
            int other = rng.nextInt(keys.size());
            return new Command.Txn(List.of(), List.of(new Command.Get(key), new Command.Get(keys.get(other))));
        }
        return guardedWrite(k);
    }

    private Command guardedWrite(int k) {
        int other = rng.nextInt(keys.size());
        List<Command.Compare> compares = rng.chance(0.6)
                ? List.of(new Command.Compare(keys.get(k), expected(k)))
                : List.of();
        Command second = rng.chance(0.5)
                ? new Command.Incr(keys.get(other), 1)
                : new Command.Put(keys.get(other), fresh(other));
        return new Command.Txn(compares, List.of(new Command.Put(keys.get(k), fresh(k)), second,
                new Command.Get(keys.get(other))));
    }

    // ---------------------------------------------------------------- the expiring keys

    /**
     * A command on an expiring key: SET .. PX (now and then NX/XX, or KEEPTTL), PEXPIRE (now and
     * then with NX/XX/GT/LT, or a time already past, which deletes), PTTL, PERSIST, GET (the
     * store's and Redis's), DEL and APPEND (which keeps the expiry). Values are unique, so a read
     * names the write it saw.
     */
    private Command expiryOp() {
        String e = pick(expiring).utf8();
        int roll = rng.nextInt(100);
        if (roll < 28) {
            return redis("set", e, freshValue(), "PX", ttl());
        } else if (roll < 31) {
            return redis("set", e, freshValue(), rng.chance(0.5) ? "NX" : "XX", "PX", ttl());
        } else if (roll < 35) {
            return redis("set", e, freshValue(), "KEEPTTL");
        } else if (roll < 47) {
            if (rng.chance(0.12)) {
                return redis("pexpire", e, Integer.toString(rng.nextIntInclusive(-10, 0)));
            }
            if (rng.chance(0.2)) {
                String[] flags = {"NX", "XX", "GT", "LT"};
                return redis("pexpire", e, ttl(), flags[rng.nextInt(flags.length)]);
            }
            return redis("pexpire", e, ttl());
        } else if (roll < 59) {
            return redis("pttl", e);
        } else if (roll < 64) {
            return redis("persist", e);
        } else if (roll < 90) {
            return rng.chance(0.8) ? new Command.Get(Bytes.utf8(e)) : redis("get", e);
        } else if (roll < 95) {
            return new Command.Delete(Bytes.utf8(e));
        }
        return redis("append", e, "+" + nextValue++);
    }

    private String ttl() {
        return Integer.toString(rng.nextIntInclusive(MIN_TTL_MS, MAX_TTL_MS));
    }

    // ---------------------------------------------------------------- the Redis mix

    private Command nextRedis() {
        if (!toClean.isEmpty() && rng.chance(0.3)) {
            return new Command.Delete(toClean.remove(0));
        }
        int roll = rng.nextInt(100);
        if (roll < 10) {
            return stringOp();
        } else if (roll < 29) {
            return hashOp(pick(hashes));
        } else if (roll < 48) {
            return listOp(pick(lists));
        } else if (roll < 65) {
            return setOp(pick(sets));
        } else if (roll < 80) {
            return zsetOp(pick(zsets));
        } else if (roll < 84) {
            return new Command.Delete(pick(List.of(hashes, lists, sets, zsets).get(rng.nextInt(4))));
        } else if (roll < 94) {
            return redisTxn();
        }
        return crossType();
    }

    /** APPEND keeps the value unique (a unique suffix), though no longer an integer for INCR. */
    private Command stringOp() {
        int k = rng.nextInt(keys.size());
        String key = keys.get(k).utf8();
        int roll = rng.nextInt(10);
        if (roll < 3) {
            return redis("append", key, "+" + nextValue++);
        } else if (roll < 5) {
            return redis("strlen", key);
        } else if (roll < 7) {
            return redis("getdel", key);
        }
        return new Command.Redis(List.of(Bytes.utf8("getset"), keys.get(k), fresh(k)));
    }

    private Command hashOp(Bytes key) {
        String h = key.utf8();
        int roll = rng.nextInt(19);
        if (roll < 7) {
            return rng.chance(0.3)
                    ? redis("hset", h, field(), freshValue(), field(), freshValue())
                    : redis("hset", h, field(), freshValue());
        } else if (roll < 11) {
            return redis("hget", h, field());
        } else if (roll < 14) {
            return rng.chance(0.3) ? redis("hdel", h, field(), field()) : redis("hdel", h, field());
        } else if (roll < 15) {
            return redis("hlen", h);
        } else if (roll < 17) {
            return redis("hgetall", h);
        }
        // mostly a counter field; now and then a value field (a unique integer, so it counts on)
        return redis("hincrby", h, rng.chance(0.8) ? "n" : field(), Integer.toString(rng.nextIntInclusive(-2, 5)));
    }

    private Command listOp(Bytes key) {
        String l = key.utf8();
        int roll = rng.nextInt(19);
        if (roll < 8) {
            String cmd = rng.chance(0.5) ? "lpush" : "rpush";
            return rng.chance(0.3) ? redis(cmd, l, freshValue(), freshValue()) : redis(cmd, l, freshValue());
        } else if (roll < 14) {
            return redis(rng.chance(0.5) ? "lpop" : "rpop", l);
        } else if (roll < 18) {
            return rng.chance(0.6)
                    ? redis("lrange", l, "0", "-1")
                    : redis("lrange", l, Integer.toString(rng.nextIntInclusive(-3, 2)),
                            Integer.toString(rng.nextIntInclusive(-2, 3)));
        }
        return redis("llen", l);
    }

    private Command setOp(Bytes key) {
        String s = key.utf8();
        int roll = rng.nextInt(17);
        if (roll < 6) {
            return rng.chance(0.3) ? redis("sadd", s, member(), member()) : redis("sadd", s, member());
        } else if (roll < 9) {
            return rng.chance(0.3) ? redis("srem", s, member(), member()) : redis("srem", s, member());
        } else if (roll < 12) {
            return redis("sismember", s, member());
        } else if (roll < 13) {
            return redis("scard", s);
        }
        return redis("smembers", s);
    }

    private Command zsetOp(Bytes key) {
        String z = key.utf8();
        int roll = rng.nextInt(15);
        if (roll < 5) {
            return rng.chance(0.3)
                    ? redis("zadd", z, score(), member(), score(), member())
                    : redis("zadd", z, score(), member());
        } else if (roll < 8) {
            String[] increments = {"1", "-1", "0.5", "2.5", "-1.5"};
            return redis("zincrby", z, increments[rng.nextInt(increments.length)], member());
        } else if (roll < 10) {
            return redis("zscore", z, member());
        } else if (roll < 12) {
            return redis("zrem", z, member());
        } else if (roll < 13) {
            return redis("zcard", z);
        }
        return rng.chance(0.6)
                ? redis("zrange", z, "0", "-1", "WITHSCORES")
                : redis("zrange", z, Integer.toString(rng.nextIntInclusive(-3, 1)), Integer.toString(rng.nextIntInclusive(-1, 3)));
    }

    /** A transaction with Redis commands: a write and a read of one collection, or a mix of key families. */
    private Command redisTxn() {
        int roll = rng.nextInt(6);
        Bytes h = pick(hashes);
        Bytes l = pick(lists);
        Bytes s = pick(sets);
        Bytes z = pick(zsets);
        switch (roll) {
            case 0:
                return txn(redis("hset", h.utf8(), field(), freshValue()), redis("hgetall", h.utf8()));
            case 1:
                return txn(redis("rpush", l.utf8(), freshValue()), redis("lpop", l.utf8()), redis("lrange", l.utf8(), "0", "-1"));
            case 2:
                return txn(redis("sadd", s.utf8(), member()), redis("srem", s.utf8(), member()), redis("smembers", s.utf8()));
            case 3:
                return txn(redis("zincrby", z.utf8(), "1", member()), redis("zrange", z.utf8(), "0", "-1", "WITHSCORES"));
            case 4: {
                // across families and with a string key: all or nothing
                int k = rng.nextInt(keys.size());
                return txn(redis("lpush", l.utf8(), freshValue()), redis("hincrby", h.utf8(), "n", "1"),
                        new Command.Incr(keys.get(k), 1), redis("scard", s.utf8()));
            }
            default: {
                // a guarded write: if the string key holds a recent value, write it and a collection
                int k = rng.nextInt(keys.size());
                return new Command.Txn(List.of(new Command.Compare(keys.get(k), expected(k))),
                        List.of(new Command.Put(keys.get(k), fresh(k)), redis("zadd", z.utf8(), score(), member()),
                                redis("zscore", z.utf8(), member())));
            }
        }
    }

    /** A command on a key that may hold another type: WRONGTYPE unless the key is absent. */
    private Command crossType() {
        Bytes k = pick(keys);
        Bytes h = pick(hashes);
        Bytes l = pick(lists);
        Bytes s = pick(sets);
        Bytes z = pick(zsets);
        Bytes collection = pick(List.of(h, l, s, z));
        return switch (rng.nextInt(9)) {
            case 0 -> new Command.Get(collection);
            case 1 -> {
                toClean.add(collection); // INCR makes an absent key a string
                yield new Command.Incr(collection, 1);
            }
            case 2 -> redis("hset", k.utf8(), field(), freshValue());
            case 3 -> redis("sadd", l.utf8(), member());
            case 4 -> redis("lpush", z.utf8(), freshValue());
            case 5 -> redis("zadd", h.utf8(), score(), member());
            case 6 -> redis("smembers", k.utf8());
            case 7 -> redis("hget", s.utf8(), field());
            default -> {
                if (rng.chance(0.5)) {
                    yield redis("getdel", collection.utf8());
                }
                toClean.add(collection); // a string overwrites the collection, until a DEL
                yield new Command.Put(collection, Bytes.utf8(freshValue()));
            }
        };
    }

    private static Command txn(Command... ops) {
        return new Command.Txn(List.of(), List.of(ops));
    }

    private static Command redis(String... argv) {
        return Command.Redis.of(argv);
    }

    private <T> T pick(List<T> from) {
        return from.get(rng.nextInt(from.size()));
    }

    private String field() {
        return "f" + rng.nextInt(3);
    }

    private String member() {
        return "m" + rng.nextInt(5);
    }

    /** A score in -5..10 by halves, written as a client would ("3", "1.5", "-0.5"). */
    private String score() {
        int halves = rng.nextIntInclusive(-10, 20);
        return halves % 2 == 0 ? Integer.toString(halves / 2) : (halves < 0 ? "-" : "") + Math.abs(halves / 2) + ".5";
    }

    private String freshValue() {
        return Long.toString(1000 + nextValue++);
    }

    private Bytes fresh(int k) {
        Bytes v = Bytes.utf8(freshValue());
        written.get(k).add(v);
        return v;
    }

    private Optional<Bytes> expected(int k) {
        List<Bytes> values = written.get(k);
        if (values.isEmpty() || rng.chance(0.2)) {
            return Optional.empty();
        }
        int recent = Math.min(3, values.size());
        return Optional.of(values.get(values.size() - 1 - rng.nextInt(recent)));
    }
}
