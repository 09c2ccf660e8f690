package cn.idnode.bench;

import cn.idnode.bench.sys.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code startup}: time from launching {@code java -jar idnode.jar serve} to its first UDP answer. */
@Command(name = "startup", mixinStandardHelpOptions = true,
        description = "Start `java -jar idnode.jar serve` on DIR with free ports, poll a UDP resolution until it "
                + "succeeds, print the elapsed time, stop the process; repeated --repeat times.")
final class StartupCommand implements Callable<Integer> {
    @Option(names = "--jar", description = "The server jar (default server/target/idnode.jar).")
    Path jar = Path.of("server/target/idnode.jar");

    @Option(names = "--data-dir", required = true, description = "The node's data directory (created if missing).")
    Path dataDir;

    @Option(names = "--prefix", description = "The node's prefix (default 88.888).")
    String prefix = "88.888";

    @Option(names = "--probe", description = "Handle to resolve (default 0.NA/<prefix>, published by every node).")
    String probe;

    @Option(names = "--jvm-opts", description = "JVM options of the server, space separated (default: "
            + AllCommand.DEFAULT_SERVER_JVM + ").")
    String jvmOpts = AllCommand.DEFAULT_SERVER_JVM;

    @Option(names = "--cds", paramLabel = "FILE", description = "Use an application class-data sharing archive: if "
            + "FILE does not exist, one unmeasured start creates it (-XX:ArchiveClassesAtExit), then the measured starts "
            + "use it (-XX:SharedArchiveFile).")
    Path cds;

    @Option(names = "--repeat", description = "Starts to measure (default 3).")
    int repeat = 3;

    @Option(names = "--timeout", description = "Give up after (default 60s).")
    Duration timeout = Duration.ofSeconds(60);

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(jar)) {
            System.err.println("no server jar at " + jar + " (build it: mvn -q -B -pl server -am package -DskipTests)");
            return 2;
        }
        Files.createDirectories(dataDir);
        Path log = dataDir.toAbsolutePath().resolveSibling(dataDir.getFileName() + "-startup.log");
        List<String> jvm = new ArrayList<>(jvmOptions(jvmOpts));
        if (cds != null) {
            jvm.addAll(cdsOptions(jar, dataDir, prefix, jvm, cds, log));
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            Measurement m = measure(jar, dataDir, prefix, probe, jvm, timeout, log);
            System.out.printf("start %d: serving after %.0f ms (server's own figure: started in %d ms after the JVM "
                    + "was up; %.1f s of CPU used by then)%n", i + 1, m.servingMillis, m.reportedMillis, m.cpuSeconds);
            times.add(m.servingMillis);
        }
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("start-to-serving: min %.0f ms, median %.0f ms, max %.0f ms over %d starts%n", sorted[0],
                sorted[sorted.length / 2], sorted[sorted.length - 1], sorted.length);
        return 0;
    }

    record Measurement(double servingMillis, long reportedMillis, double cpuSeconds) {}

    static Measurement measure(Path jar, Path dataDir, String prefix, String probe, List<String> jvm, Duration timeout,
                               Path log) throws Exception {
        try (NodeProcess p = NodeProcess.start(jar, dataDir, prefix, jvm, log)) {
            double ms = p.awaitServing(probe != null ? probe : "0.NA/" + prefix, timeout);
            return new Measurement(ms, p.reportedStartMillis(), p.cpuSecondsAtServing());
        }
    }

    /**
     * JVM options that use the class-data sharing archive {@code cds}, creating it first (one start and stop with
     * {@code -XX:ArchiveClassesAtExit}) if it does not exist. The JVM ignores an archive made for another jar.
     */
    static List<String> cdsOptions(Path jar, Path dataDir, String prefix, List<String> jvm, Path cds, Path log)
            throws Exception {
        Path archive = cds.toAbsolutePath();
        if (!Files.isRegularFile(archive)) {
            List<String> training = new ArrayList<>(jvm);
            training.add("-XX:ArchiveClassesAtExit=" + archive);
            System.out.println("creating the class-data sharing archive " + archive + " (one unmeasured start)");
            measure(jar, dataDir, prefix, null, training, Duration.ofSeconds(120), log);
            for (int i = 0; i < 100 && !Files.isRegularFile(archive); i++) {
                Thread.sleep(50);
            }
        }
        return List.of("-XX:SharedArchiveFile=" + archive);
    }

    static List<String> jvmOptions(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }
}
