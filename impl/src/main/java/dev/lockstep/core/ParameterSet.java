package dev.lockstep.core;

import dev.lockstep.base.Prng;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The parameters one protocol owns: their names, ranges and server defaults, the rules that
 * relate them, and how a simulation seed draws them. The one place a protocol's tuning is
 * declared: the server's config loader, the simulator's scenario generator and the launcher all
 * read it through the registry ({@link Protocol#parameters()}).
 */
public final class ParameterSet {
    /** A protocol without parameters. */
    public static final ParameterSet NONE = new ParameterSet(List.of(), p -> Optional.empty(), rng -> Map.of());

    private final List<Parameter> parameters;
    private final Function<Parameters, Optional<String>> rule;
    private final Function<Prng, Map<String, Integer>> draw;
    private final BiFunction<Parameters, Integer, Optional<String>> clusterRule;

    /**
     * @param rule checks the values together (e.g. a heartbeat shorter than an election
     *     timeout); returns why they do not fit, or empty
     * @param draw a simulation's values from its seed's generator; what it leaves out takes the
     *     server default. It must draw the same way on every call for the same generator state.
     */
    public ParameterSet(List<Parameter> parameters, Function<Parameters, Optional<String>> rule,
            Function<Prng, Map<String, Integer>> draw) {
        this(parameters, rule, draw, (p, size) -> Optional.empty());
    }

    /**
     * @param clusterRule checks the values against the cluster's size; returns why they do not
     *     fit, or empty
     */
    public ParameterSet(List<Parameter> parameters, Function<Parameters, Optional<String>> rule,
            Function<Prng, Map<String, Integer>> draw, BiFunction<Parameters, Integer, Optional<String>> clusterRule) {
        this.parameters = List.copyOf(parameters);
        this.rule = rule;
        this.draw = draw;
        this.clusterRule = clusterRule;
        if (parameters.stream().map(Parameter::name).distinct().count() != parameters.size()) {
            throw new IllegalArgumentException("two parameters share a name in " + parameters);
        }
        of(Map.of());
    }

    public List<Parameter> list() {
        return parameters;
    }

    public Optional<Parameter> find(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Every parameter at its server default. */
    public Parameters defaults() {
        return of(Map.of());
    }

    /**
     * The given values, the rest at their defaults.
     *
     * @throws IllegalArgumentException naming the parameter that is unknown, out of range, or
     *     breaks the rule
     */
    public Parameters of(Map<String, ? extends Number> given) {
        for (String name : given.keySet()) {
            if (find(name).isEmpty()) {
                throw new IllegalArgumentException("unknown parameter '" + name + "'; this protocol has: "
                        + (parameters.isEmpty() ? "none" : String.join(", ", names())));
            }
        }
        Map<String, Integer> values = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            Number v = given.get(p.name());
            long value = v == null ? p.serverDefault() : v.longValue();
            String problem = p.problem(value);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            values.put(p.name(), (int) value);
        }
        Parameters result = new Parameters(values);
        rule.apply(result).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        return result;
    }

    /** A simulation's values, drawn from {@code rng}. */
    public Parameters draw(Prng rng) {
        return of(draw.apply(rng));
    }

    /**
     * The given values for a cluster of {@code clusterSize}: the rest at their defaults for that
     * size, and every value checked against the size too.
     *
     * @throws IllegalArgumentException naming the parameter that does not fit
     */
    public Parameters forCluster(Map<String, ? extends Number> given, int clusterSize) {
        Map<String, Number> sized = new java.util.LinkedHashMap<>(given);
        for (Parameter p : parameters) {
            sized.putIfAbsent(p.name(), p.sizedDefault().applyAsInt(clusterSize));
        }
        Parameters result = of(sized);
        clusterRule.apply(result, clusterSize).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        return result;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        parameters.forEach(p -> names.add(p.name()));
        return names;
    }
}
