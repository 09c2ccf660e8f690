package cn.idnode.store.rocksdb;

import static cn.idnode.store.StoreKeys.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.store.CachedRead;
import cn.idnode.store.KeySpace;
import cn.idnode.store.StoreKeys;
import cn.idnode.store.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.ReadTier;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/**
 * What a read with {@code BLOCK_CACHE_TIER} ("no I/O") answers, which {@link RocksDbStore#getIfCached} relies on:
 * a value is the current value, "not found" is a definite absence, and anything that would need the disk is
 * "incomplete". Pinned here so that a RocksDB upgrade that changes it fails a test instead of serving stale data.
 */
class BlockCacheTierTest {
    private static final KeySpace KV = KeySpace.keyValue("kv");

    @TempDir
    Path dir;

    /**
     * The cold path through every level: a small block cache (index and filter blocks get evicted too), data in
     * several levels, overwrites and deletes in newer files, reopened with an empty cache.
     */
    @Test
    void storeCacheOnlyReadsAreNeverWrong() {
        RocksDbOptions small = new RocksDbOptions(1L << 20, false, 1L << 20, 2);
        Map<String, byte[]> truth = new HashMap<>();
        Random random = new Random(1);
        try (RocksDbStore store = RocksDbStore.open(dir, small, List.of(KV))) {
            for (int round = 0; round < 4; round++) {
                for (int b = 0; b < 20; b++) {
                    WriteBatch batch = new WriteBatch();
                    for (int i = 0; i < 500; i++) {
                        String key = "key-" + random.nextInt(30_000);
                        if (random.nextInt(10) == 0) {
                            batch.delete(KV, utf8(key));
                            truth.put(key, null);
                        } else {
                            byte[] value = new byte[100 + random.nextInt(200)];
                            random.nextBytes(value);
                            batch.put(KV, utf8(key), value);
                            truth.put(key, value);
                        }
                    }
                    store.write(batch);
                }
                store.flush();
                if (round == 1) {
                    store.compact(); // older versions at the bottom, newer ones in L0 above them
                }
            }
        }
        try (RocksDbStore store = RocksDbStore.open(dir, small, List.of(KV))) {
            Map<String, Integer> answers = new HashMap<>();
            for (int pass = 0; pass < 3; pass++) {
                for (int i = 0; i < 40_000; i++) {
                    String key = "key-" + i;
                    byte[] expected = truth.get(key);
                    CachedRead read = store.getIfCached(KV, utf8(key));
                    if (read instanceof CachedRead.Hit hit) {
                        assertThat(expected).as("cache-only read of %s found a value; the key is absent", key)
                                .isNotNull();
                        assertThat(hit.value()).as("cache-only value of %s", key).isEqualTo(expected);
                    } else if (read instanceof CachedRead.Absent) {
                        assertThat(expected).as("cache-only read of %s said absent", key).isNull();
                    }
                    answers.merge(read.getClass().getSimpleName(), 1, Integer::sum);
                    if (random.nextInt(3) == 0) {
                        store.get(KV, utf8(key)); // churn the small cache
                    }
                }
            }
            // All three answers occur, so the test does look at each of them.
            assertThat(answers).containsKeys("Hit", "Absent", "Unknown");
        }
    }

    /**
     * Below the store: with a bounded table cache, table files get closed, and a no-I/O read that needs one must
     * say "incomplete". (RocksDB versions before the fix answered such a read with an empty value: a wrong hit.)
     */
    @Test
    void tablesThatAreNotOpenMakeTheAnswerIncomplete() throws RocksDBException {
        RocksDB.loadLibrary();
        int files = 30;
        try (Cache cache = new LRUCache(8 << 20);
             BloomFilter bloom = new BloomFilter(10, false);
             Options options = new Options()) {
            options.setCreateIfMissing(true)
                    .setMaxOpenFiles(12) // room for 2 table readers
                    .setDisableAutoCompactions(true)
                    .setLevel0SlowdownWritesTrigger(1000)
                    .setLevel0StopWritesTrigger(1000)
                    .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(bloom)
                            .setCacheIndexAndFilterBlocks(true).setPinL0FilterAndIndexBlocksInCache(true));
            try (RocksDB db = RocksDB.open(options, dir.toString());
                 FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                for (int f = 0; f < files; f++) {
                    db.put(utf8("overwritten"), utf8("v" + f)); // a stale version in every older file
                    db.put(utf8("only-" + f), utf8("x" + f));
                    db.flush(flush);
                }
            }
            try (RocksDB db = RocksDB.open(options, dir.toString());
                 ReadOptions cacheOnly = new ReadOptions().setReadTier(ReadTier.BLOCK_CACHE_TIER)) {
                List<String> outcomes = new ArrayList<>();
                for (int pass = 0; pass < 2; pass++) {
                    for (int f = 0; f <= files; f++) {
                        byte[] key = f == files ? utf8("overwritten") : utf8("only-" + f);
                        byte[] expected = f == files ? utf8("v" + (files - 1)) : utf8("x" + f);
                        try {
                            byte[] value = db.get(cacheOnly, key);
                            assertThat(value).as("cache-only read of %s", StoreKeys.printable(key)).isNotNull();
                            assertThat(value).as("cache-only value of %s", StoreKeys.printable(key))
                                    .isEqualTo(expected);
                            outcomes.add("hit");
                        } catch (RocksDBException e) {
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.Incomplete);
                            outcomes.add("incomplete");
                        }
                        assertThat(db.get(key)).isEqualTo(expected); // warms the caches for the next pass
                    }
                }
                // Some table readers were closed again by the time of the second pass, and some stayed cached.
                assertThat(outcomes).contains("hit", "incomplete");
                assertThat(Arrays.asList(outcomes.subList(files + 1, outcomes.size()).toArray()))
                        .contains("incomplete");
            }
        }
    }
}
