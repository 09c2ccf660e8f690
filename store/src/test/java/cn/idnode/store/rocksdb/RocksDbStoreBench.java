package cn.idnode.store.rocksdb;

import static cn.idnode.store.StoreKeys.utf8;

import cn.idnode.store.CachedRead;
import cn.idnode.store.Cursor;
import cn.idnode.store.KeySpace;
import cn.idnode.store.Store;
import cn.idnode.store.WriteBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A rough micro-benchmark of the engine (not a test; run by hand):
 * {@code java -cp <test classpath> cn.idnode.store.rocksdb.RocksDbStoreBench [directory] [records] [syncWrites]}.
 * The directory must not exist or be empty; it defaults to a new one under java.io.tmpdir.
 */
public final class RocksDbStoreBench {
    private static final KeySpace RECORDS = KeySpace.keyValue("records");
    private static final KeySpace CHANGES = KeySpace.log("changes");
    private static final KeySpace STATS = KeySpace.counter("stats");

    private RocksDbStoreBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("idnode-bench");
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        boolean sync = args.length > 2 && Boolean.parseBoolean(args[2]);
        int threads = Runtime.getRuntime().availableProcessors();
        RocksDbOptions options = RocksDbOptions.defaults().withSyncWrites(sync);
        System.out.printf("directory %s, %d records, syncWrites=%s, %d threads%n", dir, records, sync, threads);
        try (Store store = RocksDbStore.open(dir, options, List.of(RECORDS, CHANGES, STATS))) {
            byte[] value = new byte[300];
            new Random(1).nextBytes(value);

            long t0 = System.nanoTime();
            for (int i = 0; i < records; i += 100) {
                WriteBatch batch = new WriteBatch();
                for (int j = i; j < Math.min(records, i + 100); j++) {
                    batch.put(RECORDS, key(j), value);
                }
                store.write(batch.add(STATS, utf8("records"), 100));
            }
            report("bulk load (100 per batch)", records, t0);

            int creates = Math.min(records, sync ? 5_000 : 50_000);
            t0 = System.nanoTime();
            parallel(threads, creates, i -> store.write(new WriteBatch()
                    .requireAbsent(RECORDS, utf8("new/" + i)).put(RECORDS, utf8("new/" + i), value)
                    .append(CHANGES, utf8("new/" + i)).add(STATS, utf8("records"), 1)));
            report("create with precondition + log + counter", creates, t0);

            Random random = new Random(2);
            int reads = 500_000;
            t0 = System.nanoTime();
            for (int i = 0; i < reads; i++) {
                store.get(RECORDS, key(random.nextInt(records)));
            }
            report("get (single thread)", reads, t0);

            t0 = System.nanoTime();
            parallel(threads, reads, i -> store.get(RECORDS, key((int) ((i * 2654435761L) % records))));
            report("get (" + threads + " threads)", reads, t0);

            int hits = 0;
            t0 = System.nanoTime();
            for (int i = 0; i < reads; i++) {
                if (store.getIfCached(RECORDS, key(random.nextInt(records))) instanceof CachedRead.Hit) {
                    hits++;
                }
            }
            report("getIfCached (" + (100L * hits / reads) + "% hits)", reads, t0);

            t0 = System.nanoTime();
            long scanned = 0;
            try (Cursor c = store.scan(RECORDS, utf8("rec/"), Optional.empty())) {
                while (c.next()) {
                    c.value();
                    scanned++;
                }
            }
            report("scan", scanned, t0);
            System.out.println(store.status());
        }
    }

    private static byte[] key(int i) {
        return utf8(String.format("rec/%010d", i));
    }

    private interface Op {
        void run(int i) throws Exception;
    }

    private static void parallel(int threads, int total, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                futures.add(pool.submit(() -> {
                    for (int i = first; i < total; i += threads) {
                        op.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void report(String what, long count, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%-45s %9d ops in %6.2f s = %10.0f ops/s%n", what, count, seconds, count / seconds);
    }
}
