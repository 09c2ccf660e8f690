package cn.idnode.bench.load;

import cn.idnode.bench.sys.ProcCpu;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The outcome of one load test: throughput, errors by kind, latency percentiles (µs), CPU. */
public record Result(LoadOptions options, double seconds, Stats.Totals totals, ProcCpu.Usage cpu, int backlogAtEnd) {

    public double throughput() {
        return totals.ok() / seconds;
    }

    public Histogram latency() {
        return totals.latency();
    }

    /** Latency percentile in microseconds (0 if nothing was measured). */
    public long percentile(double p) {
        return latency().getTotalCount() == 0 ? 0 : latency().getValueAtPercentile(p);
    }

    public long max() {
        return latency().getTotalCount() == 0 ? 0 : latency().getMaxValue();
    }

    /** Server CPU time per correct answer, in microseconds (0 without CPU figures). */
    public double serverMicrosPerRequest() {
        return cpu == null || totals.ok() == 0 ? 0 : cpu.server() * seconds * 1e6 / totals.ok();
    }

    /** Load generator CPU time per correct answer, in microseconds. */
    public double generatorMicrosPerRequest() {
        return cpu == null || totals.ok() == 0 ? 0 : cpu.generator() * seconds * 1e6 / totals.ok();
    }

    public long errors() {
        return totals.errorCount();
    }

    public long timeouts() {
        return totals.errorsWhere(k -> k.equals("timeout"));
    }

    /** Errors as "kind: count, …" or "none". */
    public String errorSummary() {
        if (totals.errors().isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> e : totals.errors().entrySet()) {
            sb.append(sb.length() > 0 ? "; " : "").append(e.getKey()).append(": ").append(e.getValue());
        }
        return sb.toString();
    }

    public String text() {
        LoadOptions o = options;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "== %s %s:%d — %s; %.1f s measured after %.1f s warm-up%n",
                o.target().label(), o.host(), o.port(), o.shape(), seconds, o.warmup().toMillis() / 1000.0));
        sb.append(String.format(Locale.ROOT, "  requests/s     %,.0f   (%,d correct answers: %,d found, %,d expected "
                + "not-found)%n", throughput(), totals.ok(), totals.found(), totals.expectedMisses()));
        long timeouts = timeouts();
        long rc = totals.errorsWhere(k -> k.startsWith("RC ") || k.startsWith("HTTP "));
        long transport = totals.errorsWhere(k -> k.startsWith("transport") || k.contains("connection"));
        long other = errors() - timeouts - rc - transport;
        sb.append(String.format(Locale.ROOT, "  errors         %,d   (timeouts %,d, response codes %,d, transport %,d, "
                + "other %,d)%s%n", errors(), timeouts, rc, transport, other,
                totals.lateAnswers() > 0 ? ", late answers after timeout " + totals.lateAnswers() : ""));
        if (errors() > 0) {
            sb.append("  error kinds    ").append(errorSummary()).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "  latency µs     p50 %,d  p90 %,d  p99 %,d  p99.9 %,d  max %,d  (mean %,.0f)"
                + "%s%n", percentile(50), percentile(90), percentile(99), percentile(99.9), max(),
                latency().getTotalCount() == 0 ? 0.0 : latency().getMean(),
                o.rate() > 0 ? "  — from the scheduled send time" : ""));
        if (o.rate() > 0) {
            Histogram lag = totals.sendLag();
            sb.append(String.format(Locale.ROOT, "  send lag µs    p50 %,d  p99 %,d  max %,d  (scheduled → written; "
                    + "generator's own delay)%s%n", lag.getTotalCount() == 0 ? 0 : lag.getValueAtPercentile(50),
                    lag.getTotalCount() == 0 ? 0 : lag.getValueAtPercentile(99), lag.getMaxValue(),
                    backlogAtEnd > 0 ? ", backlog at end " + backlogAtEnd : ""));
        }
        if (cpu != null && cpu.cores() > 0) {
            sb.append("  cpu            ").append(cpu.describe()).append(String.format(Locale.ROOT,
                    "; per answer: server %.1f µs, generator %.1f µs%n", serverMicrosPerRequest(),
                    generatorMicrosPerRequest()));
            if (!cpu.serverThreads().isEmpty()) {
                sb.append("  server threads ").append(cpu.topThreads(cpu.serverThreads(), 8)).append('\n');
            }
            sb.append("  generator thr. ").append(cpu.topThreads(cpu.generatorThreads(), 5)).append('\n');
        }
        return sb.toString();
    }

    /** One JSON object (for result files). */
    public String json() {
        StringBuilder e = new StringBuilder("{");
        totals.errors().forEach((k, v) -> e.append(e.length() > 1 ? "," : "").append('"')
                .append(k.replace("\\", "\\\\").replace("\"", "\\\"")).append("\":").append(v));
        e.append('}');
        return String.format(Locale.ROOT, "{\"target\":\"%s\",\"shape\":\"%s\",\"rate\":%.0f,\"seconds\":%.2f,"
                        + "\"throughput\":%.1f,\"found\":%d,\"expectedMisses\":%d,\"errors\":%d,\"errorKinds\":%s,"
                        + "\"p50\":%d,\"p90\":%d,\"p99\":%d,\"p999\":%d,\"max\":%d,\"generatorCores\":%.3f,"
                        + "\"serverCores\":%.3f,\"otherCores\":%.3f,\"serverMicrosPerRequest\":%.1f,"
                        + "\"generatorMicrosPerRequest\":%.1f}",
                options.target().label(), options.shape(), options.rate(), seconds, throughput(), totals.found(),
                totals.expectedMisses(), errors(), e, percentile(50), percentile(90), percentile(99),
                percentile(99.9), max(), cpu == null ? 0 : cpu.generator(), cpu == null ? 0 : cpu.server(),
                cpu == null ? 0 : Math.max(0, cpu.other()), serverMicrosPerRequest(), generatorMicrosPerRequest());
    }
}
