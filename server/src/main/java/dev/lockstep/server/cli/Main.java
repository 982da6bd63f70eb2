package dev.lockstep.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code lockstep} command line of the server module: {@code server} runs one replica,
 * {@code cluster} a local cluster of replica processes, {@code client} a tiny Redis REPL, {@code bench} Lockstep against Redis with redis-benchmark.
 * Exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error.
 */
@Command(name = "lockstep", mixinStandardHelpOptions = true, version = "lockstep 0.1.0",
        description = "Lockstep: a verification-first replicated key-value store speaking the Redis protocol.",
        subcommands = {ServerCommand.class, ClusterCommand.class, ClientCommand.class, BenchCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (tests call this). */
    public static int execute(String... args) {
        return new CommandLine(new Main()).execute(args); // usage errors exit 2 (picocli default)
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: server, cluster, client or bench");
    }
}
