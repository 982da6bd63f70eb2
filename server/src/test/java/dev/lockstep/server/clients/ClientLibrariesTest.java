package dev.lockstep.server.clients;

import dev.lockstep.server.clients.AppWorkload.Scenario;
import io.lettuce.core.protocol.ProtocolVersion;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.RedisProtocol;

/**
 * Client-library compatibility: the same small application ({@link AppWorkload}: counters, a cache with a
 * time to live, a session store on a hash, a WATCH-guarded transfer, a queue on a list, a leaderboard on
 * a sorted set, tags on a set, and the keyspace commands) written against Jedis (RESP2 and RESP3),
 * Lettuce's sync API (RESP3 and RESP2) and redis-py ({@code src/test/python/app_workload.py}), run against
 * one 3-replica cluster ({@link ClientCluster}) with every reply checked against what the library returns
 * from Redis.
 *
 * <p>Each library and scenario is one test, named and failing as "lettuce RESP3 / leaderboard on a sorted
 * set: ...". The application talks to a follower (which forwards to the leader); the expiry and WATCH
 * checks use every replica's client port.
 *
 * <p>redis-py comes from the Debian package python3-redis: when neither {@code python3} nor
 * {@code /usr/bin/python3} can import it, the test runs {@code scripts/install-test-clients.sh}
 * (apt-get, as root or through sudo) and the redis-py tests fail, naming the script, if that is impossible.
 * {@code -Dlockstep.test.clientsProtocol=multipaxos} runs the class on another protocol (default raft);
 * {@code -Dlockstep.test.clientsAgainst=127.0.0.1:6379} runs it against a real Redis instead (FLUSHDB!),
 * which checks the expectations themselves: the "every replica" checks then use that one server.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS) // per test; every client call is bounded by 5 s besides
class ClientLibrariesTest {
    @TempDir
    static Path dir;
    private static final ClientCluster cluster = new ClientCluster();

    /** The libraries (and protocols), named as test names and failure messages name them. */
    enum Library {
        JEDIS_RESP2("jedis RESP2", c -> new JedisWorkload(c.replicas(), RedisProtocol.RESP2, "jedis2:")),
        /** RESP3 after HELLO 3. */
        JEDIS_RESP3("jedis RESP3", c -> new JedisWorkload(c.replicas(), RedisProtocol.RESP3, "jedis3:")),
        /** Lettuce's sync API; RESP3 is its default. */
        LETTUCE_RESP3("lettuce RESP3",
                c -> new LettuceWorkload(c.replicas(), c.lettuceResources(), ProtocolVersion.RESP3, "lettuce3:")),
        LETTUCE_RESP2("lettuce RESP2",
                c -> new LettuceWorkload(c.replicas(), c.lettuceResources(), ProtocolVersion.RESP2, "lettuce2:")),
        /** app_workload.py, on the interpreter {@link RedisPy} found. */
        REDIS_PY("redis-py", c -> new RedisPyWorkload(RedisPy.interpreter(dir), c.replicas(), dir));

        @FunctionalInterface
        interface Opener {
            AppWorkload open(ClientCluster cluster) throws Exception;
        }

        private final String title;
        private final Opener opener;

        Library(String title, Opener opener) {
            this.title = title;
            this.opener = opener;
        }

        @Override
        public String toString() {
            return title;
        }
    }

    @BeforeAll
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    static void startCluster() throws Exception {
        cluster.start(dir);
    }

    /**
     * Looks for (and if need be installs) redis-py up front: installing may take minutes, more than a test's
     * timeout. When that fails, RedisPy remembers why and every redis-py test fails with it; the others run.
     */
    @BeforeAll
    static void findRedisPy() throws Exception {
        try {
            RedisPy.interpreter(dir);
        } catch (AssertionError e) {
            System.out.println("client libraries: the redis-py tests will fail: " + e.getMessage());
        }
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    static Stream<Arguments> everyLibraryAndScenario() {
        return Arrays.stream(Library.values())
                .flatMap(library -> Arrays.stream(Scenario.values()).map(scenario -> Arguments.of(library, scenario)));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("everyLibraryAndScenario")
    void scenario(Library library, Scenario scenario) {
        AppWorkload workload;
        try {
            workload = library.opener.open(cluster);
        } catch (Exception | Error e) {
            throw new AssertionError(library + ": could not start the client of " + cluster.replicas().get(0)
                    + ": " + e, e);
        }
        try {
            long start = System.nanoTime();
            try {
                scenario.runOn(workload);
            } catch (Throwable e) {
                throw new AssertionError(library + " / " + scenario + ": " + e, e);
            } finally {
                System.out.printf("client libraries: %s / %s: %d ms%n", library, scenario,
                        (System.nanoTime() - start) / 1_000_000);
            }
        } finally {
            workload.close();
        }
    }
}
