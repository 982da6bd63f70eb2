package dev.lockstep.server.cli;

import java.io.IOException;
import java.io.InputStream;

/**
 * Makes a child process exit when its parent goes away, however the parent died (even kill -9):
 * the parent holds the write end of the child's stdin, so its death shows up as end-of-file.
 */
final class ParentWatch {
    private ParentWatch() {}

    static void exitWhenStdinCloses() {
        Thread t = new Thread(() -> {
            InputStream in = System.in;
            try {
                while (in.read() >= 0) {
                    // the parent writes nothing; anything read is ignored
                }
            } catch (IOException e) {
                // treated like end-of-file
            }
            System.err.println("lockstep: parent process gone (stdin closed); shutting down");
            System.exit(0);
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }
}
