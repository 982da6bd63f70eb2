package dev.lockstep.server.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import dev.lockstep.core.ReplicaStatus;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.KvStateMachine;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import dev.lockstep.server.resp.RequestRouter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The leader's sweep finds expired keys with a read and deletes them with a replicated write; others stay quiet. */
class ExpirySweeperTest {
    private final KvStateMachine machine = new KvStateMachine();
    private final List<Command> submitted = new ArrayList<>();
    private final RequestRouter router = (id, command, done) -> {
        submitted.add(command);
        done.accept(command.isReadOnly() ? machine.read(command) : machine.apply(id, command));
    };
    private final AtomicReference<ReplicaStatus> status = new AtomicReference<>(leader(true));
    private final EmbeddedChannel loop = new EmbeddedChannel();

    private static ReplicaStatus leader(boolean leading) {
        return new ReplicaStatus(NodeId.of(1), leading ? "Leader" : "Follower",
                Optional.of(new ReplicaStatus.Leadership(1, leading, Optional.empty())), Map.of("expires", 2L));
    }

    @Test
    void theLeaderDeletesExpiredKeysAndOnlyThose() throws Exception {
        long now = System.currentTimeMillis();
        machine.apply(new RequestId(9, 1), new Command.Timed(now, Command.Redis.of("set", "gone", "v", "PX", "1")));
        machine.apply(new RequestId(9, 2), new Command.Timed(now, Command.Redis.of("set", "kept", "v", "EX", "100")));
        machine.apply(new RequestId(9, 3), new Command.Timed(now, Command.Redis.of("set", "plain", "v")));
        Thread.sleep(5);
        ExpirySweeper sweeper = new ExpirySweeper(router, status::get, loop.eventLoop(), new AtomicLong(77)::getAndIncrement, 1);
        sweeper.start();
        for (int i = 0; i < 20 && machine.store().size() == 3; i++) {
            Thread.sleep(2);
            loop.runScheduledPendingTasks();
            loop.runPendingTasks();
        }
        sweeper.close();
        assertEquals(2, machine.store().size(), "only the expired key was deleted");
        assertTrue(submitted.get(0) instanceof Command.Timed t && t.command() instanceof Command.ExpiredKeys);
        assertTrue(submitted.stream().anyMatch(c -> c instanceof Command.Acked a && a.command() instanceof Command.Timed t
                && t.command().equals(new Command.ExpireKeys(List.of(Bytes.utf8("gone"))))), submitted.toString());
    }

    /** Lets the sweeper's timer fire for about {@code rounds} periods, then stops it. */
    private void runRounds(ExpirySweeper sweeper, int rounds) throws InterruptedException {
        sweeper.start();
        for (int i = 0; i < rounds; i++) {
            Thread.sleep(2);
            loop.runScheduledPendingTasks();
            loop.runPendingTasks();
        }
        sweeper.close();
    }

    @Test
    void aLeaderWithNoExpiringKeyDoesNotSearch() throws Exception {
        status.set(new ReplicaStatus(NodeId.of(1), "Leader",
                Optional.of(new ReplicaStatus.Leadership(1, true, Optional.empty())), Map.of("expires", 0L)));
        ExpirySweeper sweeper = new ExpirySweeper(router, status::get, loop.eventLoop(), new AtomicLong(77)::getAndIncrement, 1);
        runRounds(sweeper, 10);
        assertEquals(List.of(), submitted);
    }

    @Test
    void aFollowerDoesNotSweep() throws Exception {
        status.set(leader(false));
        ExpirySweeper sweeper = new ExpirySweeper(router, status::get, loop.eventLoop(), new AtomicLong(77)::getAndIncrement, 1);
        runRounds(sweeper, 10);
        assertEquals(List.of(), submitted);
    }
}
