package dev.lockstep.trace.tlc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tlc2.overrides.TLAPlusOperator;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;

/**
 * The Java body of {@code NDJsonRead(path)} in module {@code NDJson}: the file's lines as a tuple
 * of records (see {@link JsonToTla}). TLC may evaluate a constant definition that calls this
 * several times while it starts; the parsed file is cached by (absolute path, size, modification
 * time), so each file is read once per TLC run unless it changes.
 */
public final class NDJsonOverride {

    private record Key(Path path, long size, long modified) {}

    private static final Map<Key, TupleValue> CACHE = new ConcurrentHashMap<>();

    private NDJsonOverride() {}

    @TLAPlusOperator(identifier = "NDJsonRead", module = "NDJson", warn = false)
    public static Value read(Value path) throws IOException {
        if (!(path instanceof StringValue s)) {
            throw new IllegalArgumentException("NDJsonRead expects a file name (a string), got " + path);
        }
        Path file = Path.of(s.val.toString()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("NDJsonRead: no such file " + file);
        }
        Key key = new Key(file, Files.size(file), Files.getLastModifiedTime(file).toMillis());
        TupleValue cached = CACHE.get(key);
        if (cached == null) {
            cached = JsonToTla.readFile(file);
            CACHE.put(key, cached);
        }
        return cached;
    }
}
