package dev.lockstep.core;

import java.util.List;

/** The ordered effects of one {@link Replica#step(Event)}. */
public record Step(List<Effect> effects) {
    public static final Step EMPTY = new Step(List.of());

    public Step {
        effects = List.copyOf(effects);
    }
}
