package cn.idnode.store.rocksdb;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * An in-process cache of values read from key/value spaces, so hot point reads skip the JNI call, the memtable and
 * block-cache look-ups altogether.
 *
 * <p>Design note — never stale. Writes invalidate the keys they touch after the batch is in RocksDB (under the
 * batch's key locks). A reader that fetched a value before a write could still put that old value back after the
 * invalidation; to prevent it, every lock stripe carries a version that writers increment before invalidating, and a
 * reader inserts only through an atomic {@code compute} on the key that re-checks the version it saw before reading.
 * Either the insert happens before the writer's increment (and the writer's removal, atomic on the same key, deletes
 * it) or it sees the new version and keeps out. Absent keys are not cached (bloom filters make them cheap).
 */
final class ValueCache {
    private record Key(String space, byte[] key, int hash) {
        static Key of(String space, byte[] key) {
            return new Key(space, key, 31 * space.hashCode() + Arrays.hashCode(key));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.space.equals(space) && Arrays.equals(k.key, key);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final Cache<Key, byte[]> cache;
    private final AtomicLongArray versions;

    ValueCache(long maxBytes, int stripes) {
        this.cache = Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((Key k, byte[] v) -> 64 + k.key.length + v.length).build();
        this.versions = new AtomicLongArray(stripes);
    }

    byte[] get(String space, byte[] key) {
        return cache.getIfPresent(Key.of(space, key));
    }

    /** The stripe's version, read before going to RocksDB. */
    long version(int stripe) {
        return versions.get(stripe);
    }

    /** Caches a value read from RocksDB unless the stripe was written to since {@code versionBeforeRead}. */
    void offer(String space, byte[] key, byte[] value, int stripe, long versionBeforeRead) {
        cache.asMap().compute(Key.of(space, key),
                (k, old) -> versions.get(stripe) == versionBeforeRead ? value : old);
    }

    /** After a write of {@code key} is in RocksDB. */
    void invalidate(String space, byte[] key, int stripe) {
        versions.incrementAndGet(stripe);
        cache.asMap().remove(Key.of(space, key));
    }

    long estimatedEntries() {
        return cache.estimatedSize();
    }
}
