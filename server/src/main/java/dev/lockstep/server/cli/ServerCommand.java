package dev.lockstep.server.cli;

import dev.lockstep.core.Protocol;
import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.server.config.ConfigException;
import dev.lockstep.server.config.ConfigLoader;
import dev.lockstep.server.config.ServerConfig;
import dev.lockstep.server.node.Node;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code server --config FILE [--trace-out FILE]}: runs one replica until SIGTERM/Ctrl-C. */
@Command(name = "server", mixinStandardHelpOptions = true, description = "Run one replica server.")
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "YAML or JSON configuration")
    Path config;

    @Option(names = "--trace-out", paramLabel = "FILE",
            description = "write the replica's trace effects to FILE as NDJSON (off by default)")
    Path traceOut;

    @Option(names = "--exit-on-stdin-eof", hidden = true,
            description = "exit when stdin closes (set by `cluster`, so children die with their parent)")
    boolean exitOnStdinEof;

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig cfg;
        try {
            cfg = new ConfigLoader().load(config);
        } catch (ConfigException e) {
            System.err.println("lockstep: bad configuration " + config + ": " + e.getMessage());
            return 2;
        }
        if (traceOut != null) {
            cfg = cfg.withTraceOut(Optional.of(traceOut.toAbsolutePath()));
        }
        Protocol protocol = ProtocolRegistry.get(cfg.protocol());
        Node node;
        try {
            node = Node.start(cfg, protocol, cause -> exitSoon(1));
        } catch (Exception e) {
            System.err.println("lockstep: replica " + cfg.self() + " cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            closed.countDown();
        }, "shutdown"));
        if (exitOnStdinEof) {
            ParentWatch.exitWhenStdinCloses();
        }
        System.out.printf("lockstep %s ready: clients redis-cli -p %d, admin http://%s:%d/%n", cfg.self(),
                node.clientPort(), displayHost(cfg.bindHost()), node.adminPort());
        closed.await();
        return 0;
    }

    private static String displayHost(String bind) {
        return bind.equals("0.0.0.0") ? "127.0.0.1" : bind;
    }

    /** Exits from a fresh thread, so the caller (an event loop) is not blocked by shutdown hooks. */
    static void exitSoon(int code) {
        Thread t = new Thread(() -> System.exit(code), "exit");
        t.setDaemon(false);
        t.start();
    }
}
