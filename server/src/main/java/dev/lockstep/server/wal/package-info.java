/**
 * The write-ahead log and group commit of a replica's durable state.
 *
 * <p>Start-up: open a {@link dev.lockstep.server.wal.SegmentedWal} on the replica's directory and
 * call {@code recover()} once; decode the returned records with the protocol's
 * {@code ProtocolCodec} and feed them to the core as {@code Event.Recover} (unless there are none:
 * a fresh replica gets no Recover). Then hand the log to
 * {@link dev.lockstep.server.wal.GroupCommitter#start}; from then on only its durability thread
 * touches the log.
 *
 * <p>Running: for each {@code Effect.Persist(seq, records)} the event loop calls
 * {@code submit(seq, entries)} (one entry per encoded record, {@code checkpoint} from
 * {@code DurableRecord.isCheckpoint()}); the records of one Persist are written as one atomic
 * unit. {@code Callbacks.onDurable(highestSeq)} runs on the durability thread: hop back to the
 * event loop and deliver {@code Event.Persisted(highestSeq)} there; the effects held behind those
 * persists are released then. {@code Callbacks.onError} means durability is lost: stop the
 * replica. {@link dev.lockstep.server.wal.CommitMetrics} feeds fsync latency and batch sizes to
 * the metrics registry.
 *
 * <p>Format and failure model: {@link dev.lockstep.server.wal.WalFormat},
 * {@link dev.lockstep.server.wal.SegmentedWal}.
 */
package dev.lockstep.server.wal;
