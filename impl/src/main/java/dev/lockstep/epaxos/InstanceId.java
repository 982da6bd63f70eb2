package dev.lockstep.epaxos;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.ExecutionPosition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An instance: the {@code num}-th (1, 2, ...) that {@code owner} led as initial coordinator
 * (EPaxos §4.1, "the instance space"; contract: {@code [owner |-> s, num |-> k]}). Ordered by
 * owner, then number: the order every deterministic loop over instances uses.
 */
record InstanceId(NodeId owner, long num) implements Comparable<InstanceId> {

    InstanceId {
        if (num < 1) {
            throw new IllegalArgumentException("instance numbers start at 1, got " + num);
        }
    }

    @Override
    public int compareTo(InstanceId o) {
        int c = owner.compareTo(o.owner);
        return c != 0 ? c : Long.compare(num, o.num);
    }

    /** The execution position of the {@code index}-th command of this instance's batch. */
    ExecutionPosition.Instance position(int index) {
        return new ExecutionPosition.Instance(owner, num, index);
    }

    /** The trace's form: {@code {"owner": "n1", "num": 3}}. */
    Map<String, Object> traceForm() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("owner", owner.toString());
        f.put("num", num);
        return f;
    }

    @Override
    public String toString() {
        return owner + "." + num;
    }
}
