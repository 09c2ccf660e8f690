package cn.idnode.store.rocksdb;

import static cn.idnode.store.StoreKeys.utf8;

import cn.idnode.store.KeySpace;
import cn.idnode.store.Store;
import cn.idnode.store.WriteBatch;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link RocksDbCrashTest}: writes numbered batches forever and prints {@code ACK n} on stdout
 * once batch n's write has returned. The parent kills it with SIGKILL at some point.
 *
 * <p>Batch n: requireAbsent + put {@code a/n}, put {@code b/n}, add 1 to counter {@code batches}, append {@code n}
 * to the journal. Arguments: data directory, syncWrites (true/false).
 */
public final class CrashWriter {
    static final KeySpace DATA = KeySpace.keyValue("data");
    static final KeySpace COUNTS = KeySpace.counter("counts");
    static final KeySpace JOURNAL = KeySpace.log("journal");
    static final List<KeySpace> SPACES = List.of(DATA, COUNTS, JOURNAL);
    static final byte[] BATCHES = utf8("batches");

    private CrashWriter() {}

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        boolean sync = Boolean.parseBoolean(args[1]);
        PrintStream out = System.out;
        RocksDbOptions options = new RocksDbOptions(8L << 20, sync, 1L << 20, 2); // small memtables: flushes too
        try (Store store = RocksDbStore.open(directory, options, SPACES)) {
            byte[] filler = new byte[200];
            for (long n = 1; ; n++) {
                String id = Long.toString(n);
                store.write(new WriteBatch()
                        .requireAbsent(DATA, utf8("a/" + id))
                        .put(DATA, utf8("a/" + id), utf8(id))
                        .put(DATA, utf8("b/" + id), filler)
                        .add(COUNTS, BATCHES, 1)
                        .append(JOURNAL, utf8(id)));
                out.println("ACK " + n);
                out.flush();
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(2);
        }
    }
}
