package cn.idnode.store;

import static cn.idnode.store.StoreKeys.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link Store} engine must have. An engine's test extends this class, implements
 * {@link #openStore} (and {@link #reopen} if closing and opening again is not how its data is reached again), and
 * adds its own engine-specific tests next to these.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class StoreContractTest {
    protected static final KeySpace KV = KeySpace.keyValue("kv");
    protected static final KeySpace KV2 = KeySpace.keyValue("kv2");
    protected static final KeySpace LOG = KeySpace.log("events");
    protected static final KeySpace LOG2 = KeySpace.log("audit");
    protected static final KeySpace COUNTERS = KeySpace.counter("hits");
    protected static final List<KeySpace> SPACES = List.of(KV, KV2, LOG, LOG2, COUNTERS);

    @TempDir
    protected Path dir;

    /** The store under test, opened on {@link #dir} with {@link #SPACES} before each test. */
    protected Store store;

    /** Opens (creating if needed) a store of the engine under test on {@code dir}. */
    protected abstract Store openStore(Path dir, Collection<KeySpace> spaces);

    /** Closes {@code current} and opens the same data again. */
    protected Store reopen(Store current, Path dir, Collection<KeySpace> spaces) {
        current.close();
        return openStore(dir, spaces);
    }

    @BeforeEach
    void openStoreUnderTest() {
        store = openStore(dir, SPACES);
    }

    @AfterEach
    void closeStoreUnderTest() {
        if (store != null) {
            store.close();
        }
    }

    protected final void reopen() {
        store = reopen(store, dir, SPACES);
    }

    // ---------------------------------------------------------------- single keys

    @Test
    void putGetDelete() {
        assertThat(store.get(KV, utf8("k"))).isEmpty();
        store.write(new WriteBatch().put(KV, utf8("k"), utf8("v1")));
        assertThat(store.get(KV, utf8("k"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("v1")));
        store.write(new WriteBatch().put(KV, utf8("k"), utf8("v2")));
        assertThat(store.get(KV, utf8("k"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("v2")));
        store.write(new WriteBatch().delete(KV, utf8("k")));
        assertThat(store.get(KV, utf8("k"))).isEmpty();
    }

    @Test
    void absentKeysAndDeletingThemAreFine() {
        assertThat(store.get(KV, utf8("never"))).isEmpty();
        assertThat(store.write(new WriteBatch().delete(KV, utf8("never")))).isEqualTo(WriteResult.NONE);
        assertThat(store.get(KV, utf8("never"))).isEmpty();
    }

    @Test
    void spacesAreSeparate() {
        store.write(new WriteBatch().put(KV, utf8("k"), utf8("one")).put(KV2, utf8("k"), utf8("two")));
        assertThat(store.get(KV, utf8("k")).orElseThrow()).isEqualTo(utf8("one"));
        assertThat(store.get(KV2, utf8("k")).orElseThrow()).isEqualTo(utf8("two"));
        store.write(new WriteBatch().delete(KV, utf8("k")));
        assertThat(store.get(KV, utf8("k"))).isEmpty();
        assertThat(store.get(KV2, utf8("k")).orElseThrow()).isEqualTo(utf8("two"));
    }

    @Test
    void emptyValueIsAValue() {
        store.write(new WriteBatch().put(KV, utf8("empty"), new byte[0]));
        assertThat(store.get(KV, utf8("empty"))).hasValueSatisfying(v -> assertThat(v).isEmpty());
        assertThat(store.multiGet(KV, List.of(utf8("empty"))).get(0)).isPresent();
        store.write(new WriteBatch().requirePresent(KV, utf8("empty")).requireValue(KV, utf8("empty"), new byte[0])
                .put(KV, utf8("other"), utf8("x")));
        assertThat(store.get(KV, utf8("other"))).isPresent();
        assertThatThrownBy(() -> store.write(new WriteBatch().requireAbsent(KV, utf8("empty"))))
                .isInstanceOf(PreconditionFailedException.class);
    }

    @Test
    void largeValue() {
        byte[] big = randomBytes(1 << 20, 1);
        store.write(new WriteBatch().put(KV, utf8("big"), big));
        assertThat(store.get(KV, utf8("big")).orElseThrow()).isEqualTo(big);
        reopen();
        assertThat(store.get(KV, utf8("big")).orElseThrow()).isEqualTo(big);
    }

    @Test
    void binaryKeys() {
        List<byte[]> keys = List.of(bytes(0x00), bytes(0x00, 0x00), bytes(0xFF), bytes(0xFF, 0xFF),
                bytes(0x00, 0xFF, 0x00), bytes('a'), bytes('a', 0x00), bytes('a', 0x00, 0x00), bytes('a', 0xFF));
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < keys.size(); i++) {
            batch.put(KV, keys.get(i), utf8("v" + i));
        }
        store.write(batch);
        for (int i = 0; i < keys.size(); i++) {
            assertThat(store.get(KV, keys.get(i)).orElseThrow()).as("key %d", i).isEqualTo(utf8("v" + i));
        }
        assertThat(store.get(KV, bytes('a', 0x00, 0x00, 0x00))).isEmpty();
        assertThat(scanKeys(KV, new byte[0])).containsExactlyElementsOf(sortedUnsigned(keys));
    }

    // ---------------------------------------------------------------- batches and preconditions

    @Test
    void emptyBatchIsANoOp() {
        assertThat(store.write(new WriteBatch())).isEqualTo(WriteResult.NONE);
        assertThat(store.lastSequence(LOG)).isZero();
    }

    @Test
    void batchIsAppliedTogether() {
        store.write(new WriteBatch().put(KV, utf8("gone"), utf8("x")));
        WriteResult result = store.write(new WriteBatch()
                .put(KV, utf8("a"), utf8("1"))
                .put(KV2, utf8("b"), utf8("2"))
                .delete(KV, utf8("gone"))
                .add(COUNTERS, utf8("c"), 5)
                .append(LOG, utf8("e1")));
        assertThat(result.appendedSequences()).hasSize(1);
        assertThat(store.get(KV, utf8("a")).orElseThrow()).isEqualTo(utf8("1"));
        assertThat(store.get(KV2, utf8("b")).orElseThrow()).isEqualTo(utf8("2"));
        assertThat(store.get(KV, utf8("gone"))).isEmpty();
        assertThat(store.counter(COUNTERS, utf8("c"))).isEqualTo(5);
        assertThat(readLog(LOG, 0)).extracting(e -> new String(e.value())).containsExactly("e1");
    }

    @Test
    void failingPreconditionWritesNothing() {
        store.write(new WriteBatch().put(KV, utf8("existing"), utf8("old")).add(COUNTERS, utf8("c"), 1)
                .append(LOG, utf8("first")));
        long lastSeq = store.lastSequence(LOG);
        WriteBatch doomed = new WriteBatch()
                .put(KV, utf8("new"), utf8("x"))
                .put(KV, utf8("existing"), utf8("new"))
                .delete(KV, utf8("existing"))
                .add(COUNTERS, utf8("c"), 100)
                .add(COUNTERS, utf8("d"), 7)
                .append(LOG, utf8("never"))
                .append(LOG2, utf8("never"))
                .requirePresent(KV, utf8("existing"))
                .requireAbsent(KV, utf8("existing")); // fails
        PreconditionFailedException e = catchThrowableOfType(PreconditionFailedException.class,
                () -> store.write(doomed));
        assertThat(e).isNotNull();
        assertThat(e.failed().type()).isEqualTo(WriteBatch.Op.Type.REQUIRE_ABSENT);

        assertThat(store.get(KV, utf8("new"))).isEmpty();
        assertThat(store.get(KV, utf8("existing")).orElseThrow()).isEqualTo(utf8("old"));
        assertThat(store.counter(COUNTERS, utf8("c"))).isEqualTo(1);
        assertThat(store.counter(COUNTERS, utf8("d"))).isZero();
        assertThat(store.lastSequence(LOG)).isEqualTo(lastSeq);
        assertThat(readLog(LOG, 0)).extracting(en -> new String(en.value())).containsExactly("first");
        assertThat(readLog(LOG2, 0)).isEmpty();

        reopen(); // and nothing of it shows up later either
        assertThat(store.get(KV, utf8("new"))).isEmpty();
        assertThat(store.counter(COUNTERS, utf8("c"))).isEqualTo(1);
        assertThat(readLog(LOG, 0)).hasSize(1);
        assertThat(readLog(LOG2, 0)).isEmpty();
    }

    @Test
    void requireAbsent() {
        store.write(new WriteBatch().requireAbsent(KV, utf8("k")).put(KV, utf8("k"), utf8("v1")));
        assertThat(store.get(KV, utf8("k")).orElseThrow()).isEqualTo(utf8("v1"));
        assertPreconditionFails(new WriteBatch().requireAbsent(KV, utf8("k")).put(KV, utf8("k"), utf8("v2")),
                WriteBatch.Op.Type.REQUIRE_ABSENT, KV, utf8("k"));
        assertThat(store.get(KV, utf8("k")).orElseThrow()).isEqualTo(utf8("v1"));
        store.write(new WriteBatch().delete(KV, utf8("k")));
        store.write(new WriteBatch().requireAbsent(KV, utf8("k")).put(KV, utf8("k"), utf8("v3")));
        assertThat(store.get(KV, utf8("k")).orElseThrow()).isEqualTo(utf8("v3"));
    }

    @Test
    void requirePresent() {
        assertPreconditionFails(new WriteBatch().requirePresent(KV, utf8("k")).put(KV, utf8("other"), utf8("x")),
                WriteBatch.Op.Type.REQUIRE_PRESENT, KV, utf8("k"));
        assertThat(store.get(KV, utf8("other"))).isEmpty();
        store.write(new WriteBatch().put(KV, utf8("k"), utf8("v")));
        store.write(new WriteBatch().requirePresent(KV, utf8("k")).put(KV, utf8("other"), utf8("x")));
        assertThat(store.get(KV, utf8("other"))).isPresent();
    }

    @Test
    void requireValue() {
        assertPreconditionFails(new WriteBatch().requireValue(KV, utf8("k"), utf8("v1")).put(KV, utf8("k"),
                utf8("v2")), WriteBatch.Op.Type.REQUIRE_VALUE, KV, utf8("k"));
        assertThat(store.get(KV, utf8("k"))).isEmpty();

        store.write(new WriteBatch().put(KV, utf8("k"), utf8("v1")));
        store.write(new WriteBatch().requireValue(KV, utf8("k"), utf8("v1")).put(KV, utf8("k"), utf8("v2")));
        assertThat(store.get(KV, utf8("k")).orElseThrow()).isEqualTo(utf8("v2"));

        assertPreconditionFails(new WriteBatch().requireValue(KV, utf8("k"), utf8("v1")).put(KV, utf8("k"),
                utf8("v3")), WriteBatch.Op.Type.REQUIRE_VALUE, KV, utf8("k"));
        assertPreconditionFails(new WriteBatch().requireValue(KV, utf8("k"), utf8("v")).put(KV, utf8("k"),
                utf8("v3")), WriteBatch.Op.Type.REQUIRE_VALUE, KV, utf8("k")); // a prefix of the value
        assertPreconditionFails(new WriteBatch().requireValue(KV, utf8("k"), utf8("v2\0")).put(KV, utf8("k"),
                utf8("v3")), WriteBatch.Op.Type.REQUIRE_VALUE, KV, utf8("k")); // the value is a prefix of it
        assertThat(store.get(KV, utf8("k")).orElseThrow()).isEqualTo(utf8("v2"));
    }

    @Test
    void firstFailingPreconditionIsNamed() {
        store.write(new WriteBatch().put(KV, utf8("present"), utf8("v")));
        PreconditionFailedException e = catchThrowableOfType(PreconditionFailedException.class,
                () -> store.write(new WriteBatch()
                        .requirePresent(KV, utf8("present"))
                        .requireAbsent(KV2, utf8("missing"))
                        .requirePresent(KV2, utf8("missing"))
                        .requireAbsent(KV, utf8("present"))));
        assertThat(e).isNotNull();
        assertThat(e.failed().type()).isEqualTo(WriteBatch.Op.Type.REQUIRE_PRESENT);
        assertThat(e.failed().space()).isEqualTo(KV2);
        assertThat(e.failed().key()).isEqualTo(utf8("missing"));
        assertThat(e.getMessage()).contains("missing");
    }

    @Test
    void preconditionsSeeTheStateBeforeTheBatch() {
        store.write(new WriteBatch().put(KV, utf8("k"), utf8("old")));
        // The put in the same batch does not satisfy a check on the new value...
        assertPreconditionFails(new WriteBatch().put(KV, utf8("k"), utf8("new")).requireValue(KV, utf8("k"),
                utf8("new")), WriteBatch.Op.Type.REQUIRE_VALUE, KV, utf8("k"));
        // ...and a delete in the same batch does not satisfy an absence check.
        assertPreconditionFails(new WriteBatch().delete(KV, utf8("k")).requireAbsent(KV, utf8("k")),
                WriteBatch.Op.Type.REQUIRE_ABSENT, KV, utf8("k"));
        store.write(new WriteBatch().delete(KV, utf8("k")).requireValue(KV, utf8("k"), utf8("old")));
        assertThat(store.get(KV, utf8("k"))).isEmpty();
    }

    @Test
    void racingCreatorsExactlyOneWins() throws Exception {
        int threads = 8;
        for (int round = 0; round < 25; round++) {
            byte[] key = utf8("contested-" + round);
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger failures = new AtomicInteger();
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                tasks.add(() -> {
                    start.await();
                    try {
                        store.write(new WriteBatch().requireAbsent(KV, key).put(KV, key, utf8("owner-" + id))
                                .add(COUNTERS, utf8("creations"), 1));
                        return id;
                    } catch (PreconditionFailedException e) {
                        failures.incrementAndGet();
                        return -1;
                    }
                });
            }
            List<Integer> winners = runConcurrently(tasks, start).stream().filter(id -> id >= 0).toList();
            assertThat(winners).as("round %d", round).hasSize(1);
            assertThat(failures.get()).isEqualTo(threads - 1);
            assertThat(store.get(KV, key).orElseThrow()).isEqualTo(utf8("owner-" + winners.get(0)));
        }
        assertThat(store.counter(COUNTERS, utf8("creations"))).isEqualTo(25);
    }

    @Test
    void compareAndSetIncrementsAreNotLost() throws Exception {
        int threads = 4;
        int increments = 150;
        byte[] key = utf8("cas");
        store.write(new WriteBatch().put(KV, key, utf8("0")));
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            tasks.add(() -> {
                start.await();
                int retries = 0;
                for (int i = 0; i < increments; i++) {
                    while (true) {
                        byte[] current = store.get(KV, key).orElseThrow();
                        byte[] next = utf8(Integer.toString(Integer.parseInt(new String(current)) + 1));
                        try {
                            store.write(new WriteBatch().requireValue(KV, key, current).put(KV, key, next));
                            break;
                        } catch (PreconditionFailedException e) {
                            retries++;
                        }
                    }
                }
                return retries;
            });
        }
        runConcurrently(tasks, start);
        assertThat(new String(store.get(KV, key).orElseThrow())).isEqualTo(Integer.toString(threads * increments));
    }

    @Test
    void batchesOnOverlappingKeysDoNotDeadlock() throws Exception {
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            tasks.add(() -> {
                start.await();
                Random random = new Random(id);
                for (int i = 0; i < 300; i++) {
                    WriteBatch batch = new WriteBatch();
                    List<Integer> keys = new ArrayList<>();
                    for (int k = 0; k < 8; k++) {
                        keys.add(random.nextInt(20));
                    }
                    if (id % 2 == 1) {
                        Collections.reverse(keys);
                    }
                    for (int k : keys) {
                        batch.put(KV, utf8("shared-" + k), utf8("t" + id));
                    }
                    store.write(batch);
                }
                return id;
            });
        }
        assertThat(runConcurrently(tasks, start)).hasSize(threads);
    }

    // ---------------------------------------------------------------- counters

    @Test
    void counters() {
        assertThat(store.counter(COUNTERS, utf8("missing"))).isZero();
        store.write(new WriteBatch().add(COUNTERS, utf8("a"), 5));
        store.write(new WriteBatch().add(COUNTERS, utf8("a"), 10));
        assertThat(store.counter(COUNTERS, utf8("a"))).isEqualTo(15);
        store.write(new WriteBatch().add(COUNTERS, utf8("a"), -20));
        assertThat(store.counter(COUNTERS, utf8("a"))).isEqualTo(-5);
        store.write(new WriteBatch().add(COUNTERS, utf8("b"), 1).add(COUNTERS, utf8("b"), 2)
                .add(COUNTERS, utf8("b"), 3).add(COUNTERS, utf8("a"), 5));
        assertThat(store.counter(COUNTERS, utf8("b"))).isEqualTo(6);
        assertThat(store.counter(COUNTERS, utf8("a"))).isZero();
        store.write(new WriteBatch().add(COUNTERS, utf8("big"), Long.MAX_VALUE).add(COUNTERS, utf8("big"), -1));
        assertThat(store.counter(COUNTERS, utf8("big"))).isEqualTo(Long.MAX_VALUE - 1);
        store.write(new WriteBatch().add(COUNTERS, utf8("zero"), 0));
        assertThat(store.counter(COUNTERS, utf8("zero"))).isZero();
    }

    @Test
    void deletingACounterResetsIt() {
        store.write(new WriteBatch().add(COUNTERS, utf8("a"), 5));
        store.write(new WriteBatch().delete(COUNTERS, utf8("a")));
        assertThat(store.counter(COUNTERS, utf8("a"))).isZero();
        store.write(new WriteBatch().add(COUNTERS, utf8("a"), 2));
        assertThat(store.counter(COUNTERS, utf8("a"))).isEqualTo(2);
    }

    @Test
    void concurrentCounterAddsAreNotLost() throws Exception {
        int threads = 4;
        int adds = 500;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            tasks.add(() -> {
                start.await();
                for (int i = 0; i < adds; i++) {
                    store.write(new WriteBatch().add(COUNTERS, utf8("shared"), 2).add(COUNTERS, utf8("shared"), -1));
                }
                return 0;
            });
        }
        runConcurrently(tasks, start);
        assertThat(store.counter(COUNTERS, utf8("shared"))).isEqualTo((long) threads * adds);
        reopen();
        assertThat(store.counter(COUNTERS, utf8("shared"))).isEqualTo((long) threads * adds);
    }

    // ---------------------------------------------------------------- logs

    @Test
    void appendsGetIncreasingSequences() {
        assertThat(store.lastSequence(LOG)).isZero();
        long previous = 0;
        for (int i = 0; i < 10; i++) {
            WriteResult r = store.write(new WriteBatch().append(LOG, utf8("e" + i)));
            assertThat(r.appendedSequences()).hasSize(1);
            long seq = r.appendedSequences().get(0);
            assertThat(seq).isGreaterThan(previous);
            previous = seq;
            assertThat(store.lastSequence(LOG)).isEqualTo(seq);
        }
        List<Entry> log = readLog(LOG, 0);
        assertThat(log).extracting(e -> new String(e.value())).containsExactly(
                "e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9");
        for (Entry e : log) {
            assertThat(e.key()).hasSize(8);
        }
        assertThat(log).extracting(e -> StoreKeys.sequence(e.key())).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void appendsInOneBatchAreConsecutiveAndInBatchOrder() {
        store.write(new WriteBatch().append(LOG, utf8("before")));
        WriteResult r = store.write(new WriteBatch()
                .append(LOG, utf8("a1"))
                .append(LOG2, utf8("b1"))
                .append(LOG, utf8("a2"))
                .put(KV, utf8("k"), utf8("v"))
                .append(LOG2, utf8("b2"))
                .append(LOG, utf8("a3")));
        List<Long> seqs = r.appendedSequences();
        assertThat(seqs).hasSize(5);
        long a1 = seqs.get(0);
        assertThat(List.of(seqs.get(0), seqs.get(2), seqs.get(4))).containsExactly(a1, a1 + 1, a1 + 2);
        long b1 = seqs.get(1);
        assertThat(seqs.get(3)).isEqualTo(b1 + 1);
        for (int i = 0; i < 5; i++) {
            KeySpace space = i % 2 == 0 ? LOG : LOG2;
            String expected = (i % 2 == 0 ? "a" : "b") + (i / 2 + 1);
            assertThat(store.get(space, StoreKeys.sequence(seqs.get(i))).orElseThrow()).isEqualTo(utf8(expected));
        }
        assertThat(store.lastSequence(LOG)).isEqualTo(a1 + 2);
        assertThat(store.lastSequence(LOG2)).isEqualTo(b1 + 1);
    }

    @Test
    void indexEntriesPointAtTheAppendBeforeThem() {
        WriteResult r = store.write(new WriteBatch()
                .append(LOG, utf8("first"))
                .indexLastAppend(KV, utf8("by-object/a/"))
                .indexLastAppend(KV, utf8("by-actor/x/"))
                .append(LOG, utf8("second"))
                .indexLastAppend(KV, utf8("by-object/a/")));
        long first = r.appendedSequences().get(0);
        long second = r.appendedSequences().get(1);
        List<Entry> byObject = scan(KV, utf8("by-object/a/"), Optional.empty());
        assertThat(byObject).extracting(e -> StoreKeys.trailingSequence(e.key())).containsExactly(first, second);
        assertThat(byObject).allSatisfy(e -> assertThat(e.value()).isEmpty());
        assertThat(scan(KV, utf8("by-actor/x/"), Optional.empty())).extracting(e -> StoreKeys.trailingSequence(e.key()))
                .containsExactly(first);
        assertThat(store.get(LOG, StoreKeys.sequence(second))).contains(utf8("second"));
        assertThatThrownBy(() -> new WriteBatch().indexLastAppend(KV, utf8("x")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readLogFromASequence() {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            seqs.add(store.write(new WriteBatch().append(LOG, utf8("e" + i))).appendedSequences().get(0));
        }
        assertThat(readLog(LOG, 0)).hasSize(20);
        assertThat(readLog(LOG, seqs.get(0))).hasSize(20);
        List<Entry> tail = readLog(LOG, seqs.get(15));
        assertThat(tail).extracting(e -> StoreKeys.sequence(e.key())).containsExactlyElementsOf(seqs.subList(15, 20));
        assertThat(tail).extracting(e -> new String(e.value())).containsExactly("e15", "e16", "e17", "e18", "e19");
        assertThat(readLog(LOG, seqs.get(19) + 1)).isEmpty();
        assertThat(readLog(LOG2, 0)).isEmpty();
    }

    @Test
    void sequencesContinueAfterReopen() {
        long last = 0;
        for (int i = 0; i < 5; i++) {
            last = store.write(new WriteBatch().append(LOG, utf8("e" + i))).appendedSequences().get(0);
        }
        reopen();
        assertThat(store.lastSequence(LOG)).isEqualTo(last);
        long next = store.write(new WriteBatch().append(LOG, utf8("after"))).appendedSequences().get(0);
        assertThat(next).isGreaterThan(last);
        assertThat(readLog(LOG, 0)).extracting(e -> new String(e.value()))
                .containsExactly("e0", "e1", "e2", "e3", "e4", "after");
    }

    @Test
    void concurrentAppendsGetDistinctSequences() throws Exception {
        int threads = 4;
        int appends = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<List<Long>>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            tasks.add(() -> {
                start.await();
                List<Long> mine = new ArrayList<>();
                for (int i = 0; i < appends; i++) {
                    WriteResult r = store.write(new WriteBatch().append(LOG, utf8(id + ":" + i))
                            .append(LOG, utf8(id + ":" + i + "b")));
                    assertThat(r.appendedSequences().get(1)).isEqualTo(r.appendedSequences().get(0) + 1);
                    mine.addAll(r.appendedSequences());
                }
                return mine;
            });
        }
        Set<Long> all = new HashSet<>();
        for (List<Long> mine : runConcurrently(tasks, start)) {
            assertThat(mine).isSorted();
            all.addAll(mine);
        }
        assertThat(all).hasSize(threads * appends * 2);
        List<Entry> log = readLog(LOG, 0);
        assertThat(log).hasSize(threads * appends * 2);
        assertThat(store.lastSequence(LOG)).isEqualTo(Collections.max(all));
    }

    // ---------------------------------------------------------------- scans

    @Test
    void scanPrefixBoundsAreExact() {
        List<byte[]> inside = List.of(utf8("ab"), bytes('a', 'b', 0x00), utf8("abc"), bytes('a', 'b', 0xFF),
                bytes('a', 'b', 0xFF, 0xFF));
        List<byte[]> outside = List.of(utf8("a"), utf8("aa"), bytes('a', 'a', 0xFF), bytes('a', 'a', 0xFF, 0xFF),
                utf8("ac"), bytes('a', 'c', 0x00), utf8("b"), bytes(0x00), bytes(0xFF));
        putAll(KV, inside);
        putAll(KV, outside);
        assertThat(scanKeys(KV, utf8("ab"))).containsExactlyElementsOf(sortedUnsigned(inside));
    }

    @Test
    void scanPrefixOfAllOnes() {
        List<byte[]> inside = List.of(bytes(0xFF), bytes(0xFF, 0x00), bytes(0xFF, 0xFF), bytes(0xFF, 0xFF, 0xFF));
        List<byte[]> outside = List.of(bytes(0xFE), bytes(0xFE, 0xFF, 0xFF), bytes(0x00), bytes(0x7F));
        putAll(KV, inside);
        putAll(KV, outside);
        assertThat(scanKeys(KV, bytes(0xFF))).containsExactlyElementsOf(sortedUnsigned(inside));
        assertThat(scanKeys(KV, bytes(0xFF, 0xFF))).containsExactly(bytes(0xFF, 0xFF), bytes(0xFF, 0xFF, 0xFF));
    }

    @Test
    void emptyPrefixScansEverythingInUnsignedOrder() {
        List<byte[]> keys = new ArrayList<>();
        for (int b = 0; b < 256; b += 17) {
            keys.add(bytes(b));
            keys.add(bytes(b, 0x80));
        }
        keys.add(bytes(0x7F));
        keys.add(bytes(0x80));
        putAll(KV, keys);
        assertThat(scanKeys(KV, new byte[0])).containsExactlyElementsOf(sortedUnsigned(keys));
        assertThat(scanKeys(KV2, new byte[0])).isEmpty();
    }

    @Test
    void scanReturnsValuesAndSkipsDeletedKeys() {
        store.write(new WriteBatch().put(KV, utf8("p/1"), utf8("one")).put(KV, utf8("p/2"), utf8("two"))
                .put(KV, utf8("p/3"), utf8("three")));
        store.write(new WriteBatch().delete(KV, utf8("p/2")));
        List<Entry> entries = scan(KV, utf8("p/"), Optional.empty());
        assertThat(entries).extracting(e -> new String(e.key()) + "=" + new String(e.value()))
                .containsExactly("p/1=one", "p/3=three");
    }

    @Test
    void pagingWithStartAfterReproducesTheFullScan() {
        List<byte[]> keys = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 60; i++) {
            byte[] key = new byte[1 + random.nextInt(4)];
            random.nextBytes(key);
            key[0] = (byte) 'p';
            keys.add(key);
        }
        keys.add(utf8("p"));
        keys.add(utf8("o-outside"));
        keys.add(utf8("q-outside"));
        putAll(KV, keys);
        List<byte[]> full = scanKeys(KV, utf8("p"));
        assertThat(full).containsExactlyElementsOf(sortedUnsigned(
                keys.stream().filter(k -> k[0] == 'p').distinct().toList()));
        for (int pageSize : new int[] {1, 2, 3, 7, 100}) {
            List<byte[]> paged = new ArrayList<>();
            Optional<byte[]> after = Optional.empty();
            while (true) {
                List<byte[]> page = new ArrayList<>();
                try (Cursor c = store.scan(KV, utf8("p"), after)) {
                    while (page.size() < pageSize && c.next()) {
                        page.add(c.key());
                    }
                }
                if (page.isEmpty()) {
                    break;
                }
                paged.addAll(page);
                after = Optional.of(page.get(page.size() - 1));
            }
            assertThat(paged).as("page size %d", pageSize).containsExactlyElementsOf(full);
        }
    }

    @Test
    void startAfterNeedNotBeAKey() {
        putAll(KV, List.of(utf8("p1"), utf8("p3"), utf8("p5")));
        assertThat(keysOf(scan(KV, utf8("p"), Optional.of(utf8("p2"))))).containsExactly(utf8("p3"), utf8("p5"));
        assertThat(keysOf(scan(KV, utf8("p"), Optional.of(utf8("p5"))))).isEmpty();
        assertThat(keysOf(scan(KV, utf8("p"), Optional.of(utf8("a"))))).hasSize(3); // before the prefix
        assertThat(keysOf(scan(KV, utf8("p"), Optional.of(utf8("p"))))).hasSize(3);
        assertThat(keysOf(scan(KV, utf8("p"), Optional.of(utf8("q"))))).isEmpty(); // past the prefix
        assertThat(keysOf(scan(KV, new byte[0], Optional.of(utf8("p1"))))).containsExactly(utf8("p3"), utf8("p5"));
    }

    @Test
    void cursorCanBeClosedEarlyAndTwice() {
        putAll(KV, List.of(utf8("a"), utf8("b"), utf8("c")));
        Cursor c = store.scan(KV, new byte[0], Optional.empty());
        assertThat(c.next()).isTrue();
        assertThat(c.key()).isEqualTo(utf8("a"));
        c.close();
        c.close();
        try (Cursor empty = store.scan(KV, utf8("zzz"), Optional.empty())) {
            assertThat(empty.next()).isFalse();
            assertThat(empty.next()).isFalse();
        }
    }

    // ---------------------------------------------------------------- multiGet and cache-only reads

    @Test
    void multiGetKeepsOrderAndReportsAbsents() {
        store.write(new WriteBatch().put(KV, utf8("a"), utf8("1")).put(KV, utf8("c"), utf8("3"))
                .put(KV2, utf8("b"), utf8("other space")));
        List<Optional<byte[]>> values = store.multiGet(KV, List.of(utf8("c"), utf8("b"), utf8("a"), utf8("c"),
                utf8("zz")));
        assertThat(values).hasSize(5);
        assertThat(values.get(0).orElseThrow()).isEqualTo(utf8("3"));
        assertThat(values.get(1)).isEmpty();
        assertThat(values.get(2).orElseThrow()).isEqualTo(utf8("1"));
        assertThat(values.get(3).orElseThrow()).isEqualTo(utf8("3"));
        assertThat(values.get(4)).isEmpty();
        assertThat(store.multiGet(KV, List.of())).isEmpty();
    }

    @Test
    void getIfCachedNeverLies() {
        Random random = new Random(7);
        List<byte[]> present = new ArrayList<>();
        List<byte[]> absent = new ArrayList<>();
        for (int batch = 0; batch < 10; batch++) {
            WriteBatch b = new WriteBatch();
            for (int i = 0; i < 50; i++) {
                byte[] key = utf8("key-" + batch + "-" + i);
                b.put(KV, key, randomBytes(100 + random.nextInt(400), batch * 100 + i));
                present.add(key);
                absent.add(utf8("nokey-" + batch + "-" + i));
            }
            store.write(b);
        }
        WriteBatch deletes = new WriteBatch();
        for (int i = 0; i < present.size(); i += 5) {
            deletes.delete(KV, present.get(i));
        }
        store.write(deletes);
        for (int i = 0; i < present.size(); i += 5) {
            absent.add(present.get(i));
        }
        present.removeIf(absent::contains);

        assertCachedReadsConsistent(present, absent);
        reopen();
        assertCachedReadsConsistent(present, absent);
        present.forEach(k -> store.get(KV, k));
        absent.forEach(k -> store.get(KV, k));
        assertCachedReadsConsistent(present, absent);
    }

    protected final void assertCachedReadsConsistent(List<byte[]> present, List<byte[]> absent) {
        for (byte[] key : present) {
            byte[] truth = store.get(KV, key).orElseThrow();
            CachedRead read = store.getIfCached(KV, key);
            assertThat(read).as("present key %s", StoreKeys.printable(key)).isNotInstanceOf(CachedRead.Absent.class);
            if (read instanceof CachedRead.Hit hit) {
                assertThat(hit.value()).as("cached value of %s", StoreKeys.printable(key)).isEqualTo(truth);
            }
        }
        for (byte[] key : absent) {
            assertThat(store.getIfCached(KV, key)).as("absent key %s", StoreKeys.printable(key))
                    .isNotInstanceOf(CachedRead.Hit.class);
        }
    }

    // ---------------------------------------------------------------- persistence and lifecycle

    @Test
    void everythingSurvivesReopen() {
        byte[] binary = bytes(0x00, 0xFF, 0x10);
        store.write(new WriteBatch().put(KV, utf8("k"), utf8("v")).put(KV2, binary, binary)
                .add(COUNTERS, utf8("c"), 42).append(LOG, utf8("e1")).append(LOG2, utf8("x")));
        store.write(new WriteBatch().put(KV, utf8("deleted"), utf8("v")));
        store.write(new WriteBatch().delete(KV, utf8("deleted")).append(LOG, utf8("e2")));
        reopen();
        assertThat(store.get(KV, utf8("k")).orElseThrow()).isEqualTo(utf8("v"));
        assertThat(store.get(KV2, binary).orElseThrow()).isEqualTo(binary);
        assertThat(store.get(KV, utf8("deleted"))).isEmpty();
        assertThat(store.counter(COUNTERS, utf8("c"))).isEqualTo(42);
        assertThat(readLog(LOG, 0)).extracting(e -> new String(e.value())).containsExactly("e1", "e2");
        assertThat(readLog(LOG2, 0)).hasSize(1);
        reopen(); // twice, in case the first reopen rewrote something
        assertThat(store.get(KV, utf8("k")).orElseThrow()).isEqualTo(utf8("v"));
        assertThat(store.counter(COUNTERS, utf8("c"))).isEqualTo(42);
    }

    @Test
    void useAfterCloseFails() {
        store.write(new WriteBatch().put(KV, utf8("k"), utf8("v")));
        Cursor open = store.scan(KV, new byte[0], Optional.empty());
        store.close();
        store.close(); // idempotent
        List<Consumer<Store>> calls = List.of(
                s -> s.get(KV, utf8("k")),
                s -> s.getIfCached(KV, utf8("k")),
                s -> s.multiGet(KV, List.of(utf8("k"))),
                s -> s.counter(COUNTERS, utf8("c")),
                s -> s.write(new WriteBatch().put(KV, utf8("k"), utf8("v"))),
                s -> s.scan(KV, new byte[0], Optional.empty()),
                s -> s.readLog(LOG, 0),
                s -> s.lastSequence(LOG),
                s -> s.estimateCount(KV),
                Store::status);
        for (Consumer<Store> call : calls) {
            assertThatThrownBy(() -> call.accept(store)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("closed");
        }
        assertThatThrownBy(open::next).isInstanceOf(StoreException.class);
        open.close(); // closing a cursor of a closed store is harmless
        store = openStore(dir, SPACES);
        assertThat(store.get(KV, utf8("k"))).isPresent();
    }

    @Test
    void undeclaredSpacesAreRejected() {
        KeySpace undeclared = KeySpace.keyValue("undeclared");
        KeySpace wrongKind = KeySpace.counter(KV.name());
        for (KeySpace space : List.of(undeclared, wrongKind)) {
            assertThatThrownBy(() -> store.get(space, utf8("k"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.getIfCached(space, utf8("k")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.multiGet(space, List.of(utf8("k"))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.scan(space, new byte[0], Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.estimateCount(space)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.write(new WriteBatch().put(KV, utf8("ok"), utf8("v"))
                .put(undeclared, utf8("k"), utf8("v")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("undeclared");
        assertThatThrownBy(() -> store.write(new WriteBatch().add(wrongKind, utf8("k"), 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.counter(KeySpace.counter("nocounter"), utf8("k")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.lastSequence(KeySpace.log("nolog")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.get(KV, utf8("ok"))).isEmpty(); // the rejected batch wrote nothing
    }

    @Test
    void wrongKindOperationsAreRejected() {
        assertThatThrownBy(() -> new WriteBatch().put(LOG, utf8("k"), utf8("v")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteBatch().put(COUNTERS, utf8("k"), utf8("v")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteBatch().append(KV, utf8("v"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteBatch().append(COUNTERS, utf8("v")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteBatch().add(KV, utf8("k"), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteBatch().add(LOG, utf8("k"), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteBatch().delete(LOG, utf8("k"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteBatch().requireAbsent(COUNTERS, utf8("k")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteBatch().requirePresent(LOG, utf8("k")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteBatch().requireValue(COUNTERS, utf8("k"), utf8("v")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteBatch().put(KV, new byte[0], utf8("v")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteBatch().put(KV, utf8("k"), null)).isInstanceOf(IllegalArgumentException.class);

        assertThatThrownBy(() -> store.counter(KV, utf8("k"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.lastSequence(KV)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.lastSequence(COUNTERS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.readLog(KV, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void estimateCountAndStatusAnswer() {
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < 100; i++) {
            batch.put(KV, utf8("k" + i), utf8("v"));
        }
        store.write(batch);
        assertThat(store.estimateCount(KV)).isNotNegative();
        assertThat(store.estimateCount(KV2)).isNotNegative();
        StoreStatus status = store.status();
        assertThat(status.engine()).isNotBlank();
        assertThat(status.properties()).isNotNull();
    }

    // ---------------------------------------------------------------- helpers

    /** A key and value read from a cursor. */
    protected record Entry(byte[] key, byte[] value) {}

    protected final List<Entry> scan(KeySpace space, byte[] prefix, Optional<byte[]> startAfter) {
        List<Entry> entries = new ArrayList<>();
        try (Cursor c = store.scan(space, prefix, startAfter)) {
            while (c.next()) {
                entries.add(new Entry(c.key(), c.value()));
            }
        }
        return entries;
    }

    protected final List<byte[]> scanKeys(KeySpace space, byte[] prefix) {
        return keysOf(scan(space, prefix, Optional.empty()));
    }

    protected final List<Entry> readLog(KeySpace space, long fromSequence) {
        List<Entry> entries = new ArrayList<>();
        try (Cursor c = store.readLog(space, fromSequence)) {
            while (c.next()) {
                entries.add(new Entry(c.key(), c.value()));
            }
        }
        return entries;
    }

    protected static List<byte[]> keysOf(List<Entry> entries) {
        return entries.stream().map(Entry::key).toList();
    }

    protected final void putAll(KeySpace space, List<byte[]> keys) {
        WriteBatch batch = new WriteBatch();
        keys.forEach(k -> batch.put(space, k, k));
        store.write(batch);
    }

    protected final void assertPreconditionFails(WriteBatch batch, WriteBatch.Op.Type type, KeySpace space,
                                                 byte[] key) {
        PreconditionFailedException e = catchThrowableOfType(PreconditionFailedException.class,
                () -> store.write(batch));
        assertThat(e).as("expected %s to fail", batch).isNotNull();
        assertThat(e.failed().type()).isEqualTo(type);
        assertThat(e.failed().space()).isEqualTo(space);
        assertThat(e.failed().key()).isEqualTo(key);
    }

    protected static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    protected static byte[] randomBytes(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    protected static List<byte[]> sortedUnsigned(Collection<byte[]> keys) {
        List<byte[]> sorted = new ArrayList<>();
        for (byte[] k : keys) {
            if (sorted.stream().noneMatch(s -> Arrays.equals(s, k))) {
                sorted.add(k);
            }
        }
        sorted.sort(Arrays::compareUnsigned);
        return sorted;
    }

    /** Runs the tasks on their own threads, releases {@code start}, and returns their results in task order. */
    protected static <T> List<T> runConcurrently(List<Callable<T>> tasks, CountDownLatch start) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(50, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("worker threads did not stop");
            }
        }
    }

    /**
     * Reads never go back in time: a read that starts after a write was acknowledged sees that write or a later one,
     * through every read path (engines with read caches must not serve values older than the last write).
     */
    @Test
    void readsAfterAcknowledgedWritesNeverSeeOlderValues() throws Exception {
        byte[] key = "linearizable".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.concurrent.atomic.AtomicLong committed = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<String> violation = new java.util.concurrent.atomic.AtomicReference<>();
        store.write(new WriteBatch().put(KV, key, StoreKeys.sequence(0)));
        Thread[] readers = new Thread[3];
        for (int t = 0; t < readers.length; t++) {
            boolean cacheOnly = t == 0;
            readers[t] = new Thread(() -> {
                while (!done.get() && violation.get() == null) {
                    long before = committed.get();
                    byte[] v;
                    if (cacheOnly) {
                        CachedRead r = store.getIfCached(KV, key);
                        if (!(r instanceof CachedRead.Hit hit)) {
                            continue;
                        }
                        v = hit.value();
                    } else {
                        v = store.get(KV, key).orElseThrow();
                    }
                    long seen = StoreKeys.sequence(v);
                    if (seen < before) {
                        violation.set("read " + seen + " after " + before + " was acknowledged");
                    }
                }
            });
            readers[t].start();
        }
        for (long i = 1; i <= 3000 && violation.get() == null; i++) {
            store.write(new WriteBatch().put(KV, key, StoreKeys.sequence(i)));
            committed.set(i);
        }
        done.set(true);
        for (Thread r : readers) {
            r.join();
        }
        assertThat(violation.get()).isNull();
        assertThat(StoreKeys.sequence(store.get(KV, key).orElseThrow())).isEqualTo(3000);
    }
}
