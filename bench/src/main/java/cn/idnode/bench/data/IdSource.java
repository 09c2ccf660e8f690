package cn.idnode.bench.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * The identifiers a load test asks for: a known set to pick from at random, plus a way to make identifiers that are
 * certainly unknown (for {@code --miss-ratio}). Either derived from (prefix, seed, count) like a generated data set,
 * or read from a file of one identifier per line.
 */
public interface IdSource {
    /** How many known identifiers there are. */
    long size();

    /** Known identifier {@code i}, 0 ≤ i &lt; size(). */
    String id(long i);

    /** An identifier that is not in the set. */
    String miss(long random);

    /** One pick: the identifier and whether it was chosen as an unknown one. */
    record Pick(String handle, boolean miss) {}

    /** A uniformly random known identifier, or with probability {@code missRatio} an unknown one. */
    default Pick pick(SplittableRandom random, double missRatio) {
        if (missRatio > 0 && random.nextDouble() < missRatio) {
            return new Pick(miss(random.nextLong()), true);
        }
        return new Pick(id(random.nextLong(size())), false);
    }

    static IdSource derived(DerivedIds ids) {
        return new IdSource() {
            @Override
            public long size() {
                return ids.count();
            }

            @Override
            public String id(long i) {
                return ids.id(i);
            }

            @Override
            public String miss(long random) {
                return ids.miss(random);
            }

            @Override
            public String toString() {
                return "derived ids (prefix " + ids.prefix() + ", seed " + ids.seed() + ", count " + ids.count() + ")";
            }
        };
    }

    /** Identifiers listed one per line (blank lines and lines starting with '#' ignored). */
    static IdSource fromFile(Path file) throws IOException {
        List<String> list = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                list.add(s);
            }
        }
        return ofList(list, file.toString());
    }

    static IdSource ofList(List<String> list, String name) {
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no identifiers in " + name);
        }
        String[] ids = list.toArray(new String[0]);
        String first = ids[0];
        int slash = first.indexOf('/');
        String prefix = slash > 0 ? first.substring(0, slash) : first;
        return new IdSource() {
            @Override
            public long size() {
                return ids.length;
            }

            @Override
            public String id(long i) {
                return ids[(int) i];
            }

            @Override
            public String miss(long random) {
                return prefix + "/MISS-" + Long.toHexString(random);
            }

            @Override
            public String toString() {
                return ids.length + " identifiers from " + name;
            }
        };
    }

    /** The identifiers of a data set written by {@code dataset}, from its {@code .meta} sidecar. */
    static IdSource fromDataset(Path dataset) throws IOException {
        return derived(DatasetMeta.read(dataset).ids());
    }

    /** What {@code dataset} writes next to the data file ({@code FILE.meta}): enough to derive every identifier. */
    record DatasetMeta(String prefix, long seed, long count, int values) {
        public static Path path(Path dataset) {
            return dataset.resolveSibling(dataset.getFileName() + ".meta");
        }

        public DerivedIds ids() {
            return new DerivedIds(prefix, seed, count);
        }

        public void write(Path dataset) throws IOException {
            String text = "# written by idnode-bench dataset; identifiers are derived from prefix, seed and index\n"
                    + "format=derived-v1\nprefix=" + prefix + "\nseed=" + seed + "\ncount=" + count + "\nvalues=" + values
                    + "\n";
            Files.writeString(path(dataset), text, StandardCharsets.UTF_8);
        }

        public static DatasetMeta read(Path dataset) throws IOException {
            Path p = path(dataset);
            if (!Files.isRegularFile(p)) {
                throw new IOException("no " + p + " next to the data set (written by the dataset command)");
            }
            Properties props = new Properties();
            try (InputStream in = Files.newInputStream(p)) {
                props.load(in);
            }
            if (!"derived-v1".equals(props.getProperty("format"))) {
                throw new IOException(p + ": unknown format " + props.getProperty("format"));
            }
            return new DatasetMeta(props.getProperty("prefix"), Long.parseLong(props.getProperty("seed")),
                    Long.parseLong(props.getProperty("count")), Integer.parseInt(props.getProperty("values")));
        }
    }
}
