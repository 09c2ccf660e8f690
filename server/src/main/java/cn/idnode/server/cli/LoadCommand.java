package cn.idnode.server.cli;

import cn.idnode.node.NodeSchema;
import cn.idnode.node.audit.AuditEntry;
import cn.idnode.node.error.HandleException;
import cn.idnode.node.prefix.PrefixPolicy;
import cn.idnode.node.prefix.PrefixTable;
import cn.idnode.node.prefix.Responsibility;
import cn.idnode.node.record.RecordRules;
import cn.idnode.node.record.RecordStore;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.EncodedValues;
import cn.idnode.protocol.HandleNames;
import cn.idnode.server.config.ConfigException;
import cn.idnode.server.config.IdnodeConfig;
import cn.idnode.server.http.JsonInputException;
import cn.idnode.store.Store;
import cn.idnode.store.StoreException;
import cn.idnode.store.WriteBatch;
import cn.idnode.store.rocksdb.RocksDbOptions;
import cn.idnode.store.rocksdb.RocksDbStore;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code idnode load}: imports records from a JSON or CSV file straight into a stopped node's store (the store
 * refuses to open while a node runs on it). Each record replaces any record with the same handle; values get the
 * current time as timestamp. Every batch of records is written together with one audit entry.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Import records from a JSON or CSV file into a stopped node's store, with a progress bar.")
final class LoadCommand implements Callable<Integer> {
    enum Format { AUTO, JSON, CSV }

    @Parameters(index = "0", paramLabel = "FILE", description = "JSON (array or JSON Lines) or CSV file of records.")
    Path file;

    @Mixin
    ConfigOptions options;

    @Option(names = "--format", description = "AUTO (by file name, default), JSON or CSV.")
    Format format = Format.AUTO;

    @Option(names = "--batch", description = "Records per store batch (default 1000).")
    int batchSize = 1000;

    @Option(names = "--home-prefixes", description = "Home the prefix of every loaded record on this node.")
    boolean homePrefixes;

    @Option(names = "--skip-invalid", description = "Report invalid records and continue (default: stop at the first).")
    boolean skipInvalid;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        IdnodeConfig config;
        try {
            config = options.load(Map.of());
        } catch (ConfigException e) {
            System.err.println("idnode load: configuration error: " + e.getMessage());
            return 2;
        }
        if (!Files.isRegularFile(file)) {
            System.err.println("idnode load: no such file: " + file);
            return 2;
        }
        Format f = format != Format.AUTO ? format
                : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? Format.CSV : Format.JSON;
        long size = Files.size(file);
        Store store;
        try {
            store = RocksDbStore.open(config.dataDir().resolve("store"), RocksDbOptions.defaults()
                    .withSyncWrites(false).withBlockCacheBytes(64L << 20), NodeSchema.all());
        } catch (StoreException e) {
            System.err.println("idnode load: " + e.getMessage());
            return 1;
        }
        long start = System.nanoTime();
        int now = (int) (System.currentTimeMillis() / 1000);
        long loaded = 0;
        long invalid = 0;
        Set<ByteString> unhomed = new HashSet<>();
        Progress progress = new Progress(quiet ? null : System.err, size);
        try (store; CountingStream counting = new CountingStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
             RecordFileReader reader = f == Format.CSV ? RecordFileReader.csv(counting, now)
                     : RecordFileReader.json(counting, now)) {
            RecordStore records = new RecordStore(store);
            PrefixTable prefixes = new PrefixTable(store);
            Responsibility responsibility = new Responsibility(prefixes);
            WriteBatch batch = new WriteBatch();
            Set<ByteString> newInBatch = new HashSet<>();
            int inBatch = 0;
            String firstInBatch = null;
            while (true) {
                RecordFileReader.Entry e;
                try {
                    if (!reader.hasNext()) {
                        break;
                    }
                    e = reader.next();
                    EncodedValues values = RecordRules.check(e.handle(), e.values());
                    ByteString lookup = HandleNames.lookupHandle(e.handle());
                    if (!responsibility.isMine(lookup)) {
                        ByteString prefixHandle = HandleNames.prefixHandleOf(lookup);
                        if (homePrefixes) {
                            prefixes.home(batch, prefixHandle);
                            prefixes.applied(prefixHandle, true);
                        } else {
                            unhomed.add(HandleNames.prefix(lookup));
                        }
                    }
                    if (newInBatch.add(lookup.toAsciiUpperCase())
                            && store.get(NodeSchema.HANDLES, RecordStore.key(lookup)).isEmpty()) {
                        batch.add(NodeSchema.USAGE, PrefixPolicy.handleCountKey(
                                HandleNames.prefix(lookup).toAsciiUpperCase()), 1);
                    }
                    records.put(batch, new StoredRecord(lookup, values));
                } catch (JsonInputException | HandleException ex) {
                    invalid++;
                    if (!skipInvalid) {
                        progress.clear();
                        System.err.println("idnode load: " + file + ": " + ex.getMessage());
                        System.err.println("idnode load: stopped; " + loaded + " records written before this one"
                                + " (use --skip-invalid to continue past invalid records)");
                        flush(store, batch, inBatch, firstInBatch, null);
                        return 1;
                    }
                    System.err.println("\nidnode load: skipped: " + ex.getMessage());
                    continue;
                }
                if (firstInBatch == null) {
                    firstInBatch = e.handle().utf8();
                }
                inBatch++;
                loaded++;
                if (inBatch >= batchSize) {
                    flush(store, batch, inBatch, firstInBatch, e.handle().utf8());
                    batch = new WriteBatch();
                    newInBatch.clear();
                    inBatch = 0;
                    firstInBatch = null;
                    progress.update(counting.count(), loaded);
                }
            }
            flush(store, batch, inBatch, firstInBatch, null);
            progress.update(size, loaded);
            progress.clear();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("loaded %d records from %s in %.1f s (%.0f records/s)%s%n", loaded, file, secs,
                loaded / Math.max(secs, 1e-9), invalid > 0 ? ", skipped " + invalid + " invalid" : "");
        if (!unhomed.isEmpty()) {
            System.out.println("note: these prefixes are not homed here, so their records will answer RC 301 until "
                    + "homed (or load again with --home-prefixes): " + unhomed);
        }
        return 0;
    }

    private void flush(Store store, WriteBatch batch, int count, String first, String last) {
        if (count == 0 && batch.isEmpty()) {
            return;
        }
        batch.append(NodeSchema.AUDIT, new AuditEntry(System.currentTimeMillis(), "system", "cli", "load",
                count + " records from " + file.getFileName() + " (" + first + (last != null ? " .. " + last : "") + ")",
                ByteString.EMPTY, ByteString.EMPTY).encode());
        store.write(batch);
    }

    /** Counts bytes read, for the progress bar. */
    static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
