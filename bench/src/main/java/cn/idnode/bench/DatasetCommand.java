package cn.idnode.bench;

import cn.idnode.bench.data.DerivedIds;
import cn.idnode.bench.data.IdSource.DatasetMeta;
import cn.idnode.bench.data.RecordGenerator;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.EncodedValues;
import cn.idnode.protocol.Limits;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dataset}: writes a JSON Lines file of generated records for {@code idnode load}, and a {@code FILE.meta}
 * sidecar (prefix, seed, count) from which the load generator derives the identifiers without reading the file.
 */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Write COUNT generated records as JSON Lines (for `idnode load`) plus FILE.meta, from which "
                + "load-test derives the identifiers (--dataset FILE).")
final class DatasetCommand implements Callable<Integer> {
    @Option(names = "--count", description = "Number of records (default 1000000).")
    long count = 1_000_000;

    @Option(names = "--prefix", description = "Prefix of the identifiers; use the node's prefix (default 88.888).")
    String prefix = "88.888";

    @Option(names = "--out", required = true, description = "JSON Lines file to write (FILE.meta goes next to it).")
    Path out;

    @Option(names = "--values", description = "Values per record (default 5).")
    int values = 5;

    @Option(names = "--seed", description = "Seed: the same seed gives the same identifiers and records (default 1).")
    long seed = 1;

    @Option(names = "--ids-out", description = "Also write the identifiers, one per line, to this file.")
    Path idsOut;

    @Override
    public Integer call() throws IOException {
        Stats s = write(new RecordGenerator(new DerivedIds(prefix, seed, count), values), out, idsOut,
                System.out);
        return s.records == count ? 0 : 1;
    }

    /** What was written. */
    record Stats(long records, long bytes, double seconds, double meanAnswerBytes, double fractionFragmented) {}

    static Stats write(RecordGenerator gen, Path out, Path idsOut, java.io.PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        DerivedIds ids = gen.ids();
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.deleteIfExists(DatasetMeta.path(out));
        Path tmp = out.resolveSibling(out.getFileName() + ".partial");
        long bytes = 0;
        StringBuilder sb = new StringBuilder(1 << 20);
        StringBuilder idsb = idsOut != null ? new StringBuilder(1 << 16) : null;
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20);
             OutputStream io = idsOut != null ? new BufferedOutputStream(Files.newOutputStream(idsOut), 1 << 20)
                     : OutputStream.nullOutputStream()) {
            for (long i = 0; i < ids.count(); i++) {
                gen.appendJsonLine(i, sb);
                if (idsb != null) {
                    idsb.append(ids.id(i)).append('\n');
                }
                if (sb.length() > (1 << 20) - 4096 || i == ids.count() - 1) {
                    byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
                    o.write(b);
                    bytes += b.length;
                    sb.setLength(0);
                    if (idsb != null) {
                        io.write(idsb.toString().getBytes(StandardCharsets.UTF_8));
                        idsb.setLength(0);
                    }
                }
                if (log != null && i > 0 && i % 250_000 == 0) {
                    log.printf("  %,d records…%n", i);
                }
            }
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        new DatasetMeta(ids.prefix(), ids.seed(), ids.count(), gen.values(0).size()).write(out);
        double secs = (System.nanoTime() - t0) / 1e9;
        // Size of the Handle answer (header + handle + values + credential length) on a sample of records.
        long sample = Math.min(ids.count(), 2000);
        long sum = 0;
        long fragmented = 0;
        for (long k = 0; k < sample; k++) {
            long i = k * (ids.count() / sample);
            int answer = Limits.HEADER_SIZE + 4 + ByteString.utf8(ids.id(i)).length() + 4
                    + EncodedValues.of(gen.handleValues(i, 0)).byteLength() + 4;
            sum += answer;
            if (answer > Limits.UDP_DATA_SIZE) {
                fragmented++;
            }
        }
        Stats s = new Stats(ids.count(), bytes, secs, (double) sum / sample, (double) fragmented / sample);
        if (log != null) {
            log.printf("wrote %,d records (%,d bytes, %.0f bytes/record) to %s in %.1f s; identifiers derived from "
                            + "%s (prefix %s, seed %d)%n", s.records, bytes, (double) bytes / s.records, out, secs,
                    DatasetMeta.path(out).getFileName(), ids.prefix(), ids.seed());
            log.printf("Handle answer size: mean %.0f bytes after the envelope; %.1f%% need more than one 512-byte "
                    + "datagram%n", s.meanAnswerBytes, 100 * s.fractionFragmented);
        }
        return s;
    }
}
