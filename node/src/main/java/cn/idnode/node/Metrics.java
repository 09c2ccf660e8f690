package cn.idnode.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The metric catalog: every metric name the node records, recorded in one place (the runner and the transports).
 * Meters are created once and cached; recording is allocation-free on the hot path.
 */
public final class Metrics {
    public static final String OPERATIONS = "idnode.operations";
    public static final String OPERATION_ERRORS = "idnode.operation.errors";
    public static final String REQUESTS = "idnode.requests";
    public static final String REJECTED = "idnode.requests.rejected";
    public static final String MALFORMED = "idnode.requests.malformed";

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    public Metrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Duration of an operation that completed (successfully or with a response code). */
    public void operation(String operation, int responseCode, long nanos) {
        String key = operation + '#' + responseCode;
        Timer t = timers.get(key);
        if (t == null) {
            t = timers.computeIfAbsent(key, k -> Timer.builder(OPERATIONS)
                    .description("Operations run, by operation and Handle response code")
                    .tag("operation", operation).tag("rc", Integer.toString(responseCode)).register(registry));
        }
        t.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A request that arrived on a surface (udp, tcp, http-tunnel, rest). */
    public void request(String surface) {
        counter(REQUESTS, "surface", surface).increment();
    }

    /** A request refused before any operation ran: busy, rate limited, too many connections. */
    public void rejected(String surface, String reason) {
        counter(REJECTED, "surface", surface, "reason", reason).increment();
    }

    /** A message that could not be decoded. */
    public void malformed(String surface) {
        counter(MALFORMED, "surface", surface).increment();
    }

    private Counter counter(String name, String... tags) {
        String key = name + String.join(",", tags);
        Counter c = counters.get(key);
        if (c == null) {
            c = counters.computeIfAbsent(key, k -> Counter.builder(name).tags(tags).register(registry));
        }
        return c;
    }
}
