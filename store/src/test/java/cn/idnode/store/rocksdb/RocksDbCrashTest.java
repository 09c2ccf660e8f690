package cn.idnode.store.rocksdb;

import static cn.idnode.store.StoreKeys.utf8;
import static cn.idnode.store.rocksdb.CrashWriter.BATCHES;
import static cn.idnode.store.rocksdb.CrashWriter.COUNTS;
import static cn.idnode.store.rocksdb.CrashWriter.DATA;
import static cn.idnode.store.rocksdb.CrashWriter.JOURNAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import cn.idnode.store.Cursor;
import cn.idnode.store.Store;
import cn.idnode.store.StoreException;
import cn.idnode.store.StoreKeys;
import cn.idnode.store.WriteBatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills a writing process with SIGKILL and checks what the store holds afterwards: every acknowledged batch in
 * full, no batch in part, log sequence numbers without holes, counters equal to the batches present.
 * syncWrites=false is the interesting case for a process crash (the write-ahead log is in the OS page cache, which
 * survives the process); syncWrites=true must of course hold as well.
 */
class RocksDbCrashTest {
    private static final int ACKS_BEFORE_KILL = 2000;
    private static final long MIN_RUN_MILLIS = 300;
    private static final long MAX_WAIT_MILLIS = 6_000;
    private static final int SIGKILL_EXIT = 128 + 9;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "syncWrites={0}")
    @ValueSource(booleans = {false, true})
    @Timeout(value = 40, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void acknowledgedBatchesSurviveSigkill(boolean sync) throws Exception {
        Path data = dir.resolve("db");
        Path childTmp = Files.createDirectories(dir.resolve("child-tmp"));
        Path stderr = dir.resolve("child-stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + childTmp, // RocksDB unpacks its native library there
                "-cp", testClassPath(),
                CrashWriter.class.getName(), data.toString(), Boolean.toString(sync));
        builder.redirectError(stderr.toFile());
        Process child = builder.start();
        long acked;
        try {
            BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            acked = readAcks(out, stderr, data);
            // SIGKILL (no shutdown hooks, no RocksDB close). Through the ProcessHandle, because Process.destroy*()
            // also closes our end of the child's stdout, and the ACKs still in the pipe are needed below.
            assertThat(child.toHandle().destroyForcibly()).as("kill requested").isTrue();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("child exited").isTrue();
            assertThat(child.exitValue()).as("exit status of a process killed by SIGKILL").isEqualTo(SIGKILL_EXIT);
            // ACKs still in the pipe were printed after their writes returned: they count as acknowledged too.
            acked = drainAcks(out, acked);
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        verify(data, acked);
    }

    /** Reads ACK lines until enough have come and the child has run for a while; returns the last one. */
    private long readAcks(BufferedReader out, Path stderr, Path data) throws IOException {
        long start = System.nanoTime();
        long acked = 0;
        String line;
        while ((line = out.readLine()) != null) {
            acked = nextAck(line, acked);
            if (acked == 1) {
                // While the child has the store open, this process must be refused plainly.
                assertThatThrownBy(() -> RocksDbStore.open(data, RocksDbStoreTest.TEST_OPTIONS, CrashWriter.SPACES))
                        .isInstanceOf(StoreException.class)
                        .hasMessageContaining("in use by another idnode process");
            }
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (acked >= ACKS_BEFORE_KILL && elapsed >= MIN_RUN_MILLIS) {
                return acked;
            }
            if (elapsed > MAX_WAIT_MILLIS) {
                return acked; // a slow disk: what was acknowledged so far is still worth checking
            }
        }
        fail("the writer process ended by itself after " + acked + " ACKs; its stderr:\n" + Files.readString(stderr));
        return acked;
    }

    /** Reads the rest of the output of the dead child. */
    private static long drainAcks(BufferedReader out, long acked) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            acked = nextAck(line, acked);
        }
        return acked;
    }

    private static long nextAck(String line, long acked) {
        if (!line.startsWith("ACK ")) {
            return acked; // e.g. a log line
        }
        long n = Long.parseLong(line.substring(4));
        assertThat(n).as("ACKs come in order").isEqualTo(acked + 1);
        return n;
    }

    private static void verify(Path data, long acked) {
        assertThat(acked).isPositive();
        try (Store store = RocksDbStore.open(data, RocksDbStoreTest.TEST_OPTIONS, CrashWriter.SPACES)) {
            // The journal: entries 1..m, each under its own sequence number, no holes.
            long m = 0;
            try (Cursor c = store.readLog(JOURNAL, 0)) {
                while (c.next()) {
                    m++;
                    assertThat(StoreKeys.sequence(c.key())).as("journal sequence").isEqualTo(m);
                    assertThat(new String(c.value(), StandardCharsets.UTF_8)).isEqualTo(Long.toString(m));
                }
            }
            System.out.printf("crash test: %d batches acknowledged, %d found after SIGKILL%n", acked, m);
            assertThat(m).as("batches found after the kill vs acknowledged ones").isGreaterThanOrEqualTo(acked);
            assertThat(store.lastSequence(JOURNAL)).isEqualTo(m);
            // The counter counts exactly the batches present: no add without its batch, none lost.
            assertThat(store.counter(COUNTS, BATCHES)).isEqualTo(m);
            // Both puts of batches 1..m, and nothing of any later batch.
            for (long n = 1; n <= m; n++) {
                assertThat(store.get(DATA, utf8("a/" + n))).as("a/%d", n).isPresent();
                assertThat(store.get(DATA, utf8("b/" + n))).as("b/%d", n).isPresent();
            }
            assertThat(count(store, "a/")).isEqualTo(m);
            assertThat(count(store, "b/")).isEqualTo(m);
            // Numbering goes on after the crash without reuse.
            assertThat(store.write(new WriteBatch().append(JOURNAL, utf8("after"))).appendedSequences())
                    .containsExactly(m + 1);
        }
    }

    private static long count(Store store, String prefix) {
        long n = 0;
        try (Cursor c = store.scan(DATA, utf8(prefix), Optional.empty())) {
            while (c.next()) {
                n++;
            }
        }
        return n;
    }

    /** The classpath of this test run (surefire may hide it behind a manifest-only jar in java.class.path). */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
