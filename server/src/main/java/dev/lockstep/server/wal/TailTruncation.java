package dev.lockstep.server.wal;

import java.nio.file.Path;

/**
 * What recovery cut off the end of the last segment: a torn write from a crash, whose records
 * were never reported durable.
 *
 * @param segment the last segment file
 * @param offset where the file now ends (the first byte that was dropped)
 * @param droppedBytes how many bytes were dropped
 * @param droppedRecords how many checksum-valid records were dropped with them (the start of an
 *     atomic unit whose end was torn off)
 * @param reason why the first dropped byte could not be trusted
 */
public record TailTruncation(
        Path segment, long offset, long droppedBytes, int droppedRecords, String reason) {

    /** The one-line description {@link WriteAheadLog.Recovery#truncatedTail()} carries. */
    public String describe() {
        String unit = droppedRecords == 0 ? ""
                : "; with it " + droppedRecords + " intact record(s) of an unfinished atomic unit";
        return "dropped " + droppedBytes + " bytes at offset " + offset + " of "
                + segment.getFileName() + " (" + reason + unit + ")";
    }
}
