package cn.idnode.bench.sys;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time from Linux's /proc: of this process (the load generator), of the server process, per thread (grouped by
 * thread name with digits folded, e.g. {@code idnode-udp-N-N}), and of the whole machine — so a result can say how
 * much of the two cores went to the generator, to the server and to everyone else. Elsewhere everything reads 0.
 */
public final class ProcCpu {
    private static final long TICKS_PER_SECOND = clockTicks();

    private ProcCpu() {}

    /** A reading; differences of two readings give usage. */
    public record Sample(long nanos, long selfTicks, long serverTicks, long machineBusyTicks, long machineTotalTicks,
                         Map<String, Long> serverThreads, Map<String, Long> selfThreads) {}

    /** CPU used between two samples, in cores (1.0 = one core busy all the time). */
    public record Usage(double generator, double server, double machine, double other, int cores,
                        Map<String, Double> serverThreads, Map<String, Double> generatorThreads) {
        public String describe() {
            return String.format("generator %.2f cores, server %.2f cores, other %.2f cores (machine %.2f of %d)",
                    generator, server, Math.max(0, other), machine, cores);
        }

        public String topThreads(Map<String, Double> m, int n) {
            StringBuilder sb = new StringBuilder();
            m.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(n)
                    .forEach(e -> sb.append(sb.length() > 0 ? ", " : "").append(e.getKey())
                            .append(String.format(" %.2f", e.getValue())));
            return sb.toString();
        }
    }

    public static Sample sample(long serverPid) {
        long[] m = machine();
        long self = ProcessHandle.current().pid();
        return new Sample(System.nanoTime(), processTicks(self), serverPid > 0 ? processTicks(serverPid) : 0,
                m[0], m[1], serverPid > 0 ? threads(serverPid) : Map.of(), threads(self));
    }

    public static Usage between(Sample a, Sample b) {
        double secs = Math.max(1e-9, (b.nanos() - a.nanos()) / 1e9);
        int cores = Runtime.getRuntime().availableProcessors();
        double gen = (b.selfTicks() - a.selfTicks()) / (double) TICKS_PER_SECOND / secs;
        double srv = (b.serverTicks() - a.serverTicks()) / (double) TICKS_PER_SECOND / secs;
        long total = b.machineTotalTicks() - a.machineTotalTicks();
        double machine = total > 0 ? (double) (b.machineBusyTicks() - a.machineBusyTicks()) / total * cores : 0;
        return new Usage(gen, srv, machine, machine - gen - srv, cores, diff(a.serverThreads(), b.serverThreads(), secs),
                diff(a.selfThreads(), b.selfThreads(), secs));
    }

    private static Map<String, Double> diff(Map<String, Long> a, Map<String, Long> b, double secs) {
        Map<String, Double> out = new LinkedHashMap<>();
        b.entrySet().stream().sorted(Comparator.comparing(Map.Entry::getKey)).forEach(e -> {
            double d = (e.getValue() - a.getOrDefault(e.getKey(), 0L)) / (double) TICKS_PER_SECOND / secs;
            if (d >= 0.005) {
                out.put(e.getKey(), d);
            }
        });
        return out;
    }

    public static long ticksPerSecond() {
        return TICKS_PER_SECOND;
    }

    /** utime + stime of a process, in clock ticks. */
    public static long processTicks(long pid) {
        return statTicks(Path.of("/proc/" + pid + "/stat"));
    }

    private static long statTicks(Path stat) {
        try {
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Ticks per thread name (digits folded to N) of a process. */
    public static Map<String, Long> threads(long pid) {
        Map<String, Long> out = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks) {
                try {
                    String s = Files.readString(t.resolve("stat"));
                    String comm = s.substring(s.indexOf('(') + 1, s.lastIndexOf(')'));
                    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    out.merge(comm.replaceAll("[0-9]+", "N"), ticks, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return out;
    }

    /** {busy, total} ticks of all CPUs. */
    static long[] machine() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] f = lines.get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** Resident set size and its peak of a process, in MiB ({VmRSS, VmHWM}). */
    public static long[] memoryMiB(long pid) {
        long rss = 0;
        long hwm = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                } else if (line.startsWith("VmHWM:")) {
                    hwm = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux or process gone
        }
        return new long[] {rss, hwm};
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
