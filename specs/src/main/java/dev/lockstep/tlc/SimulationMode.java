package dev.lockstep.tlc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TLC's simulation mode, as a config asks for it with the line
 * {@code \* tlc-mode: simulate num=<N> depth=<D> seed=<S>}: instead of exploring every reachable
 * state, TLC generates {@code num} random behaviours, each of at most {@code depth} steps after
 * its initial state, checking the invariants and action properties in every state it visits.
 * TLC's random choices follow from the seed alone (with one worker), so a seed reproduces a run.
 *
 * @param num how many behaviours to generate (TLC's {@code -simulate num=N}), at least 1
 * @param depth the most steps a behaviour takes (TLC's {@code -depth D}), at least 1; a behaviour
 *     also ends early where no step is enabled or the next state leaves the state constraint
 * @param seed the seed of TLC's random choices ({@code -seed S})
 */
public record SimulationMode(long num, int depth, long seed) {

    /** The directive's form, for error messages and documentation. */
    public static final String DIRECTIVE = "\\* tlc-mode: simulate num=<N> depth=<D> seed=<S>";

    private static final List<String> KEYS = List.of("num", "depth", "seed");

    public SimulationMode {
        if (num < 1 || depth < 1) {
            throw new IllegalArgumentException("num and depth must be at least 1, got num=" + num
                    + " depth=" + depth);
        }
    }

    /**
     * Parses what follows {@code tlc-mode:}, e.g. {@code simulate num=20000 depth=60 seed=1}: the
     * mode, then each of {@code num}, {@code depth} and {@code seed} exactly once, in any order.
     *
     * @throws IllegalArgumentException saying what is wrong, without the expected form
     */
    public static SimulationMode parse(String directive) {
        List<String> words = List.of(directive.strip().split("\\s+"));
        if (words.get(0).isEmpty()) {
            throw new IllegalArgumentException("no mode given");
        }
        if (!words.get(0).equals("simulate")) {
            throw new IllegalArgumentException("unknown mode '" + words.get(0)
                    + "' (the only mode is 'simulate')");
        }
        Map<String, Long> values = new HashMap<>();
        for (String word : words.subList(1, words.size())) {
            int eq = word.indexOf('=');
            String key = eq < 0 ? word : word.substring(0, eq);
            if (eq < 0 || !KEYS.contains(key)) {
                throw new IllegalArgumentException("unexpected '" + word + "'");
            }
            if (values.put(key, number(key, word.substring(eq + 1))) != null) {
                throw new IllegalArgumentException(key + " is given twice");
            }
        }
        for (String key : KEYS) {
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("missing " + key);
            }
        }
        long num = values.get("num");
        long depth = values.get("depth");
        if (num < 1) {
            throw new IllegalArgumentException("num must be at least 1");
        }
        if (depth < 1 || depth > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("depth must be between 1 and " + Integer.MAX_VALUE);
        }
        return new SimulationMode(num, (int) depth, values.get("seed"));
    }

    private static long number(String key, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + text + "'");
        }
    }

    /** {@code -simulate num=N -depth D -seed S}. */
    public List<String> tlcArgs() {
        return List.of("-simulate", "num=" + num, "-depth", Integer.toString(depth),
                "-seed", Long.toString(seed));
    }

    /** "20,000 behaviours of depth <= 60, seed 1". */
    public String describe() {
        return String.format("%,d behaviour%s of depth <= %d, seed %d", num, num == 1 ? "" : "s",
                depth, seed);
    }

    public SimulationMode withNum(long n) {
        return new SimulationMode(n, depth, seed);
    }

    public SimulationMode withDepth(int d) {
        return new SimulationMode(num, d, seed);
    }

    public SimulationMode withSeed(long s) {
        return new SimulationMode(num, depth, s);
    }
}
