package cn.idnode.bench.load;

import cn.idnode.bench.data.IdSource;
import java.time.Duration;

/**
 * One load test.
 *
 * @param concurrency UDP: requests in flight in total; TCP, HTTP, REST: connections
 * @param pipeline    TCP, HTTP, REST: requests in flight per connection (HTTP above 1 = HTTP pipelining)
 * @param rate        requests per second for an open-loop test; 0 = closed loop (as fast as answers come)
 * @param udpSockets  UDP sockets the in-flight requests are spread over (the server hashes sockets to its threads)
 * @param fullDecode  decode every answer completely with the codec (REST: parse the JSON) instead of checking only
 *                    the envelope, header and HTTP status
 * @param serverPid   the server's process id for CPU figures, or 0
 */
public record LoadOptions(Target target, String host, int port, Duration duration, Duration warmup, int concurrency,
                          int pipeline, double rate, Duration timeout, int threads, int udpSockets, double missRatio,
                          boolean fullDecode, IdSource ids, long tickMicros, long serverPid, boolean progress,
                          long seed) {
    public LoadOptions {
        if (concurrency < 1 || pipeline < 1 || threads < 1 || udpSockets < 1) {
            throw new IllegalArgumentException("concurrency, pipeline, threads and sockets must be at least 1");
        }
        if (missRatio < 0 || missRatio > 1) {
            throw new IllegalArgumentException("miss ratio must be within 0..1");
        }
    }

    public static LoadOptions defaults(Target target, String host, int port, IdSource ids) {
        return new LoadOptions(target, host, port, Duration.ofSeconds(30), Duration.ofSeconds(5),
                target == Target.UDP ? 64 : target == Target.TCP ? 16 : 32, target == Target.TCP ? 8 : 1, 0,
                Duration.ofSeconds(2), Runtime.getRuntime().availableProcessors(), 8, 0, false, ids, 100, 0, true,
                System.nanoTime());
    }

    public LoadOptions withTiming(Duration newDuration, Duration newWarmup) {
        return new LoadOptions(target, host, port, newDuration, newWarmup, concurrency, pipeline, rate, timeout,
                threads, udpSockets, missRatio, fullDecode, ids, tickMicros, serverPid, progress, seed);
    }

    public LoadOptions withRate(double newRate) {
        return new LoadOptions(target, host, port, duration, warmup, concurrency, pipeline, newRate, timeout, threads,
                udpSockets, missRatio, fullDecode, ids, tickMicros, serverPid, progress, seed);
    }

    public LoadOptions withConcurrency(int c, int p) {
        return new LoadOptions(target, host, port, duration, warmup, c, p, rate, timeout, threads, udpSockets,
                missRatio, fullDecode, ids, tickMicros, serverPid, progress, seed);
    }

    public LoadOptions withTarget(Target t, int newPort) {
        return new LoadOptions(t, host, newPort, duration, warmup, concurrency, pipeline, rate, timeout, threads,
                udpSockets, missRatio, fullDecode, ids, tickMicros, serverPid, progress, seed);
    }

    public LoadOptions withServerPid(long pid) {
        return new LoadOptions(target, host, port, duration, warmup, concurrency, pipeline, rate, timeout, threads,
                udpSockets, missRatio, fullDecode, ids, tickMicros, pid, progress, seed);
    }

    public LoadOptions withMisc(double newMissRatio, boolean newFullDecode, boolean newProgress) {
        return new LoadOptions(target, host, port, duration, warmup, concurrency, pipeline, rate, timeout, threads,
                udpSockets, newMissRatio, newFullDecode, ids, tickMicros, serverPid, newProgress, seed);
    }

    /** How the load is shaped, for reports. */
    public String shape() {
        String conc = switch (target) {
            case UDP -> concurrency + " in flight over " + Math.min(udpSockets, concurrency) + " sockets";
            case TCP -> concurrency + " connections x " + pipeline + " pipelined";
            case HTTP, REST -> concurrency + " keep-alive connections" + (pipeline > 1 ? " x " + pipeline
                    + " pipelined" : "");
        };
        return (rate > 0 ? String.format("open loop at %.0f/s", rate) : "closed loop") + ", " + conc;
    }
}
