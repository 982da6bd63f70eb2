package dev.lockstep.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code client [-h HOST] [-p PORT] [COMMAND ARGS...]}: runs one command, or a line-by-line REPL
 * (words split on spaces; double quotes group words). redis-cli is the real client; this one
 * needs nothing installed.
 */
@Command(name = "client", mixinStandardHelpOptions = true, description = "A tiny Redis REPL (redis-cli works too).")
final class ClientCommand implements Callable<Integer> {

    @Option(names = {"-H", "--host"}, defaultValue = "127.0.0.1")
    String host;

    @Option(names = {"-p", "--port"}, defaultValue = "7001")
    int port;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "a command to run instead of the REPL")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
        try (RespClient client = new RespClient(host, port)) {
            if (!command.isEmpty()) {
                System.out.println(client.call(command));
                return 0;
            }
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            System.out.print(host + ":" + port + "> ");
            System.out.flush();
            while ((line = stdin.readLine()) != null) {
                List<String> words = split(line);
                if (!words.isEmpty()) {
                    System.out.println(client.call(words));
                    if (words.get(0).equalsIgnoreCase("quit")) {
                        return 0;
                    }
                }
                System.out.print(host + ":" + port + "> ");
                System.out.flush();
            }
            return 0;
        } catch (IOException e) {
            System.err.println("lockstep: " + host + ":" + port + ": " + e.getMessage());
            return 1;
        }
    }

    /** Splits on spaces; "double quoted" words may contain spaces. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    words.add(word.toString());
                    word.setLength(0);
                    any = false;
                }
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(word.toString());
        }
        return words;
    }
}
