package dev.lockstep.repnothing;

import dev.lockstep.common.ClientEntry;
import dev.lockstep.core.Protocol;
import java.util.List;

/**
 * Deliberately broken RepNothing cores, for tests that prove the checks catch them (the
 * simulator's durability and linearizability checkers). Test-only: nothing registers them.
 */
public final class BrokenRepNothingVariants {
    private BrokenRepNothingVariants() {}

    /** Every broken variant, for {@code -Dlockstep.protocols.extra=dev.lockstep.repnothing.BrokenRepNothingVariants#all}. */
    public static List<Protocol> all() {
        return List.of(unloggedWrites());
    }

    /**
     * Logs its writes in memory only: no {@code Append} record, so a write is answered before
     * (without) being on disk, and a crash loses acknowledged writes. Spec twin:
     * buggy/MCRepNothingAnswerBeforeSync.
     */
    public static Protocol unloggedWrites() {
        RepNothingConcerns concerns = new RepNothingConcerns() {
            @Override
            public Durability durability(RepNothingContext ctx) {
                return new Durability(ctx) {
                    @Override
                    long append(ClientEntry entry) {
                        return st.log.append();
                    }
                };
            }
        };
        return RepNothingProtocol.descriptor().named("repnothing-unlogged-writes")
                .withFactory((config, seed) -> new RepNothingReplica(config, concerns));
    }
}
