package dev.lockstep.server.runtime;

import dev.lockstep.core.Effect;

/** Where executed {@link Effect.Trace} effects go. Called only on the replica's event loop. */
public interface TraceSink extends AutoCloseable {

    /** Drops every trace effect (production default). */
    TraceSink DROP = new TraceSink() {
        @Override
        public void write(Effect.Trace trace) {}

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    void write(Effect.Trace trace);

    /** Pushes buffered lines to the file (called periodically and at shutdown). */
    void flush();

    @Override
    void close();
}
