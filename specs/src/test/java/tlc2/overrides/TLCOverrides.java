package tlc2.overrides;

import dev.lockstep.tlc.fixture.TwiceOverride;

/**
 * Test fixture: the one class TLC looks up by this fixed name to find Java module overrides.
 * Only on the class path of a TLC fork when a test passes the test classes as an extra
 * class-path entry (see TlcRunnerTest); the specs module's main jar does not contain it.
 */
public final class TLCOverrides implements ITLCOverrides {

    @Override
    @SuppressWarnings("rawtypes")
    public Class[] get() {
        return new Class[] {TwiceOverride.class};
    }
}
