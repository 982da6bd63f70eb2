package dev.lockstep.specdriven;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.Protocol;
import dev.lockstep.trace.SpecBehaviours;
import dev.lockstep.trace.SpecsRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The spec-driven conformance check of one protocol: TLC generates {@code num} random behaviours
 * of the protocol's generator module (seeded), and each is replayed against the Java core by
 * {@link SpecReplay}. The report lists the first mismatches (each with its behaviour as a step
 * list and the seed and number that regenerate it) and how often each spec action was replayed.
 */
public final class SpecDrivenConformance {

    /** Simulated time per tick in a replay: the simulator's (10 ms). */
    static final long TICK_NANOS = 10_000_000L;

    /** One behaviour that did not replay. */
    public record Failure(SpecBehaviours.Behaviour behaviour, SpecReplay.Mismatch mismatch) {

        /** The behaviour as a numbered step list, the mismatch under the step where it happened. */
        public List<String> explain() {
            List<String> out = new ArrayList<>();
            List<String> steps = SpecReplay.describe(behaviour);
            for (int k = 0; k < steps.size(); k++) {
                out.add(steps.get(k));
                if (k + 1 == mismatch.step()) {
                    out.add("      ^ MISMATCH: " + mismatch.detail());
                }
            }
            if (mismatch.step() > steps.size()) {
                out.add("      ^ MISMATCH after the last step: " + mismatch.detail());
            }
            return out;
        }
    }

    /**
     * What a run replayed and what failed. {@code branches} counts, per "Action/branch" the
     * generator names (its {@code Branch} operator), the steps replayed; {@code missing} lists
     * the branches its {@code SDBranches} requires that no replayed step took (every required
     * branch is listed in {@code branches}, with 0 when missing).
     */
    public record Report(String protocol, SpecBehaviours.Request request, int replayed, List<Failure> failures,
            Map<String, Integer> actions, Map<String, Integer> branches, List<String> missing, List<String> shown,
            String tlcProblem) {

        /** The command that replays behaviour #{@code number} alone and prints its steps. */
        public String replayCommand(int number) {
            String extra = dev.lockstep.core.ProtocolRegistry.find(protocol).isPresent() ? ""
                    : " (a test-only core: with -Dlockstep.protocols.extra=<its Broken...Variants class>#<method> and"
                            + " impl's test classes on the class path)";
            return "./lockstep spec-replay --protocol " + protocol + " --config " + request.config() + " --depth "
                    + request.depth() + " --seed " + request.seed() + " --only " + number + extra;
        }

        public boolean passed() {
            return tlcProblem == null && failures.isEmpty() && replayed > 0 && missing.isEmpty();
        }

        public List<String> lines() {
            List<String> out = new ArrayList<>();
            out.add(protocol + ": " + replayed + " behaviours of " + request.module() + " with " + request.config()
                    + ".cfg (TLC seed " + request.seed()
                    + ", depth <= " + request.depth() + "), " + failures.size() + " not replayed"
                    + (tlcProblem == null ? "" : "; TLC: " + tlcProblem));
            out.add("  steps replayed per action: " + actions);
            out.add("  guard branches replayed (" + branches.size() + " seen or required; required but never taken: "
                    + (missing.isEmpty() ? "none" : missing) + "):");
            branches.forEach((b, n) -> out.add(String.format("    %-66s %6d", b, n)));
            for (Failure f : failures.subList(0, Math.min(3, failures.size()))) {
                out.add("  behaviour #" + f.behaviour().number() + " (replay: " + replayCommand(f.behaviour().number())
                        + "; TLC alone: " + request.command() + "):");
                f.explain().forEach(l -> out.add("    " + l));
            }
            if (failures.isEmpty() && !shown.isEmpty()) {
                out.add("  its steps:");
                shown.forEach(l -> out.add("    " + l));
            }
            return out;
        }
    }

    private SpecDrivenConformance() {}

    /** The generator module of a protocol's spec: {@code SpecDriven<SpecModule>}. */
    static String generator(Protocol protocol) {
        return "SpecDriven" + protocol.specModule();
    }

