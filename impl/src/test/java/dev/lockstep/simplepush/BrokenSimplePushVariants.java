package dev.lockstep.simplepush;

import dev.lockstep.core.Protocol;
import java.util.List;

/**
 * Deliberately broken SimplePush cores, for tests that prove the checks catch them. Test-only:
 * nothing registers them.
 */
public final class BrokenSimplePushVariants {
    private BrokenSimplePushVariants() {}

    /** Every broken variant, for {@code -Dlockstep.protocols.extra=dev.lockstep.simplepush.BrokenSimplePushVariants#all}. */
    public static List<Protocol> all() {
        return List.of(earlyAnswer());
    }

    /**
     * Answers a write once it is durable locally, before every push is acknowledged: the
     * promise of {@code K + 1} copies is broken. Spec twin: buggy/MCSimplePushEarlyAnswer.
     */
    public static Protocol earlyAnswer() {
        SimplePushConcerns concerns = new SimplePushConcerns() {
            @Override
            public Replication replication(SimplePushContext ctx) {
                return new Replication(ctx) {
                    @Override
                    protected void maybeAnswer(PendingWrite w) {
                        if (w.waiters > 0 && w.acks == 0) {
                            answer(w);
                        }
                    }
                };
            }
        };
        return SimplePushProtocol.descriptor().named("simplepush-early-answer")
                .withFactory((config, seed) -> new SimplePushReplica(config, concerns));
    }
}
