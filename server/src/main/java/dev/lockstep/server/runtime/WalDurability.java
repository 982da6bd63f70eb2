package dev.lockstep.server.runtime;

import dev.lockstep.server.wal.GroupCommitter;
import dev.lockstep.server.wal.WriteAheadLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** {@link Durability} over the write-ahead log's {@link GroupCommitter}. */
public final class WalDurability implements Durability {
    private final GroupCommitter committer;

    public WalDurability(GroupCommitter committer) {
        this.committer = committer;
    }

    @Override
    public void submit(long seq, List<WriteAheadLog.Entry> entries) {
        committer.submit(seq, entries);
    }

    @Override
    public void close() {
        try {
            committer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the write-ahead log failed", e);
        }
    }
}
