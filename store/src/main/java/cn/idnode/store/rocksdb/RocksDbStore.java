package cn.idnode.store.rocksdb;

import cn.idnode.store.CachedRead;
import cn.idnode.store.Cursor;
import cn.idnode.store.KeySpace;
import cn.idnode.store.PreconditionFailedException;
import cn.idnode.store.Store;
import cn.idnode.store.StoreException;
import cn.idnode.store.StoreKeys;
import cn.idnode.store.StoreStatus;
import cn.idnode.store.WriteBatch;
import cn.idnode.store.WriteResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.TickerType;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine: one RocksDB database, one column family per key space.
 *
 * <p>Design note.
 * <ul>
 *   <li><b>Atomicity.</b> A {@link WriteBatch} becomes one RocksDB write batch, written with one call: all of it
 *       or nothing, also across a crash (the write-ahead log holds the batch as one record).</li>
 *   <li><b>Preconditions.</b> RocksDB has no compare-and-set, so the store serialises the writers of each
 *       key-value key with striped locks (1024 stripes, taken in ascending order, so batches on shared stripes
 *       cannot deadlock). A batch holds the stripes of all key-value keys it reads or writes while it checks its
 *       preconditions with plain reads and writes; every batch takes them, with or without preconditions, so no
 *       write can slip between another batch's check and its write. Counter and log writes need no lock: merges
 *       commute and log keys are fresh.</li>
 *   <li><b>Counters</b> use RocksDB's built-in {@code uint64add} merge operator (8-byte little-endian values,
 *       wrapping addition, so negative deltas work): an add is a blind write, no read.</li>
 *   <li><b>Logs.</b> Keys are 8-byte big-endian sequence numbers handed out by a {@link LogSequencer} that starts
 *       after the last key found at open. Numbers are reserved only once the preconditions hold, and never handed
 *       out twice in a process; since an acknowledged write is in the write-ahead log, the last key found at the
 *       next open is at least every number acknowledged before, so numbers are not reused across a crash either
 *       (a write that failed or was never acknowledged may leave a gap; with {@code syncWrites=false} this holds
 *       for a process crash, not a power loss, which can lose acknowledged writes and so their numbers). Writers run concurrently, so a higher
 *       number can commit before a lower one: log reads stop below the lowest number still being written, so a
 *       reader paging through a log never skips an entry that appears later.</li>
 *   <li><b>Reads without I/O</b> ({@link #getIfCached}) read with {@code BLOCK_CACHE_TIER}: memtables and cached
 *       blocks only; RocksDB answers "incomplete" (→ Unknown) where it would need the disk. Is its "not found"
 *       under that tier a definite absence? For RocksDB 10.10, yes, as far as tested ({@code BlockCacheTierTest}:
 *       multi-level data with overwrites and deletes, a 1 MiB cache that evicts index and filter blocks, reopened
 *       cold): a filter or index block that is not cached counts as "may contain" and ends in "incomplete", never
 *       in "not found", and a hit is always the newest value. The one path that has misled in the past is a table
 *       file that is not open: older RocksDB sources mark such a lookup "found" without a value (meant for
 *       {@code KeyMayExist}), which a plain get would report as an empty value. This store keeps every table open
 *       ({@code max_open_files=-1}), and 10.10 answers "incomplete" there anyway; the test pins that behaviour,
 *       with a bounded table cache, so that an upgrade that changes it fails a test instead of serving wrong
 *       answers. So "not found" is returned as Absent.</li>
 *   <li><b>Lifecycle.</b> Every call runs under a shared lock that {@link #close()} takes exclusively, so closing
 *       waits for running calls and later calls fail with "store is closed" instead of touching freed native
 *       memory. Open cursors are closed with the store.</li>
 *   <li><b>Kinds are remembered.</b> The default column family records the kind of every space when it is created;
 *       opening a space with another kind fails. Column families found on disk but not declared are opened (RocksDB
 *       requires it) with automatic compaction off (and the counter merge operator, in case they hold counters) and
 *       are not reachable through this API.</li>
 * </ul>
 */
public final class RocksDbStore implements Store {
    static final String ENGINE = "rocksdb";
    private static final Logger log = LoggerFactory.getLogger(RocksDbStore.class);
    private static final int LOCK_STRIPES = 1024;
    private static final String DEFAULT_COLUMN_FAMILY = "default";
    private static final String KIND_KEY_PREFIX = "idnode/space-kind/";

    private final Path directory;
    private final RocksDbOptions options;
    private final Tuning tuning;
    private final RocksDB db;
    /** Every open column family handle, the default and undeclared ones included. */
    private final List<ColumnFamilyHandle> handles;
    private final Map<String, Space> spaces;
    private final KeyLocks locks = new KeyLocks(LOCK_STRIPES);
    private final Lifecycle lifecycle = new Lifecycle();
    private final Set<RocksDbCursor> openCursors = ConcurrentHashMap.newKeySet();
    /** In-process cache of key/value reads; null when {@code valueCacheBytes} is 0. */
    private final ValueCache valueCache;
    private static final byte[] EMPTY = new byte[0];

    private RocksDbStore(Path directory, RocksDbOptions options, Tuning tuning, RocksDB db,
                         List<ColumnFamilyHandle> handles, Map<String, Space> spaces) {
        this.directory = directory;
        this.options = options;
        this.tuning = tuning;
        this.db = db;
        this.handles = handles;
        this.spaces = spaces;
        this.valueCache = options.valueCacheBytes() > 0 ? new ValueCache(options.valueCacheBytes(), LOCK_STRIPES) : null;
    }

    /**
     * Opens (creating if needed) the store in {@code directory} with the given key spaces.
     *
     * @throws StoreException if the directory cannot be opened, notably when another process has it open
     * @throws IllegalArgumentException if the spaces are inconsistent (same name twice with different kinds, or
     *     the reserved name "default")
     */
    public static RocksDbStore open(Path directory, RocksDbOptions options, Collection<KeySpace> spaces) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(options, "options");
        List<KeySpace> declared = declared(spaces);
        RocksDB.loadLibrary();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + directory + ": " + e, e);
        }

        Tuning tuning = new Tuning(options);
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        RocksDB db = null;
        try {
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, tuning.keyValueOptions));
            for (KeySpace space : declared) {
                descriptors.add(new ColumnFamilyDescriptor(utf8(space.name()), tuning.optionsFor(space.kind())));
            }
            List<String> dormant = new ArrayList<>();
            for (String existing : existingColumnFamilies(directory)) {
                boolean known = existing.equals(DEFAULT_COLUMN_FAMILY)
                        || declared.stream().anyMatch(s -> s.name().equals(existing));
                if (!known) {
                    dormant.add(existing);
                    descriptors.add(new ColumnFamilyDescriptor(utf8(existing), tuning.dormantOptions));
                }
            }

            db = RocksDB.open(tuning.dbOptions, directory.toString(), descriptors, handles);

            ColumnFamilyHandle meta = handles.get(0);
            checkKinds(db, meta, declared);
            Map<String, Space> byName = new LinkedHashMap<>();
            for (int i = 0; i < declared.size(); i++) {
                KeySpace space = declared.get(i);
                ColumnFamilyHandle handle = handles.get(i + 1);
                LogSequencer sequencer = space.kind() == KeySpace.Kind.LOG
                        ? new LogSequencer(lastLogKey(db, handle, space, tuning))
                        : null;
                byName.put(space.name(), new Space(space, handle, sequencer));
            }
            if (!dormant.isEmpty()) {
                log.warn("column families {} in {} are not declared key spaces; opened but unused", dormant,
                        directory);
            }
            log.info("opened rocksdb store in {} with spaces {}", directory, byName.keySet());
            return new RocksDbStore(directory, options, tuning, db, List.copyOf(handles),
                    Collections.unmodifiableMap(byName));
        } catch (RocksDBException e) {
            StoreException failure = openFailure(directory, e);
            releaseAfterFailedOpen(db, handles, tuning, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            releaseAfterFailedOpen(db, handles, tuning, e);
            throw e;
        }
    }

    @Override
    public Optional<byte[]> get(KeySpace space, byte[] key) {
        Objects.requireNonNull(key, "key");
        lifecycle.enter();
        try {
            Space s = resolve(space);
            if (valueCache == null || s.kind() != KeySpace.Kind.KEY_VALUE) {
                return Optional.ofNullable(db.get(s.handle(), tuning.readOptions, key));
            }
            byte[] cached = valueCache.get(s.name(), key);
            if (cached != null) {
                return Optional.of(cached);
            }
            int stripe = locks.stripe(s.name(), key);
            long version = valueCache.version(stripe);
            byte[] value = db.get(s.handle(), tuning.readOptions, key);
            if (value != null) {
                valueCache.offer(s.name(), key, value, stripe, version);
            }
            return Optional.ofNullable(value);
        } catch (RocksDBException e) {
            throw failure("get", space, e);
        } finally {
            lifecycle.exit();
        }
    }

    @Override
    public CachedRead getIfCached(KeySpace space, byte[] key) {
        Objects.requireNonNull(key, "key");
        lifecycle.enter();
        try {
            Space s = resolve(space);
            boolean cacheable = valueCache != null && s.kind() == KeySpace.Kind.KEY_VALUE;
            if (cacheable) {
                byte[] cached = valueCache.get(s.name(), key);
                if (cached != null) {
                    return new CachedRead.Hit(cached);
                }
            }
            int stripe = cacheable ? locks.stripe(s.name(), key) : 0;
            long version = cacheable ? valueCache.version(stripe) : 0;
            byte[] value = db.get(s.handle(), tuning.cacheOnlyReadOptions, key);
            if (value == null) {
                return CachedRead.ABSENT;
            }
            if (cacheable) {
                valueCache.offer(s.name(), key, value, stripe, version);
            }
            return new CachedRead.Hit(value);
        } catch (RocksDBException e) {
            if (e.getStatus() != null && e.getStatus().getCode() == Status.Code.Incomplete) {
                return CachedRead.UNKNOWN; // the answer is on disk
            }
            throw failure("cache-only get", space, e);
        } finally {
            lifecycle.exit();
        }
    }

    @Override
    public List<Optional<byte[]>> multiGet(KeySpace space, List<byte[]> keys) {
        Objects.requireNonNull(keys, "keys");
        keys.forEach(k -> Objects.requireNonNull(k, "keys must not contain null"));
        lifecycle.enter();
        try {
            Space s = resolve(space);
            if (keys.isEmpty()) {
                return List.of();
            }
            List<byte[]> values = db.multiGetAsList(tuning.readOptions,
                    Collections.nCopies(keys.size(), s.handle()), keys);
            List<Optional<byte[]>> result = new ArrayList<>(values.size());
            for (byte[] v : values) {
                result.add(Optional.ofNullable(v));
            }
            return result;
        } catch (RocksDBException e) {
            throw failure("multiGet", space, e);
        } finally {
            lifecycle.exit();
        }
    }

    @Override
    public long counter(KeySpace space, byte[] key) {
        Objects.requireNonNull(key, "key");
        lifecycle.enter();
        try {
            Space s = resolve(space);
            requireKind(s, KeySpace.Kind.COUNTER);
            byte[] value = db.get(s.handle(), tuning.readOptions, key);
            if (value == null) {
                return 0;
            }
            if (value.length != 8) {
                throw new StoreException("counter " + StoreKeys.printable(key) + " in space " + s.name()
                        + " holds " + value.length + " bytes, not 8: corrupt or written by something else");
            }
            return Counters.decode(value);
        } catch (RocksDBException e) {
            throw failure("counter read", space, e);
        } finally {
            lifecycle.exit();
        }
    }

    @Override
    public WriteResult write(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch");
        lifecycle.enter();
        try {
            List<WriteBatch.Op> ops = batch.ops();
            if (ops.isEmpty()) {
                return WriteResult.NONE;
            }
            Space[] resolved = new Space[ops.size()];
            int[] stripes = new int[ops.size()];
            int stripeCount = 0;
            for (int i = 0; i < ops.size(); i++) {
                WriteBatch.Op op = ops.get(i);
                resolved[i] = resolve(op.space());
                if (op.space().kind() == KeySpace.Kind.KEY_VALUE) {
                    stripes[stripeCount++] = locks.stripe(op.space().name(), op.key());
                }
            }
            try (KeyLocks.Held held = locks.lock(Arrays.copyOf(stripes, stripeCount))) {
                checkPreconditions(ops, resolved);
                WriteResult result = apply(ops, resolved);
                if (valueCache != null) {
                    for (WriteBatch.Op op : ops) {
                        if (op.space().kind() == KeySpace.Kind.KEY_VALUE && (op.type() == WriteBatch.Op.Type.PUT
                                || op.type() == WriteBatch.Op.Type.DELETE)) {
                            valueCache.invalidate(op.space().name(), op.key(), locks.stripe(op.space().name(), op.key()));
                        }
                    }
                }
                return result;
            }
        } finally {
            lifecycle.exit();
        }
    }

    @Override
    public Cursor scan(KeySpace space, byte[] prefix, Optional<byte[]> startAfter) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(startAfter, "startAfter");
        lifecycle.enter();
        try {
            Space s = resolve(space);
            byte[] upper = StoreKeys.prefixEnd(prefix);
            if (s.kind() == KeySpace.Kind.LOG) {
                // Stop below the lowest sequence number still being written (see LogSequencer).
                byte[] visibleEnd = StoreKeys.sequence(s.sequencer().visible() + 1);
                if (upper == null || Arrays.compareUnsigned(visibleEnd, upper) < 0) {
                    upper = visibleEnd;
                }
            }
            RocksDbCursor cursor = new RocksDbCursor(db, s.handle(), s.name(), prefix, upper,
                    startAfter.orElse(null), lifecycle, openCursors::remove);
            openCursors.add(cursor);
            return cursor;
        } finally {
            lifecycle.exit();
        }
    }

    /** The last sequence number readable in a log space: no lower number is still being written. */
    @Override
    public long lastSequence(KeySpace space) {
        lifecycle.enter();
        try {
            Space s = resolve(space);
            requireKind(s, KeySpace.Kind.LOG);
            return s.sequencer().visible();
        } finally {
            lifecycle.exit();
        }
    }

    @Override
    public long estimateCount(KeySpace space) {
        lifecycle.enter();
        try {
            Space s = resolve(space);
            return db.getLongProperty(s.handle(), "rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw failure("estimate-num-keys", space, e);
        } finally {
            lifecycle.exit();
        }
    }

    @Override
    public StoreStatus status() {
        lifecycle.enter();
        try {
            Map<String, String> p = new TreeMap<>();
            p.put("directory", directory.toString());
            p.put("sync-writes", Boolean.toString(options.syncWrites()));
            long sstBytes = 0;
            long memtableBytes = 0;
            for (Space s : spaces.values()) {
                long keys = db.getLongProperty(s.handle(), "rocksdb.estimate-num-keys");
                long sst = db.getLongProperty(s.handle(), "rocksdb.live-sst-files-size");
                p.put("space." + s.name() + ".estimated-keys", Long.toString(keys));
                p.put("space." + s.name() + ".live-sst-bytes", Long.toString(sst));
                sstBytes += sst;
                memtableBytes += db.getLongProperty(s.handle(), "rocksdb.cur-size-all-mem-tables");
            }
            p.put("live-sst-bytes", Long.toString(sstBytes));
            p.put("memtable-bytes", Long.toString(memtableBytes));
            p.put("block-cache-capacity-bytes", Long.toString(options.blockCacheBytes()));
            p.put("block-cache-usage-bytes", Long.toString(tuning.blockCache.getUsage()));
            p.put("block-cache-pinned-bytes", Long.toString(tuning.blockCache.getPinnedUsage()));
            long hits = tuning.statistics.getTickerCount(TickerType.BLOCK_CACHE_HIT);
            long misses = tuning.statistics.getTickerCount(TickerType.BLOCK_CACHE_MISS);
            p.put("block-cache-hits", Long.toString(hits));
            p.put("block-cache-misses", Long.toString(misses));
            if (hits + misses > 0) {
                p.put("block-cache-hit-rate", String.format(Locale.ROOT, "%.4f", (double) hits / (hits + misses)));
            }
            return new StoreStatus(ENGINE, p);
        } catch (RocksDBException e) {
            throw new StoreException("rocksdb status properties failed: " + e.getMessage(), e);
        } finally {
            lifecycle.exit();
        }
    }

    /**
     * Waits for running calls, closes open cursors, flushes the memtables (so the next open replays no log) and
     * releases the database. Idempotent.
     */
    @Override
    public void close() {
        if (!lifecycle.close()) {
            return;
        }
        for (RocksDbCursor cursor : List.copyOf(openCursors)) {
            cursor.release();
        }
        openCursors.clear();
        RocksDBException failure = null;
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush, handles);
        } catch (RocksDBException e) {
            failure = e;
        }
        handles.forEach(ColumnFamilyHandle::close);
        try {
            db.closeE();
        } catch (RocksDBException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        tuning.close();
        if (failure != null) {
            throw new StoreException("closing the rocksdb store in " + directory + " failed: "
                    + failure.getMessage(), failure);
        }
        log.info("closed rocksdb store in {}", directory);
    }

    @Override
    public String toString() {
        return "RocksDbStore[" + directory + "]";
    }

    // ---- package-private operations for tests and tools ----

    /** Writes every memtable to table files and waits. */
    void flush() {
        lifecycle.enter();
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush, handles);
        } catch (RocksDBException e) {
            throw new StoreException("rocksdb flush failed: " + e.getMessage(), e);
        } finally {
            lifecycle.exit();
        }
    }

    /** Compacts every declared space down to its last level and waits. */
    void compact() {
        lifecycle.enter();
        try {
            for (Space s : spaces.values()) {
                db.compactRange(s.handle());
            }
        } catch (RocksDBException e) {
            throw new StoreException("rocksdb compaction failed: " + e.getMessage(), e);
        } finally {
            lifecycle.exit();
        }
    }

    // ---- writes ----

    /**
     * Checks every precondition of a batch against the current state with one multi-get (large batches carry one
     * precondition per record), and names the first that fails, in batch order.
     */
    private void checkPreconditions(List<WriteBatch.Op> ops, Space[] resolved) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            switch (ops.get(i).type()) {
                case REQUIRE_ABSENT, REQUIRE_PRESENT, REQUIRE_VALUE -> at.add(i);
                default -> { }
            }
        }
        if (at.isEmpty()) {
            return;
        }
        List<byte[]> values;
        if (at.size() == 1) {
            values = java.util.Collections.singletonList(read(resolved[at.get(0)], ops.get(at.get(0))));
        } else {
            List<ColumnFamilyHandle> cfs = new ArrayList<>(at.size());
            List<byte[]> keys = new ArrayList<>(at.size());
            for (int i : at) {
                cfs.add(resolved[i].handle());
                keys.add(ops.get(i).key());
            }
            try {
                values = db.multiGetAsList(tuning.readOptions, cfs, keys);
            } catch (RocksDBException e) {
                throw new StoreException("rocksdb precondition reads of a batch failed: " + e.getMessage(), e);
            }
        }
        for (int k = 0; k < at.size(); k++) {
            WriteBatch.Op op = ops.get(at.get(k));
            byte[] v = values.get(k);
            boolean holds = switch (op.type()) {
                case REQUIRE_ABSENT -> v == null;
                case REQUIRE_PRESENT -> v != null;
                case REQUIRE_VALUE -> Arrays.equals(v, op.value());
                default -> true;
            };
            if (!holds) {
                throw new PreconditionFailedException(op);
            }
        }
    }

    private byte[] read(Space space, WriteBatch.Op op) {
        try {
            return db.get(space.handle(), tuning.readOptions, op.key());
        } catch (RocksDBException e) {
            throw failure("precondition read (" + op + ")", op.space(), e);
        }
    }

    private WriteResult apply(List<WriteBatch.Op> ops, Space[] resolved) {
        Map<Space, Integer> appendCounts = new LinkedHashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i).type() == WriteBatch.Op.Type.APPEND) {
                appendCounts.merge(resolved[i], 1, Integer::sum);
            }
        }
        Map<Space, Long> reserved = new LinkedHashMap<>();
        try (org.rocksdb.WriteBatch rocks = new org.rocksdb.WriteBatch()) {
            appendCounts.forEach((space, count) -> reserved.put(space, space.sequencer().reserve(count)));
            Map<Space, Long> nextSequence = new LinkedHashMap<>(reserved);
            List<Long> appended = new ArrayList<>();
            long lastAppend = -1;
            for (int i = 0; i < ops.size(); i++) {
                WriteBatch.Op op = ops.get(i);
                ColumnFamilyHandle cf = resolved[i].handle();
                switch (op.type()) {
                    case PUT -> rocks.put(cf, op.key(), op.value());
                    case DELETE -> rocks.delete(cf, op.key());
                    case ADD -> rocks.merge(cf, op.key(), Counters.encode(op.delta()));
                    case APPEND -> {
                        long seq = nextSequence.merge(resolved[i], 1L, Long::sum) - 1;
                        rocks.put(cf, StoreKeys.sequence(seq), op.value());
                        appended.add(seq);
                        lastAppend = seq;
                    }
                    case INDEX_APPEND -> rocks.put(cf, StoreKeys.concat(op.key(), StoreKeys.sequence(lastAppend)),
                            EMPTY);
                    case REQUIRE_ABSENT, REQUIRE_PRESENT, REQUIRE_VALUE -> { } // checked already
                }
            }
            if (rocks.count() > 0) {
                db.write(tuning.writeOptions, rocks);
            }
            return appended.isEmpty() ? WriteResult.NONE : new WriteResult(appended);
        } catch (RocksDBException e) {
            throw new StoreException("rocksdb write of a batch of " + ops.size() + " operations on spaces "
                    + spaceNames(resolved) + " failed (nothing was written): " + e.getMessage(), e);
        } finally {
            reserved.forEach((space, first) -> space.sequencer().release(first));
        }
    }

    // ---- helpers ----

    private Space resolve(KeySpace space) {
        Objects.requireNonNull(space, "space");
        Space s = spaces.get(space.name());
        if (s == null) {
            throw new IllegalArgumentException("key space " + space.name()
                    + " was not declared when the store was opened; declared: " + spaces.keySet());
        }
        if (!s.keySpace().equals(space)) {
            throw new IllegalArgumentException("key space " + space.name() + " is declared as " + s.kind()
                    + ", not " + space.kind());
        }
        return s;
    }

    private static void requireKind(Space s, KeySpace.Kind kind) {
        if (s.kind() != kind) {
            throw new IllegalArgumentException(s.name() + " is a " + s.kind() + " space, not " + kind);
        }
    }

    private StoreException failure(String operation, KeySpace space, RocksDBException e) {
        return new StoreException("rocksdb " + operation + " in space " + space.name() + " failed: "
                + e.getMessage(), e);
    }

    private static String spaceNames(Space[] resolved) {
        return Arrays.stream(resolved).map(Space::name).distinct().toList().toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---- opening ----

    private static List<KeySpace> declared(Collection<KeySpace> spaces) {
        Objects.requireNonNull(spaces, "spaces");
        Map<String, KeySpace> byName = new LinkedHashMap<>();
        for (KeySpace space : spaces) {
            Objects.requireNonNull(space, "spaces must not contain null");
            if (space.name().equals(DEFAULT_COLUMN_FAMILY)) {
                throw new IllegalArgumentException("key space name \"default\" is reserved by the rocksdb engine");
            }
            KeySpace previous = byName.putIfAbsent(space.name(), space);
            if (previous != null && !previous.equals(space)) {
                throw new IllegalArgumentException("key space " + space.name() + " declared twice, as "
                        + previous.kind() + " and as " + space.kind());
            }
        }
        return List.copyOf(byName.values());
    }

    private static List<String> existingColumnFamilies(Path directory) throws RocksDBException {
        if (!Files.exists(directory.resolve("CURRENT"))) {
            return List.of();
        }
        try (Options listing = new Options()) {
            List<String> names = new ArrayList<>();
            for (byte[] name : RocksDB.listColumnFamilies(listing, directory.toString())) {
                names.add(new String(name, StandardCharsets.UTF_8));
            }
            return names;
        }
    }

    /** Records the kind of new spaces in the default column family and refuses spaces whose kind changed. */
    private static void checkKinds(RocksDB db, ColumnFamilyHandle meta, List<KeySpace> declared)
            throws RocksDBException {
        try (org.rocksdb.WriteBatch record = new org.rocksdb.WriteBatch();
             WriteOptions sync = new WriteOptions().setSync(true)) {
            for (KeySpace space : declared) {
                byte[] key = utf8(KIND_KEY_PREFIX + space.name());
                byte[] recorded = db.get(meta, key);
                if (recorded == null) {
                    record.put(meta, key, utf8(space.kind().name()));
                } else if (!new String(recorded, StandardCharsets.UTF_8).equals(space.kind().name())) {
                    throw new StoreException("key space " + space.name() + " was created as a "
                            + new String(recorded, StandardCharsets.UTF_8) + " space and cannot be opened as a "
                            + space.kind() + " space");
                }
            }
            if (record.count() > 0) {
                db.write(sync, record);
            }
        }
    }

    private static long lastLogKey(RocksDB db, ColumnFamilyHandle handle, KeySpace space, Tuning tuning)
            throws RocksDBException {
        try (RocksIterator it = db.newIterator(handle, tuning.readOptions)) {
            it.seekToLast();
            if (!it.isValid()) {
                it.status();
                return 0;
            }
            byte[] key = it.key();
            if (key.length != 8) {
                throw new StoreException("log space " + space.name() + " holds a key that is not an 8-byte "
                        + "sequence number: " + StoreKeys.printable(key));
            }
            long last = StoreKeys.sequence(key);
            if (last < 0) {
                throw new StoreException("log space " + space.name() + " holds a negative sequence number");
            }
            return last;
        }
    }

    private static StoreException openFailure(Path directory, RocksDBException e) {
        String message = String.valueOf(e.getMessage());
        boolean ioError = e.getStatus() != null && e.getStatus().getCode() == Status.Code.IOError;
        if (ioError && message.contains("lock hold by current process")) {
            return new StoreException("the data directory " + directory + " is in use: a store in this process "
                    + "already has it open", e);
        }
        if (ioError && (message.contains("While lock file") || message.contains("/LOCK"))) {
            return new StoreException("the data directory " + directory + " is in use by another idnode process "
                    + "(its RocksDB LOCK file is held); stop that process first", e);
        }
        return new StoreException("cannot open the rocksdb store in " + directory + ": " + message, e);
    }

    private static void releaseAfterFailedOpen(RocksDB db, List<ColumnFamilyHandle> handles, Tuning tuning,
                                               Throwable primary) {
        handles.forEach(ColumnFamilyHandle::close);
        if (db != null) {
            try {
                db.closeE();
            } catch (RocksDBException e) {
                primary.addSuppressed(e);
            }
        }
        tuning.close();
    }
}
