package cn.idnode.bench;

import cn.idnode.bench.load.LoadOptions;
import cn.idnode.bench.load.LoadRunner;
import cn.idnode.bench.load.Result;
import cn.idnode.bench.load.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code load-test}: one asynchronous load test against a running node. */
@Command(name = "load-test", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Resolve random identifiers against a running node as fast as it answers (closed loop) or at a "
                + "fixed rate (--rate, open loop, latency from the scheduled time); print progress every second and "
                + "requests/s, errors by kind and latency percentiles at the end.")
final class LoadTestCommand implements Callable<Integer> {
    @Option(names = "--target", required = true, description = "udp, tcp, http (Handle tunnel) or rest.")
    Target target;

    @Option(names = "--host", description = "Server address (default 127.0.0.1).")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "Port (default 2641 for udp/tcp, 8000 for http/rest).")
    Integer port;

    @Option(names = "--duration", description = "Measured time (default 30s).")
    Duration duration = Duration.ofSeconds(30);

    @Option(names = "--warmup", description = "Unmeasured time before (default 5s).")
    Duration warmup = Duration.ofSeconds(5);

    @Option(names = "--concurrency", description = "udp: requests in flight; tcp/http/rest: connections "
            + "(default udp 64, tcp 16, http/rest 32).")
    Integer concurrency;

    @Option(names = "--pipeline", description = "Requests in flight per connection (default tcp 8, http/rest 1).")
    Integer pipeline;

    @Option(names = "--rate", description = "Open loop: requests per second in total (default: closed loop).")
    double rate;

    @Option(names = "--timeout", description = "An answer later than this is a timeout (default 2s).")
    Duration timeout = Duration.ofSeconds(2);

    @Option(names = "--threads", description = "Event-loop threads (default: number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--udp-sockets", description = "UDP sockets to spread requests over (default 8).")
    int udpSockets = 8;

    @Option(names = "--miss-ratio", description = "Fraction of requests for unknown identifiers, 0..1 (default 0); "
            + "their RC 100 / HTTP 404 answers count as correct.")
    double missRatio;

    @Option(names = "--full-decode", description = "Decode every answer completely (codec / JSON) instead of checking "
            + "envelope, header and status only.")
    boolean fullDecode;

    @Option(names = "--tick-us", description = "Open loop: scheduler tick in microseconds (default 100).")
    long tickMicros = 100;

    @Option(names = "--server-pid", description = "Server process id, to report its CPU use.")
    long serverPid;

    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    @Option(names = "--json", paramLabel = "FILE", description = "Append the result as one JSON line to FILE.")
    Path json;

    @Mixin
    IdOptions ids = new IdOptions();

    @Override
    public Integer call() throws Exception {
        LoadOptions d = LoadOptions.defaults(target, host, port(), ids.source());
        LoadOptions o = new LoadOptions(target, host, port(), duration, warmup,
                concurrency != null ? concurrency : d.concurrency(), pipeline != null ? pipeline : d.pipeline(), rate,
                timeout, threads, udpSockets, missRatio, fullDecode, d.ids(), tickMicros, serverPid, !quiet,
                System.nanoTime());
        System.out.printf("load-test %s %s:%d, %s, identifiers: %s%n", target.label(), host, o.port(), o.shape(),
                o.ids());
        Result r = LoadRunner.run(o, System.out);
        System.out.print(r.text());
        if (json != null) {
            Files.writeString(json, r.json() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        return r.throughput() > 0 ? 0 : 1;
    }

    private int port() {
        if (port != null) {
            return port;
        }
        return target == Target.UDP || target == Target.TCP ? 2641 : 8000;
    }
}
