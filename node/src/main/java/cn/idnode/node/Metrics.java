package cn.idnode.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The metric catalog: every metric name the node records, recorded in one place (the runner and the transports).
 * Meters are created once and cached; recording on the hot path does not allocate (lookups are by constant names
 * and small integer codes, never by concatenated strings).
 */
public final class Metrics {
    public static final String OPERATIONS = "idnode.operations";
    public static final String REQUESTS = "idnode.requests";
    public static final String REJECTED = "idnode.requests.rejected";
    public static final String MALFORMED = "idnode.requests.malformed";

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, OperationTimers> operations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> requests = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> malformed = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Counter>> rejected = new ConcurrentHashMap<>();

    public Metrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The timers of one operation: success cached in a field, other response codes in a small map. */
    private final class OperationTimers {
        private final String operation;
        private final Timer success;
        private final ConcurrentHashMap<Integer, Timer> others = new ConcurrentHashMap<>();

        OperationTimers(String operation) {
            this.operation = operation;
            this.success = timer(1);
        }

        Timer timer(int rc) {
            return Timer.builder(OPERATIONS).description("Operations run, by operation and Handle response code")
                    .tag("operation", operation).tag("rc", Integer.toString(rc)).register(registry);
        }

        Timer forCode(int rc) {
            return rc == 1 ? success : others.computeIfAbsent(rc, this::timer);
        }
    }

    /** Duration of an operation that completed (successfully or with a response code). */
    public void operation(String operation, int responseCode, long nanos) {
        OperationTimers t = operations.get(operation);
        if (t == null) {
            t = operations.computeIfAbsent(operation, OperationTimers::new);
        }
        t.forCode(responseCode).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A request that arrived on a surface (udp, tcp, http-tunnel, rest). */
    public void request(String surface) {
        Counter c = requests.get(surface);
        if (c == null) {
            c = requests.computeIfAbsent(surface, s -> Counter.builder(REQUESTS).tag("surface", s).register(registry));
        }
        c.increment();
    }

    /** A request refused before any operation ran: busy, rate limited, too many connections. */
    public void rejected(String surface, String reason) {
        rejected.computeIfAbsent(surface, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(reason, r -> Counter.builder(REJECTED).tag("surface", surface).tag("reason", r)
                        .register(registry)).increment();
    }

    /** A message that could not be decoded. */
    public void malformed(String surface) {
        malformed.computeIfAbsent(surface, s -> Counter.builder(MALFORMED).tag("surface", s).register(registry))
                .increment();
    }
}