    /**
     * The generator configs of {@code protocol}'s spec, each a separate run: every
     * {@code specs/<dir>/SpecDriven<SpecModule>*.cfg}, in name order (none: the protocol has no
     * spec-driven conformance yet).
     */
    public static List<String> configs(Protocol protocol) throws IOException {
        Path dir = specs().resolve(protocol.specDir());
        String prefix = generator(protocol);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".cfg"))
                    .map(n -> n.substring(0, n.length() - ".cfg".length())).sorted().toList();
        }
    }

    private static Path specs() {
        return SpecsRoot.locate().orElseThrow(() -> new IllegalStateException("cannot find the specs/ folder from "
                + Path.of("").toAbsolutePath()));
    }

    /**
     * Replays only behaviour #{@code number} of the seed (TLC generates the first number + 1 and
     * the others are skipped); the report then prints that behaviour's steps.
     */
    public static Report runOne(Protocol protocol, String config, int number, int depth, long seed) throws IOException {
        Report all = run(protocol, config, number + 1, depth, seed, b -> b.number() == number);
        return all;
    }

    /** Generates {@code num} behaviours of {@code config} (one of {@link #configs}) and replays them. */
    public static Report run(Protocol protocol, String config, int num, int depth, long seed) throws IOException {
        return run(protocol, config, num, depth, seed, b -> true);
    }

    private static Report run(Protocol protocol, String config, int num, int depth, long seed,
            java.util.function.Predicate<SpecBehaviours.Behaviour> which) throws IOException {
        SpecBehaviours.Request request = new SpecBehaviours.Request(specs().resolve(protocol.specDir()),
                generator(protocol), config, num, depth, seed, Duration.ofMinutes(10));
        SpecBehaviours.Result generated = SpecBehaviours.generate(request);
        if (!generated.tlc().passed()) {
            return new Report(protocol.name(), request, 0, List.of(), Map.of(), Map.of(), List.of(), List.of(),
                    generated.tlc().outcome() + " " + Optional.ofNullable(generated.tlc().error())
                            .orElse(String.valueOf(generated.tlc().violation())));
        }
        if (generated.behaviours().isEmpty()) {
            return new Report(protocol.name(), request, 0, List.of(), Map.of(), Map.of(), List.of(), List.of(),
                    "TLC wrote no behaviour");
        }
        ReplayProfile profile = ReplayProfile.fromInit(generated.behaviours().get(0).init());
        SpecReplay replay = new SpecReplay(protocol, profile, members(generated.behaviours()), TICK_NANOS);
        List<Failure> failures = new ArrayList<>();
        Map<String, Integer> actions = new TreeMap<>();
        Map<String, Integer> branches = new TreeMap<>();
        List<SpecBehaviours.Behaviour> chosen = generated.behaviours().stream().filter(which).toList();
        for (SpecBehaviours.Behaviour b : chosen) {
            b.init().path("branches").forEach(n -> branches.putIfAbsent(n.asText(), 0));
            Optional<SpecReplay.Mismatch> m = replay.replay(b, seed + b.number(), b.steps().size() + 1 >= depth);
            int upTo = m.map(SpecReplay.Mismatch::step).orElse(b.steps().size() + 1) - 1;
            for (var s : b.steps().subList(0, Math.min(upTo, b.steps().size()))) {
                actions.merge(s.get("act").asText(), 1, Integer::sum);
                if (s.has("branch")) {
                    branches.merge(s.get("act").asText() + "/" + s.get("branch").asText(), 1, Integer::sum);
                }
            }
            m.ifPresent(mm -> failures.add(new Failure(b, mm)));
        }
        List<String> required = new ArrayList<>();
        generated.behaviours().stream().findFirst()
                .ifPresent(b -> b.init().path("branches").forEach(n -> required.add(n.asText())));
        List<String> missing = required.stream().filter(r -> branches.getOrDefault(r, 0) == 0).toList();
        List<String> shown = chosen.size() == 1 ? SpecReplay.describe(chosen.get(0)) : List.of();
        return new Report(protocol.name(), request, chosen.size(), failures, actions, branches, missing, shown, null);
    }

    /** The nodes the behaviours name: n1..nK for the largest K any step names. */
    private static List<NodeId> members(List<SpecBehaviours.Behaviour> behaviours) {
        int max = behaviours.stream().flatMap(b -> b.steps().stream())
                .map(s -> s.path("node").asText(""))
                .filter(n -> n.matches("n[0-9]+"))
                .mapToInt(n -> Integer.parseInt(n.substring(1))).max().orElse(3);
        return IntStream.rangeClosed(1, max).mapToObj(NodeId::of).toList();
    }
}
