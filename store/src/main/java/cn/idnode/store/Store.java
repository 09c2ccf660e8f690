package cn.idnode.store;

import java.util.List;
import java.util.Optional;

/**
 * The node's storage: a few separate key spaces of ordered byte keys, written in atomic batches.
 *
 * <p>Design note. The interface is kept narrow so that both the embedded engine (RocksDB: atomic multi-key
 * batches, ordered iteration, a block cache that can be read without I/O) and a distributed engine (Cassandra:
 * partitioned keys, logged batches, lightweight transactions for preconditions) implement it without losing
 * their strengths:
 * <ul>
 *   <li>single-key reads, with a non-blocking variant for the hot path ({@link #getIfCached});</li>
 *   <li>multi-key batches, atomic, with optional preconditions ({@link WriteBatch});</li>
 *   <li>ordered scans by key prefix, resumable after a key (paging);</li>
 *   <li>append-only logs whose keys are sequence numbers (8-byte big-endian) assigned by the store;</li>
 *   <li>64-bit counters updated by deltas inside batches.</li>
 * </ul>
 * A write returns only once it is durable to the degree the engine is configured for; an acknowledged write
 * survives a crash of the process. Implementations are thread-safe.
 */
public interface Store extends AutoCloseable {

    /** The value stored under {@code key}, if any. May block on I/O: never call it on an event-loop thread. */
    Optional<byte[]> get(KeySpace space, byte[] key);

    /**
     * The value under {@code key} if it can be decided without I/O (memory tables and cache only). Never blocks on
     * disk. Engines without such a cache always answer {@link CachedRead#UNKNOWN}.
     */
    CachedRead getIfCached(KeySpace space, byte[] key);

    /** Values for several keys of one space, in the order of {@code keys}. */
    List<Optional<byte[]>> multiGet(KeySpace space, List<byte[]> keys);

    /** The value of a counter; 0 if it was never written. */
    long counter(KeySpace space, byte[] key);

    /**
     * Applies a batch atomically. Preconditions are checked together with the write.
     *
     * @throws PreconditionFailedException if a precondition does not hold (nothing is written)
     * @throws StoreException if the engine fails (nothing or everything may have been written only if the engine
     *     cannot tell; the RocksDB engine writes nothing)
     */
    WriteResult write(WriteBatch batch);

    /**
     * Entries of {@code space} whose keys start with {@code prefix} (empty prefix: all), in key order, beginning after
     * {@code startAfter} when it is present (exclusive; used for paging).
     */
    Cursor scan(KeySpace space, byte[] prefix, Optional<byte[]> startAfter);

    /** Entries of a log space with sequence numbers {@code >= fromSequence}, in order. */
    default Cursor readLog(KeySpace space, long fromSequence) {
        if (space.kind() != KeySpace.Kind.LOG) {
            throw new IllegalArgumentException(space.name() + " is not a log space");
        }
        return fromSequence <= 0
                ? scan(space, new byte[0], Optional.empty())
                : scan(space, new byte[0], Optional.of(StoreKeys.sequence(fromSequence - 1)));
    }

    /** The last sequence number assigned in a log space, or 0 if it is empty. */
    long lastSequence(KeySpace space);

    /** Estimated number of keys in a space (cheap; may be approximate). */
    long estimateCount(KeySpace space);

    /** Engine name and a few figures for status pages ("rocksdb", sizes, cache hit rate...). */
    StoreStatus status();

    /** Flushes and releases the engine. Further calls fail with {@link StoreException}. */
    @Override
    void close();
}
