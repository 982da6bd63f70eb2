package dev.lockstep.kv;

import java.util.List;

/**
 * When two commands must be applied in the same order on every replica: the rule a protocol
 * with a partial execution order (EPaxos-style dependency tracking) orders by, and the rule under
 * which {@link KvStateMachine} promises identical state and results on every replica
 * (docs/runtime-contract.md, "Client sessions under a partial order").
 *
 * <p>Two commands conflict when
 * <ul>
 *   <li>they touch a common key ({@link Command#keys()}), or
 *   <li>they belong to the same client session (a session's commands are applied in the same
 *       order everywhere, so its remembered results, floor and end are the same everywhere), or
 *   <li>either touches every key or every session ({@link Command#touchesEveryKey()}: KEYS,
 *       SCAN, FLUSHDB, {@link Command.ExpireSessions}).
 * </ul>
 * Two reads of the same key do not need an order for the state, but they conflict here all
 * the same: a protocol that serves reads through its order keeps them where its writes are.
 */
public final class Conflicts {
    private Conflicts() {}

    /**
     * @param a the first command's request id, or null (no session)
     * @param b the second command's request id, or null
     */
    public static boolean conflict(RequestId a, Command ca, RequestId b, Command cb) {
        if (ca.touchesEveryKey() || cb.touchesEveryKey()) {
            return true;
        }
        if (a != null && b != null && a.client() == b.client()) {
            return true;
        }
        List<?> keys = ca.keys();
        for (Object key : cb.keys()) {
            if (keys.contains(key)) {
                return true;
            }
        }
        return false;
    }
}
