package tlc2.overrides;

import dev.lockstep.trace.tlc.NDJsonOverride;
import dev.lockstep.trace.tlc.NodeNameOverride;
import dev.lockstep.trace.tlc.ProgressOverride;
import dev.lockstep.trace.tlc.TlaJsonOverride;

/**
 * The one class TLC looks up by this fixed name to find Java module overrides. It lists every
 * override class of the project: TLC loads only one {@code tlc2.overrides.TLCOverrides} from its
 * class path, so a second list elsewhere would hide this one.
 */
public final class TLCOverrides implements ITLCOverrides {

    @Override
    @SuppressWarnings("rawtypes")
    public Class[] get() {
        return new Class[] {NDJsonOverride.class, ProgressOverride.class, NodeNameOverride.class, TlaJsonOverride.class};
    }
}
