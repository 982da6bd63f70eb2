package dev.lockstep.specdriven;

import dev.lockstep.core.Protocol;
import dev.lockstep.sim.ProtocolLookup;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lockstep spec-replay}: TLC generates behaviours of a protocol's spec and each is
 * replayed against its Java core (docs/verification.md, "Spec-driven conformance"). Exit status
 * 0 when every behaviour replays and every required guard branch was taken, 1 otherwise, 2 on a
 * usage error.
 */
@Command(name = "spec-replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Replay TLC-generated behaviours of a protocol's spec against its Java core.")
public final class SpecReplayMain implements Callable<Integer> {

    @Option(names = "--protocol", required = true, description = "raft or multipaxos (or a test-only variant named "
            + "by -Dlockstep.protocols.extra, as for simulate)")
    String protocol;

    @Option(names = "--config", description = "generator config (default: every one of the protocol), "
            + "e.g. SpecDrivenRaftChurn")
    String config;

    @Option(names = "--behaviours", defaultValue = "150", description = "behaviours per config (CI: 150)")
    int behaviours;

    @Option(names = "--depth", defaultValue = "100", description = "most steps of a behaviour (CI: 100)")
    int depth;

    @Option(names = "--seed", defaultValue = "1", description = "TLC's seed (CI: 1)")
    long seed;

    @Option(names = "--only", description = "replay only behaviour #N of the seed and print its steps")
    Integer only;

    @Override
    public Integer call() throws Exception {
        Protocol p = ProtocolLookup.find(protocol).orElseThrow(() -> new CommandLine.ParameterException(
                new CommandLine(this), "unknown protocol " + protocol + "; spec-replay knows raft, multipaxos"));
        List<String> configs = config == null ? SpecDrivenConformance.configs(p) : List.of(config);
        boolean passed = true;
        for (String c : configs) {
            SpecDrivenConformance.Report report = only == null
                    ? SpecDrivenConformance.run(p, c, behaviours, depth, seed)
                    : SpecDrivenConformance.runOne(p, c, only, depth, seed);
            report.lines().forEach(System.out::println);
            passed &= only == null ? report.passed() : report.failures().isEmpty() && report.tlcProblem() == null;
        }
        return passed ? 0 : 1;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SpecReplayMain()).execute(args));
    }
}
