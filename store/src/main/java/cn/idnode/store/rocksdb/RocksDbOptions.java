package cn.idnode.store.rocksdb;

/**
 * Tuning of the embedded engine. Defaults suit a node with a few GB of RAM serving up to ~100 M identifiers.
 *
 * @param blockCacheBytes size of the shared LRU block cache (uncompressed blocks); the hot set of records should fit
 * @param syncWrites      fsync the write-ahead log before a write is acknowledged (survives power loss, not only a
 *                        process crash); RocksDB groups concurrent writers into one sync
 * @param writeBufferBytes memtable size per key space
 * @param maxBackgroundJobs flush and compaction threads
 * @param valueCacheBytes  in-process cache of values read by key (0 = none): hot point reads skip RocksDB entirely
 */
public record RocksDbOptions(long blockCacheBytes, boolean syncWrites, long writeBufferBytes, int maxBackgroundJobs,
                             long valueCacheBytes) {

    public RocksDbOptions {
        if (blockCacheBytes < 1 << 20) {
            throw new IllegalArgumentException("blockCacheBytes must be at least 1 MiB");
        }
        if (writeBufferBytes < 1 << 20) {
            throw new IllegalArgumentException("writeBufferBytes must be at least 1 MiB");
        }
        if (maxBackgroundJobs < 1) {
            throw new IllegalArgumentException("maxBackgroundJobs must be at least 1");
        }
        if (valueCacheBytes < 0) {
            throw new IllegalArgumentException("valueCacheBytes must be 0 (off) or more");
        }
    }

    public RocksDbOptions(long blockCacheBytes, boolean syncWrites, long writeBufferBytes, int maxBackgroundJobs) {
        this(blockCacheBytes, syncWrites, writeBufferBytes, maxBackgroundJobs, 0);
    }

    public static RocksDbOptions defaults() {
        return new RocksDbOptions(512L << 20, true, 64L << 20, 2);
    }

    public RocksDbOptions withSyncWrites(boolean sync) {
        return new RocksDbOptions(blockCacheBytes, sync, writeBufferBytes, maxBackgroundJobs, valueCacheBytes);
    }

    public RocksDbOptions withBlockCacheBytes(long bytes) {
        return new RocksDbOptions(bytes, syncWrites, writeBufferBytes, maxBackgroundJobs, valueCacheBytes);
    }

    public RocksDbOptions withValueCacheBytes(long bytes) {
        return new RocksDbOptions(blockCacheBytes, syncWrites, writeBufferBytes, maxBackgroundJobs, bytes);
    }
}
