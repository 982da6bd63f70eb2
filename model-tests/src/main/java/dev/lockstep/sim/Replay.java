package dev.lockstep.sim;

import java.util.EnumSet;

/** The one command line that reproduces a run. */
final class Replay {
    private Replay() {}

    static String command(String protocol, SimOptions o) {
        StringBuilder sb = new StringBuilder("./lockstep simulate --protocol ").append(protocol)
                .append(" --seed ").append(o.seed());
        if (o.workload().ops() != ScenarioGenerator.DEFAULT_OPS) {
            sb.append(" --ops ").append(o.workload().ops());
        }
        if (o.workload().endSessionEvery() > 0) {
            sb.append(" --end-sessions ").append(o.workload().endSessionEvery());
        }
        if (!o.faults().equals(EnumSet.allOf(FaultKind.class))) {
            sb.append(" --faults ").append(FaultKind.formatList(o.faults()));
        }
        if (o.scheduleGiven()) {
            sb.append(" --schedule \"").append(o.schedule().format()).append('"');
        }
        return sb.toString();
    }
}
