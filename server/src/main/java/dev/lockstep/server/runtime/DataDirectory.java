package dev.lockstep.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.base.CodecException;
import dev.lockstep.base.NodeId;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.ProtocolCodec;
import dev.lockstep.server.wal.SegmentedWal;
import dev.lockstep.server.wal.WriteAheadLog;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A replica's data directory: {@code identity.json} (which cluster, replica and protocol the
 * data belongs to) and {@code wal/} (the write-ahead log). Opening it recovers the log and
 * decodes its records; a directory without an identity file and without a log is brand new.
 */
public final class DataDirectory {
    static final String IDENTITY = "identity.json";
    static final String WAL = "wal";

    /** The directory belongs to another cluster/replica/protocol, or its log cannot be decoded. */
    public static final class StartupException extends Exception {
        private static final long serialVersionUID = 1L;

        public StartupException(String message) {
            super(message);
        }
    }

    /**
     * The opened log and what it held.
     *
     * @param recovered the decoded records to feed as {@code Recover}, or empty for a brand-new
     *     directory (no Recover)
     * @param truncatedTail what recovery cut off the log's end, or null
     */
    public record Opened(SegmentedWal wal, Optional<List<DurableRecord>> recovered, String truncatedTail) {}

    private DataDirectory() {}

    public static Opened open(Path dir, String clusterId, NodeId self, String protocol, boolean fsync,
            ProtocolCodec codec) throws IOException, StartupException {
        Files.createDirectories(dir);
        Path identity = dir.resolve(IDENTITY);
        Path walDir = dir.resolve(WAL);
        boolean fresh = !Files.exists(identity);
        if (fresh && Files.isDirectory(walDir) && hasFiles(walDir)) {
            throw new StartupException(dir + " holds a write-ahead log but no " + IDENTITY
                    + "; refusing to guess whose data it is");
        }
        if (fresh) {
            writeIdentity(identity, clusterId, self, protocol);
        } else {
            checkIdentity(identity, clusterId, self, protocol);
        }
        SegmentedWal wal = new SegmentedWal(walDir, SegmentedWal.Options.defaults().withFsync(fsync));
        WriteAheadLog.Recovery recovery = wal.recover();
        List<DurableRecord> records = decode(recovery.records(), codec, walDir);
        return new Opened(wal, fresh ? Optional.empty() : Optional.of(records), recovery.truncatedTail());
    }

    private static boolean hasFiles(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.findAny().isPresent();
        }
    }

    private static List<DurableRecord> decode(List<byte[]> raw, ProtocolCodec codec, Path walDir)
            throws StartupException {
        List<DurableRecord> records = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            try {
                records.add(codec.decodeRecord(raw.get(i)));
            } catch (CodecException e) {
                throw new StartupException("record " + i + " of the log in " + walDir
                        + " passed its checksum but cannot be decoded (" + e.getMessage()
                        + "); was it written by another protocol or version?");
            }
        }
        return records;
    }

    private static void writeIdentity(Path file, String clusterId, NodeId self, String protocol) throws IOException {
        ObjectNode json = new ObjectMapper().createObjectNode()
                .put("clusterId", clusterId).put("replicaId", self.toString()).put("protocol", protocol);
        Path tmp = file.resolveSibling(IDENTITY + ".tmp");
        Files.write(tmp, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel ch = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static void checkIdentity(Path file, String clusterId, NodeId self, String protocol)
            throws IOException, StartupException {
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new StartupException(file + " is unreadable: " + e.getMessage());
        }
        expect(file, json, "clusterId", clusterId);
        expect(file, json, "replicaId", self.toString());
        expect(file, json, "protocol", protocol);
    }

    private static void expect(Path file, JsonNode json, String field, String wanted) throws StartupException {
        String found = json.path(field).asText(null);
        if (!wanted.equals(found)) {
            throw new StartupException("data directory " + file.getParent() + " belongs to " + field + " '"
                    + found + "', but the configuration says '" + wanted + "'");
        }
    }
}
