package dev.lockstep.sim;

import dev.lockstep.core.Effect;
import java.util.Map;

/** Where a {@link SimHost} executes the outward effects of its replica. */
interface HostOutput {
    void send(int from, Effect.Send send, Map<String, Object> traceMessage);

    void apply(int node, int incarnation, Effect.Apply apply);

    void reply(int node, Effect.Reply reply);

    void trace(Effect.Trace trace);

    /** The step's trace lines disagree with its effects (a TRACE failure). */
    void traceProblem(int node, String detail);

    /** The replica broke the effect contract of dev.lockstep.core.Effect (a SAFETY failure). */
    void effectProblem(int node, String detail);
}
