package cn.idnode.bench;

import cn.idnode.bench.data.DerivedIds;
import cn.idnode.bench.data.IdSource;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a load test gets its identifiers: {@code --dataset FILE} (derived from FILE.meta), {@code --ids-file FILE}
 * (one per line), or {@code --seed/--count/--prefix} (derived, as {@code dataset} makes them).
 */
final class IdOptions {
    @Option(names = "--dataset", paramLabel = "FILE", description = "A data set written by `dataset`: identifiers are "
            + "derived from FILE.meta (prefix, seed, count) without reading FILE.")
    Path dataset;

    @Option(names = "--ids-file", paramLabel = "FILE", description = "Identifiers to ask for, one per line.")
    Path idsFile;

    @Option(names = "--seed", description = "Derived identifiers: the data set's seed (default 1).")
    long seed = 1;

    @Option(names = "--count", description = "Derived identifiers: how many were loaded (default 1000000).")
    long count = 1_000_000;

    @Option(names = "--prefix", description = "Derived identifiers: their prefix (default 88.888).")
    String prefix = "88.888";

    IdSource source() throws IOException {
        if (dataset != null) {
            return IdSource.fromDataset(dataset);
        }
        if (idsFile != null) {
            return IdSource.fromFile(idsFile);
        }
        return IdSource.derived(new DerivedIds(prefix, seed, count));
    }
}
