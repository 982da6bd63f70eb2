package dev.lockstep.server.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A minimal blocking RESP2 client for the {@code client} REPL: sends a command as an array of
 * bulk strings and renders the reply the way redis-cli does.
 */
final class RespClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RespClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream());
    }

    /** Sends one command and returns its reply rendered as text. */
    String call(List<String> args) throws IOException {
        StringBuilder sb = new StringBuilder("*").append(args.size()).append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        for (String arg : args) {
            byte[] b = arg.getBytes(StandardCharsets.UTF_8);
            out.write(("$" + b.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(b);
            out.write('\r');
            out.write('\n');
        }
        out.flush();
        StringBuilder rendered = new StringBuilder();
        render(rendered, "");
        return rendered.toString();
    }

    private void render(StringBuilder sb, String indent) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("server closed the connection");
        }
        String line = readLine();
        switch (type) {
            case '+' -> sb.append(line);
            case '-' -> sb.append("(error) ").append(line);
            case ':' -> sb.append("(integer) ").append(line);
            case '_' -> sb.append("(nil)");
            case '$' -> bulk(sb, Integer.parseInt(line));
            case '*', '%' -> array(sb, indent, Integer.parseInt(line) * (type == '%' ? 2 : 1));
            default -> sb.append("(unexpected reply type '").append((char) type).append("') ").append(line);
        }
    }

    private void bulk(StringBuilder sb, int length) throws IOException {
        if (length < 0) {
            sb.append("(nil)");
            return;
        }
        byte[] data = in.readNBytes(length);
        readLine();
        sb.append('"').append(new String(data, StandardCharsets.UTF_8)).append('"');
    }

    private void array(StringBuilder sb, String indent, int n) throws IOException {
        if (n < 0) {
            sb.append("(nil)");
        } else if (n == 0) {
            sb.append("(empty array)");
        }
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append('\n').append(indent);
            }
            String prefix = (i + 1) + ") ";
            sb.append(prefix);
            render(sb, indent + " ".repeat(prefix.length()));
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("server closed the connection");
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
