package dev.lockstep.kv.redis;

import dev.lockstep.kv.Result;

/** Runs one Redis command against the store. Deterministic: only {@code db} and {@code args} decide. */
@FunctionalInterface
public interface Handler {
    Result run(Db db, Args args) throws RedisError;
}
