package dev.lockstep.core;

import java.util.function.IntUnaryOperator;

/**
 * One tunable number a protocol owns (a timeout in ticks, a batch size, a fan-out).
 *
 * @param name as written in a server config's {@code parameters} section and in a simulation's
 *     options line
 * @param description one line for {@code --help}, config errors and docs
 * @param min smallest allowed value
 * @param max largest allowed value
 * @param serverDefault the value a server uses when its config does not set it (ticks are the
 *     server's ticks, {@code tickMs} apart)
 * @param sizedDefault the default for a cluster of a given size, where it depends on the size
 *     (e.g. SimplePush pushes to at most {@code replicas - 1} peers); else always
 *     {@code serverDefault}
 * @param defaultText the default as docs and {@code --help} show it
 */
public record Parameter(String name, String description, int min, int max, int serverDefault,
        IntUnaryOperator sizedDefault, String defaultText) {

    /** A parameter whose default does not depend on the cluster's size. */
    public Parameter(String name, String description, int min, int max, int serverDefault) {
        this(name, description, min, max, serverDefault, size -> serverDefault, String.valueOf(serverDefault));
    }

    public Parameter {
        if (!name.matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("parameter names are lowerCamelCase words, got '" + name + "'");
        }
        if (min > max || serverDefault < min || serverDefault > max) {
            throw new IllegalArgumentException(name + ": need min <= default <= max, got " + min + ", "
                    + serverDefault + ", " + max);
        }
    }

    /** Empty if {@code value} is allowed, else why not. */
    String problem(long value) {
        return value < min || value > max ? "parameter '" + name + "' (" + description + ") must be in " + min
                + ".." + max + ", got " + value : null;
    }
}
