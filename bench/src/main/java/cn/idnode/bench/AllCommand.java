package cn.idnode.bench;

import cn.idnode.bench.data.DerivedIds;
import cn.idnode.bench.data.IdSource;
import cn.idnode.bench.data.IdSource.DatasetMeta;
import cn.idnode.bench.data.RecordGenerator;
import cn.idnode.bench.load.LoadOptions;
import cn.idnode.bench.load.LoadRunner;
import cn.idnode.bench.load.Result;
import cn.idnode.bench.load.Target;
import cn.idnode.bench.sys.NodeProcess;
import cn.idnode.bench.sys.ProcCpu;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code all}: the documented end-to-end benchmark. Generates the data set (unless already there), loads it into a
 * fresh data directory with {@code idnode load} (timed), starts the node as its own process (start-to-serving
 * timed), runs every target at full load and then open-loop at a fraction of the peak just measured, for several
 * rounds, prints one summary table and writes it with the raw results under {@code --results-dir}.
 */
@Command(name = "all", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Data set → idnode load → start node → every target at full load and at 50%% of peak, "
                + "N rounds → summary table.")
final class AllCommand implements Callable<Integer> {
    static final String DEFAULT_SERVER_JVM = "-Xms2g -Xmx2g -XX:+UseParallelGC -XX:MetaspaceSize=128m";

    @Option(names = "--count", description = "Identifiers in the data set (default 1000000).")
    long count = 1_000_000;

    @Option(names = "--prefix", description = "Prefix, also the node's prefix (default 88.888).")
    String prefix = "88.888";

    @Option(names = "--seed", description = "Data set seed (default 1).")
    long seed = 1;

    @Option(names = "--values", description = "Values per record (default 5).")
    int values = 5;

    @Option(names = "--work-dir", description = "Where data set, data dir and results go (default bench-data).")
    Path work = Path.of("bench-data");

    @Option(names = "--dataset", description = "Data set file (default WORK/records-COUNT.jsonl).")
    Path dataset;

    @Option(names = "--data-dir", description = "Node data directory, recreated for the load (default WORK/node).")
    Path dataDir;

    @Option(names = "--reuse-data-dir", description = "Skip `idnode load` when the data directory holds this data "
            + "set already.")
    boolean reuseDataDir;

    @Option(names = "--jar", description = "Server jar (default server/target/idnode.jar).")
    Path jar = Path.of("server/target/idnode.jar");

    @Option(names = "--server-jvm-opts", description = "JVM options of the node (default: " + DEFAULT_SERVER_JVM + ").")
    String serverJvm = DEFAULT_SERVER_JVM;

    @Option(names = "--no-cds", description = "Start the node without an application class-data sharing archive (by "
            + "default WORK/idnode-cds-<jar>.jsa is made for the jar on first use, then used).")
    boolean noCds;

    @Option(names = "--targets", split = ",", description = "Targets in order (default udp,tcp,http,rest).")
    List<Target> targets = List.of(Target.UDP, Target.TCP, Target.HTTP, Target.REST);

    @Option(names = "--duration", description = "Measured time per run (default 20s).")
    Duration duration = Duration.ofSeconds(20);

    @Option(names = "--warmup", description = "Warm-up before each run (default 5s).")
    Duration warmup = Duration.ofSeconds(5);

    @Option(names = "--server-warmup", description = "Unmeasured load on every target right after the node starts, "
            + "so its JIT has compiled every path before round 1 (default 10s per target).")
    Duration serverWarmup = Duration.ofSeconds(10);

    @Option(names = "--rounds", description = "Rounds over all targets (default 2).")
    int rounds = 2;

    @Option(names = "--half-load", description = "Open-loop rate as a fraction of the peak just measured "
            + "(default 0.5; 0 = skip).")
    double halfLoad = 0.5;

    @Option(names = "--udp-concurrency", description = "UDP requests in flight (default 64).")
    int udpConcurrency = 64;

    @Option(names = "--udp-sockets", description = "UDP sockets (default 8).")
    int udpSockets = 8;

    @Option(names = "--tcp-connections", description = "TCP connections (default 16).")
    int tcpConnections = 16;

    @Option(names = "--tcp-pipeline", description = "Pipelined requests per TCP connection (default 8).")
    int tcpPipeline = 8;

    @Option(names = "--http-connections", description = "HTTP tunnel connections (default 32).")
    int httpConnections = 32;

    @Option(names = "--rest-connections", description = "REST connections (default 32).")
    int restConnections = 32;

    @Option(names = "--threads", description = "Load generator event-loop threads (default: cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--miss-ratio", description = "Fraction of unknown identifiers (default 0).")
    double missRatio;

    @Option(names = "--full-decode", description = "Decode every answer completely (costs generator CPU).")
    boolean fullDecode;

    @Option(names = "--results-dir", description = "Where to write the summary (default WORK/results).")
    Path resultsDir;

