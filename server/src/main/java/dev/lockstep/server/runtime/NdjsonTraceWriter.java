package dev.lockstep.server.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.core.Effect;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes trace effects as NDJSON, one object per line in executed order, in the shape of
 * docs/runtime-contract.md "Trace lines": {@code "i"} (1-based line number), then
 * {@code "action"}, then the effect's fields. (The trace-check module has its own writer; the
 * server may not depend on that module, so this is the server's small one.)
 */
public final class NdjsonTraceWriter implements TraceSink {
    private final ObjectMapper mapper = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private final OutputStream out;
    private long line;

    public NdjsonTraceWriter(OutputStream out) {
        this.out = out;
    }

    /** Creates (or truncates) {@code file}, creating its parent folders. */
    public static NdjsonTraceWriter open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new NdjsonTraceWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    @Override
    public void write(Effect.Trace trace) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("i", ++line);
        object.put("action", trace.action());
        for (Map.Entry<String, Object> e : trace.fields().entrySet()) {
            object.putIfAbsent(e.getKey(), e.getValue());
        }
        try {
            mapper.writeValue(out, object);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing trace line " + line + " failed", e);
        }
    }

    /** Lines written so far. */
    public long lines() {
        return line;
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("flushing the trace file failed", e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the trace file failed", e);
        }
    }
}
