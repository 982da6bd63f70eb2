package dev.lockstep.tlc;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Model-checks every TLC config of every protocol folder under {@code specs/}: each CI config
 * (and with {@code -Pdeep} each deep config) must pass, each {@code buggy/} config must report the
 * violation its first line names. Configs with a {@code \* tlc-mode: simulate ...} line are
 * simulated (one worker, the directive's seed) rather than model-checked. New protocols and
 * configs are picked up by convention (see {@link SpecLayout}); with no specs yet there are no
 * tests.
 *
 * <p>System properties (set by specs/pom.xml): {@code lockstep.specs.root} the specs folder,
 * {@code lockstep.deep} run deep configs, {@code lockstep.tlc.workers} workers per run (0 = one
 * per core), {@code lockstep.tlc.timeoutMinutes} per-config limit (default 60).
 */
class SpecModelCheckIT {

    private static final SpecLayout LAYOUT =
            new SpecLayout(Path.of(System.getProperty("lockstep.specs.root", ".")));
    private static final boolean DEEP = Boolean.getBoolean("lockstep.deep");
    private static final int WORKERS = workers();
    private static final Duration TIMEOUT =
            Duration.ofMinutes(Long.getLong("lockstep.tlc.timeoutMinutes", 60));

    @TestFactory
    Stream<DynamicTest> everyConfigOfEveryProtocol() {
        List<ModelConfig> configs = new ArrayList<>();
        for (String name : LAYOUT.protocolNames()) {
            ProtocolSpecs p = LAYOUT.protocol(name).orElseThrow();
            configs.addAll(LAYOUT.ciConfigs(p));
            if (DEEP) {
                configs.addAll(LAYOUT.deepConfigs(p));
            }
            configs.addAll(LAYOUT.buggyConfigs(p));
        }
        return configs.stream().map(c -> DynamicTest.dynamicTest(
                c.cfg().getParent().getFileName() + "/" + c.name(), c.cfg().toUri(), () -> check(c)));
    }

    private static void check(ModelConfig config) {
        TlcResult r = new TlcRunner().run(config.job(WORKERS).withTimeout(TIMEOUT), TlcListener.NONE);
        System.out.printf("%s: %s, %s, workers %d%n", config.name(), SummaryTable.result(r),
                ResultReport.counters(r), r.job().workers());
        Expectation.problem(config, r).ifPresent(problem -> {
            StringBuilder sb = new StringBuilder(problem);
            if (config.expectedViolation().isEmpty() && !r.behavior().isEmpty()) {
                sb.append("\n");
                new CounterexampleFormatter(100).format(r.behavior()).forEach(l -> sb.append('\n').append(l));
            }
            fail(sb.toString());
        });
    }

    private static int workers() {
        int n = Integer.getInteger("lockstep.tlc.workers", 0);
        return n > 0 ? n : Runtime.getRuntime().availableProcessors();
    }
}
