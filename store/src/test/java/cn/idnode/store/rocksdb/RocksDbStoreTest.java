package cn.idnode.store.rocksdb;

import static cn.idnode.store.StoreKeys.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.idnode.store.CachedRead;
import cn.idnode.store.Cursor;
import cn.idnode.store.KeySpace;
import cn.idnode.store.PreconditionFailedException;
import cn.idnode.store.Store;
import cn.idnode.store.StoreContractTest;
import cn.idnode.store.StoreException;
import cn.idnode.store.StoreKeys;
import cn.idnode.store.StoreStatus;
import cn.idnode.store.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The contract suite against the RocksDB engine, plus what only this engine promises. */
class RocksDbStoreTest extends StoreContractTest {
    /** The contract suite runs with the value cache on, so every read and write path goes through it. */
    static final RocksDbOptions TEST_OPTIONS = new RocksDbOptions(16L << 20, false, 4L << 20, 2, 8L << 20);

    @Override
    protected Store openStore(Path dir, Collection<KeySpace> spaces) {
        return RocksDbStore.open(dir, TEST_OPTIONS, spaces);
    }

    private RocksDbStore rocks() {
        return (RocksDbStore) store;
    }

    @Test
    void statusReportsEngineFigures() {
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < 500; i++) {
            batch.put(KV, utf8("key-" + i), new byte[100]);
        }
        store.write(batch);
        rocks().flush();
        store.get(KV, utf8("key-1"));
        StoreStatus status = store.status();
        assertThat(status.engine()).isEqualTo("rocksdb");
        assertThat(status.properties()).containsEntry("space.kv.estimated-keys", "500")
                .containsEntry("block-cache-capacity-bytes", Long.toString(16L << 20))
                .containsKeys("live-sst-bytes", "memtable-bytes", "block-cache-usage-bytes", "block-cache-hits",
                        "block-cache-misses", "space.events.estimated-keys", "sync-writes");
        assertThat(Long.parseLong(status.properties().get("live-sst-bytes"))).isPositive();
        assertThat(Long.parseLong(status.properties().get("block-cache-usage-bytes"))).isPositive();
        assertThat(store.estimateCount(KV)).isEqualTo(500);
    }

    @Test
    void secondOpenInThisProcessIsRefused() {
        assertThatThrownBy(() -> RocksDbStore.open(dir, TEST_OPTIONS, SPACES))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("is in use")
                .hasMessageContaining(dir.toString());
        assertThat(store.get(KV, utf8("k"))).isEmpty(); // the first store is unharmed
    }

    @Test
    void failedPreconditionsUseUpNoSequenceNumbers() {
        long first = store.write(new WriteBatch().append(LOG, utf8("a"))).appendedSequences().get(0);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> store.write(new WriteBatch().requirePresent(KV, utf8("missing"))
                    .append(LOG, utf8("never")))).isInstanceOf(PreconditionFailedException.class);
        }
        long next = store.write(new WriteBatch().append(LOG, utf8("b"))).appendedSequences().get(0);
        assertThat(next).isEqualTo(first + 1);
        assertThat(first).isEqualTo(1);
    }

    @Test
    void sequencesStartAfterTheLastPersistedKeyAfterFlushAndCompaction() {
        for (int i = 0; i < 300; i++) {
            store.write(new WriteBatch().append(LOG, utf8("e" + i)));
        }
        rocks().flush();
        rocks().compact();
        reopen();
        assertThat(store.lastSequence(LOG)).isEqualTo(300);
        assertThat(store.write(new WriteBatch().append(LOG, utf8("next"))).appendedSequences()).containsExactly(301L);
    }

    @Test
    void undeclaredColumnFamiliesAreKeptButUnreachable() {
        store.write(new WriteBatch().put(KV2, utf8("k"), utf8("kept")).add(COUNTERS, utf8("c"), 3));
        store.close();
        store = openStore(dir, List.of(KV));
        assertThatThrownBy(() -> store.get(KV2, utf8("k"))).isInstanceOf(IllegalArgumentException.class);
        store.write(new WriteBatch().put(KV, utf8("k"), utf8("v")));
        store.close();
        store = openStore(dir, SPACES);
        assertThat(store.get(KV2, utf8("k")).orElseThrow()).isEqualTo(utf8("kept"));
        assertThat(store.counter(COUNTERS, utf8("c"))).isEqualTo(3);
        assertThat(store.get(KV, utf8("k"))).isPresent();
    }

    @Test
    void aSpaceCannotChangeKind() {
        store.close();
        assertThatThrownBy(() -> store = openStore(dir, List.of(KeySpace.counter(KV.name()))))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("kv")
                .hasMessageContaining("KEY_VALUE");
        store = openStore(dir, SPACES); // the failed open left the directory usable
        store.write(new WriteBatch().put(KV, utf8("k"), utf8("v")));
    }

    @Test
    void inconsistentDeclarationsAreRejected() {
        assertThatThrownBy(() -> RocksDbStore.open(dir.resolve("other"), TEST_OPTIONS,
                List.of(KeySpace.keyValue("x"), KeySpace.log("x")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RocksDbStore.open(dir.resolve("other"), TEST_OPTIONS,
                List.of(KeySpace.keyValue("default")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved");
        try (Store twice = RocksDbStore.open(dir.resolve("twice"), TEST_OPTIONS, List.of(KV, KV))) {
            twice.write(new WriteBatch().put(KV, utf8("k"), utf8("v")));
        }
    }

    @Test
    void cacheOnlyReadsAnswerFromMemoryAndSayUnknownOtherwise() {
        store.write(new WriteBatch().put(KV, utf8("k"), utf8("v")));
        assertThat(((CachedRead.Hit) store.getIfCached(KV, utf8("k"))).value()).isEqualTo(utf8("v"));
        assertThat(store.getIfCached(KV, utf8("absent"))).isInstanceOf(CachedRead.Absent.class); // memtable only

        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < 2000; i++) {
            batch.put(KV, utf8("key-" + i), new byte[200]);
        }
        store.write(batch);
        reopen(); // flushed at close; the new block cache is empty of data blocks
        assertThat(store.getIfCached(KV, utf8("key-1000"))).isInstanceOf(CachedRead.Unknown.class);
        assertThat(store.get(KV, utf8("key-1000"))).isPresent();
        assertThat(store.getIfCached(KV, utf8("key-1000"))).isInstanceOf(CachedRead.Hit.class);
    }

    @Test
    void aTailingReaderNeverSkipsAnEntry() throws Exception {
        // Concurrent writers may commit a higher sequence number before a lower one; a reader that resumes after
        // the last number it saw must still get every entry (log reads stop below the writes still in flight).
        int writers = 4;
        int appends = 1000;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Long>> tasks = new ArrayList<>();
        for (int t = 0; t < writers; t++) {
            int id = t;
            tasks.add(() -> {
                start.await();
                for (int i = 0; i < appends; i++) {
                    store.write(new WriteBatch().append(LOG, utf8(id + ":" + i)).put(KV, utf8("w" + id), utf8("x")));
                }
                return 0L;
            });
        }
        tasks.add(() -> {
            start.await();
            long last = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (last < (long) writers * appends && System.nanoTime() < deadline) {
                try (Cursor c = store.readLog(LOG, last + 1)) {
                    while (c.next()) {
                        long seq = StoreKeys.sequence(c.key());
                        assertThat(seq).as("entry after %d", last).isEqualTo(last + 1);
                        last = seq;
                    }
                }
            }
            return last;
        });
        List<Long> results = runConcurrently(tasks, start);
        assertThat(results.get(writers)).isEqualTo((long) writers * appends);
    }

    @Test
    void openCursorsAreClosedWithTheStore() {
        store.write(new WriteBatch().put(KV, utf8("a"), utf8("1")).put(KV, utf8("b"), utf8("2")));
        Cursor c = store.scan(KV, new byte[0], Optional.empty());
        assertThat(c.next()).isTrue();
        store.close(); // must not crash the JVM by freeing the database under the iterator
        assertThatThrownBy(c::next).isInstanceOf(StoreException.class).hasMessageContaining("closed");
        assertThatThrownBy(c::key).isInstanceOf(StoreException.class);
        c.close();
    }

    @Test
    void cursorMisuseIsReported() {
        store.write(new WriteBatch().put(KV, utf8("a"), utf8("1")));
        try (Cursor c = store.scan(KV, new byte[0], Optional.empty())) {
            assertThatThrownBy(c::key).isInstanceOf(IllegalStateException.class);
            assertThat(c.next()).isTrue();
            assertThat(c.next()).isFalse();
            assertThatThrownBy(c::value).isInstanceOf(IllegalStateException.class);
            c.close();
            assertThatThrownBy(c::next).isInstanceOf(IllegalStateException.class);
        }
    }
}
