package cn.idnode.store.rocksdb;

import cn.idnode.store.KeySpace;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import org.rocksdb.AbstractNativeReference;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.DataBlockIndexType;
import org.rocksdb.Filter;
import org.rocksdb.HistogramType;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.MergeOperator;
import org.rocksdb.ReadOptions;
import org.rocksdb.ReadTier;
import org.rocksdb.Statistics;
import org.rocksdb.UInt64AddOperator;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteOptions;

/**
 * The native option objects of one open store, built from {@link RocksDbOptions} and released together.
 *
 * <ul>
 *   <li>One LRU block cache shared by every column family; index and filter blocks live in it too (so its size
 *       bounds the memory of the tables), at high priority, and those of level-0 files are pinned.</li>
 *   <li>Block-based tables with 16 KiB blocks, whole-key bloom filters (10 bits per key, ~1% false positives) and a
 *       hash index inside data blocks: point lookups are the hot path, but keys stay totally ordered for scans, so
 *       no prefix extractor and no {@code optimizeForPointLookup}.</li>
 *   <li>LZ4 on every level, ZSTD on the bottommost one (most of the data, rarely rewritten).</li>
 *   <li>{@code max_open_files = -1}: every table reader stays open, which also keeps reads that must not do I/O
 *       ({@link ReadTier#BLOCK_CACHE_TIER}) from ever having to open a file.</li>
 *   <li>Background work: {@code maxBackgroundJobs} flush/compaction jobs, no sub-compactions (a 2-core machine).
 *       {@code setIncreaseParallelism} is deliberately not called: it resizes the thread pools of the process-wide
 *       default Env; RocksDB grows them to {@code max_background_jobs} when the database opens.</li>
 * </ul>
 */
final class Tuning implements AutoCloseable {
    static final int BLOCK_SIZE = 16 << 10;
    static final int BLOOM_BITS_PER_KEY = 10;

    private final Deque<AbstractNativeReference> owned = new ArrayDeque<>();

    final Cache blockCache;
    final Statistics statistics;
    final DBOptions dbOptions;
    final ColumnFamilyOptions keyValueOptions;
    final ColumnFamilyOptions logOptions;
    final ColumnFamilyOptions counterOptions;
    /** For column families found on disk but not declared: readable by nothing, never compacted automatically. */
    final ColumnFamilyOptions dormantOptions;
    final WriteOptions writeOptions;
    final ReadOptions readOptions;
    final ReadOptions cacheOnlyReadOptions;

    Tuning(RocksDbOptions options) {
        try {
            blockCache = own(new LRUCache(options.blockCacheBytes()));
            Filter bloom = own(new BloomFilter(BLOOM_BITS_PER_KEY, false));
            MergeOperator uint64add = own(new UInt64AddOperator());
            // Tickers only (cache hits and misses for status()); histograms cost more than they tell here.
            statistics = own(new Statistics(EnumSet.allOf(HistogramType.class)));

            BlockBasedTableConfig table = new BlockBasedTableConfig()
                    .setBlockCache(blockCache)
                    .setBlockSize(BLOCK_SIZE)
                    .setFilterPolicy(bloom)
                    .setWholeKeyFiltering(true)
                    .setCacheIndexAndFilterBlocks(true)
                    .setCacheIndexAndFilterBlocksWithHighPriority(true)
                    .setPinL0FilterAndIndexBlocksInCache(true)
                    .setDataBlockIndexType(DataBlockIndexType.kDataBlockBinaryAndHash)
                    .setDataBlockHashTableUtilRatio(0.75);

            dbOptions = own(new DBOptions())
                    .setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true)
                    .setMaxOpenFiles(-1)
                    .setMaxBackgroundJobs(options.maxBackgroundJobs())
                    .setMaxSubcompactions(1)
                    .setBytesPerSync(1 << 20)
                    .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
                    .setStatistics(statistics)
                    .setInfoLogLevel(InfoLogLevel.INFO_LEVEL)
                    .setMaxLogFileSize(16 << 20)
                    .setKeepLogFileNum(4);

            keyValueOptions = columnFamily(options, table);
            logOptions = columnFamily(options, table);
            counterOptions = columnFamily(options, table).setMergeOperator(uint64add);
            dormantOptions = columnFamily(options, table).setMergeOperator(uint64add).setDisableAutoCompactions(true);

            writeOptions = own(new WriteOptions()).setSync(options.syncWrites());
            readOptions = own(new ReadOptions());
            cacheOnlyReadOptions = own(new ReadOptions()).setReadTier(ReadTier.BLOCK_CACHE_TIER);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    ColumnFamilyOptions optionsFor(KeySpace.Kind kind) {
        return switch (kind) {
            case KEY_VALUE -> keyValueOptions;
            case LOG -> logOptions;
            case COUNTER -> counterOptions;
        };
    }

    private ColumnFamilyOptions columnFamily(RocksDbOptions options, BlockBasedTableConfig table) {
        return own(new ColumnFamilyOptions())
                .setTableFormatConfig(table)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
                .setLevelCompactionDynamicLevelBytes(true)
                .setWriteBufferSize(options.writeBufferBytes())
                .setMaxWriteBufferNumber(3);
    }

    private <T extends AbstractNativeReference> T own(T resource) {
        owned.push(resource);
        return resource;
    }

    /** Releases every native object, most recently created first. Call only after the database is closed. */
    @Override
    public void close() {
        while (!owned.isEmpty()) {
            owned.pop().close();
        }
    }
}