    @Option(names = "--quiet", description = "No per-second progress lines.")
    boolean quiet;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        Path ds = dataset != null ? dataset : work.resolve("records-" + count + ".jsonl");
        Path dir = dataDir != null ? dataDir : work.resolve("node");
        Path results = resultsDir != null ? resultsDir : work.resolve("results");
        if (!Files.isRegularFile(jar)) {
            System.err.println("no server jar at " + jar + " (build it: mvn -q -B -pl server -am package -DskipTests)");
            return 2;
        }
        Files.createDirectories(work);
        Files.createDirectories(results);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        List<String> report = new ArrayList<>();
        report.add("# idnode benchmark " + stamp);
        report.add("");
        report.add("machine: " + Machine.describe());
        report.add("server JVM options: " + serverJvm);

        // 1. data set
        out.println("== data set " + ds);
        DatasetMeta wanted = new DatasetMeta(prefix, seed, count, values);
        if (Files.isRegularFile(ds) && sameMeta(ds, wanted)) {
            out.println("present (" + Files.size(ds) + " bytes), not regenerated");
        } else {
            DatasetCommand.write(new RecordGenerator(new DerivedIds(prefix, seed, count), values), ds, null, out);
        }
        IdSource ids = IdSource.fromDataset(ds);

        // 2. load
        Path marker = dir.resolve(".idnode-bench-dataset");
        String markerText = ds.toAbsolutePath() + " " + wanted;
        if (reuseDataDir && Files.isRegularFile(marker) && Files.readString(marker).equals(markerText)) {
            out.println("== data dir " + dir + " already holds the data set; not reloaded");
            report.add("load: skipped (data dir reused)");
        } else {
            freshDataDir(dir);
            out.println("== idnode load " + ds + " --data-dir " + dir);
            long t0 = System.nanoTime();
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    jar.toAbsolutePath().toString(), "load", ds.toAbsolutePath().toString(), "--data-dir",
                    dir.toAbsolutePath().toString(), "--prefix", prefix, "--quiet");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .directory(dir.toAbsolutePath().getParent().toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("IDNODE_"));
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            double secs = (System.nanoTime() - t0) / 1e9;
            out.print(output);
            if (rc != 0) {
                System.err.println("idnode load failed with status " + rc);
                return 1;
            }
            String line = String.format(Locale.ROOT, "load: %,d records in %.1f s wall (%,.0f records/s including "
                    + "JVM start); idnode's own figure: %s", count, secs, count / secs,
                    output.lines().filter(l -> l.startsWith("loaded")).findFirst().orElse("?"));
            out.println(line);
            report.add(line);
            Files.writeString(marker, markerText);
        }

        // 3. start the node
        Path log = results.resolve("server-" + stamp + ".log");
        out.println("== starting idnode: " + serverJvm + " (log " + log + ")");
        List<Row> rows = new ArrayList<>();
        List<String> jvm = new ArrayList<>(StartupCommand.jvmOptions(serverJvm));
        if (!noCds) {
            String tag = Long.toHexString(Files.size(jar) * 31 + Files.getLastModifiedTime(jar).toMillis());
            jvm.addAll(StartupCommand.cdsOptions(jar, dir, prefix, jvm, work.resolve("idnode-cds-" + tag + ".jsa"),
                    results.resolve("server-" + stamp + "-cds.log")));
        }
        report.add("server JVM options as run: " + String.join(" ", jvm));
        try (NodeProcess node = NodeProcess.start(jar, dir, prefix, jvm, log)) {
            double startMs = node.awaitServing(ids.id(0), Duration.ofSeconds(120));
            String line = String.format(Locale.ROOT, "start-to-serving: %.0f ms (launch → first UDP resolution of %s;"
                    + " server's own figure after JVM start: %d ms; %.1f s of CPU used by then)", startMs, ids.id(0),
                    node.reportedStartMillis(), node.cpuSecondsAtServing());
            out.println(line);
            report.add(line);

            // 4. warm the server's JIT on every path, then the measured rounds
            if (!serverWarmup.isZero()) {
                for (Target t : targets) {
                    out.printf("== warming up the server: %s for %d s (not measured)%n", t.label(),
                            serverWarmup.toSeconds());
                    LoadOptions w = options(t, node, ids).withTiming(serverWarmup, Duration.ZERO)
                            .withMisc(0.1, false, false);
                    Result r = LoadRunner.run(w, out);
                    out.printf("   %,.0f/s, %d errors%n", r.throughput(), r.errors());
                }
            }
            for (int round = 1; round <= rounds; round++) {
                for (Target t : targets) {
                    LoadOptions base = options(t, node, ids);
                    out.printf("== round %d/%d: %s full load%n", round, rounds, t.label());
                    Result full = LoadRunner.run(base, out);
                    out.print(full.text());
                    Result half = null;
                    if (halfLoad > 0 && full.throughput() > 0) {
                        double rate = Math.floor(full.throughput() * halfLoad);
                        out.printf("== round %d/%d: %s at %.0f%% of peak (%.0f/s, open loop)%n", round, rounds,
                                t.label(), halfLoad * 100, rate);
                        half = LoadRunner.run(base.withRate(rate), out);
                        out.print(half.text());
                    }
                    long[] mem = ProcCpu.memoryMiB(node.pid());
                    rows.add(new Row(t, round, full, half, mem[0], mem[1]));
                    Files.writeString(results.resolve("all-" + stamp + ".jsonl"), full.json() + "\n"
                                    + (half != null ? half.json() + "\n" : ""), StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                    if (!node.alive()) {
                        System.err.println("idnode died during the " + t.label() + " run; see " + log);
                        break;
                    }
                }
            }
            List<String> problems = node.problems();
            report.add("server log: " + problems.size() + " WARN/ERROR/exception lines" + (problems.isEmpty() ? ""
                    : "; first: " + problems.get(0)));
        }

        // 5. summary
        report.add("");
        report.addAll(table(rows));
        out.println();
        report.forEach(out::println);
        Path summary = results.resolve("all-" + stamp + ".md");
        Files.write(summary, report, StandardCharsets.UTF_8);
        out.println();
        out.println("summary written to " + summary + " (raw results: all-" + stamp + ".jsonl)");
        return 0;
    }

    record Row(Target target, int round, Result full, Result half, long rssMiB, long peakRssMiB) {}

    static List<String> table(List<Row> rows) {
        List<String> t = new ArrayList<>();
        t.add("| target | round | load shape | peak req/s | errors | p50 µs | p99 µs | p99.9 µs | CPU gen/srv/other "
                + "| srv µs/req | 50% rate/s | errors | p50 µs | p99 µs | p99.9 µs | max µs | server RSS MiB |");
        t.add("|---|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            Result f = r.full();
            Result h = r.half();
            t.add(String.format(Locale.ROOT, "| %s | %d | %s | %,.0f | %d | %,d | %,d | %,d | %.2f/%.2f/%.2f | %.1f | %s | %s | "
                            + "%s | %s | %s | %s | %d (peak %d) |",
                    r.target().label(), r.round(), f.options().shape().replace("closed loop, ", ""), f.throughput(),
                    f.errors(), f.percentile(50), f.percentile(99), f.percentile(99.9), f.cpu().generator(),
                    f.cpu().server(), Math.max(0, f.cpu().other()), f.serverMicrosPerRequest(),
                    h == null ? "-" : String.format(Locale.ROOT, "%,.0f", h.options().rate()),
                    h == null ? "-" : Long.toString(h.errors()), h == null ? "-" : fmt(h.percentile(50)),
                    h == null ? "-" : fmt(h.percentile(99)), h == null ? "-" : fmt(h.percentile(99.9)),
                    h == null ? "-" : fmt(h.max()), r.rssMiB(), r.peakRssMiB()));
        }
        List<Row> errs = rows.stream().filter(r -> r.full().errors() > 0 || (r.half() != null && r.half().errors() > 0))
                .toList();
        if (!errs.isEmpty()) {
            t.add("");
            for (Row r : errs) {
                t.add("errors " + r.target().label() + " round " + r.round() + ": full load: " + r.full().errorSummary()
                        + (r.half() != null ? "; 50%: " + r.half().errorSummary() : ""));
            }
        }
        return t;
    }

    private static String fmt(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private LoadOptions options(Target t, NodeProcess node, IdSource ids) {
        int port = t == Target.UDP || t == Target.TCP ? node.handlePort() : node.httpPort();
        LoadOptions d = LoadOptions.defaults(t, "127.0.0.1", port, ids);
        int c = switch (t) {
            case UDP -> udpConcurrency;
            case TCP -> tcpConnections;
            case HTTP -> httpConnections;
            case REST -> restConnections;
        };
        int p = t == Target.TCP ? tcpPipeline : 1;
        return new LoadOptions(t, "127.0.0.1", port, duration, warmup, c, p, 0, d.timeout(), threads, udpSockets,
                missRatio, fullDecode, ids, d.tickMicros(), node.pid(), !quiet, System.nanoTime());
    }

    private static boolean sameMeta(Path ds, DatasetMeta wanted) {
        try {
            return DatasetMeta.read(ds).equals(wanted);
        } catch (IOException e) {
            return false;
        }
    }

    /** Empties the data directory — only if it is empty or was made by this command (it has the marker file). */
    private static void freshDataDir(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            boolean empty;
            try (Stream<Path> s = Files.list(dir)) {
                empty = s.findAny().isEmpty();
            }
            if (!empty && !Files.isRegularFile(dir.resolve(".idnode-bench-dataset"))
                    && !Files.isRegularFile(dir.resolve(".idnode-bench"))) {
                throw new IOException(dir + " is not empty and was not made by the benchmark; choose another "
                        + "--data-dir");
            }
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(".idnode-bench"), "made by idnode-bench all\n");
    }
}
