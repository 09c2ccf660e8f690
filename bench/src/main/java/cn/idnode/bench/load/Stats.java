package cn.idnode.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Outcome counters and latency histograms of one load test, written from the event-loop threads and read by the
 * reporting thread. Everything that completes inside the measurement window [measureStart, measureEnd) (by
 * completion time) is counted; latency is recorded in microseconds from the request's <em>intended</em> start (its
 * send time in closed loop, its scheduled time in open loop), for answers that were correct (found, or "not found"
 * for an identifier chosen to be unknown). The interval counters and histogram feed the once-a-second progress line
 * and include the warm-up.
 */
public final class Stats {
    private final Recorder total = new Recorder(3);
    private final Recorder interval = new Recorder(3);
    private final Recorder sendLag = new Recorder(3);
    private final LongAdder found = new LongAdder();
    private final LongAdder expectedMisses = new LongAdder();
    private final LongAdder intervalOk = new LongAdder();
    private final LongAdder intervalErrors = new LongAdder();
    private final LongAdder lateAnswers = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private volatile long measureStart = Long.MAX_VALUE;
    private volatile long measureEnd = Long.MAX_VALUE;

    public void window(long startNanos, long endNanos) {
        measureStart = startNanos;
        measureEnd = endNanos;
    }

    public long measureStart() {
        return measureStart;
    }

    public long measureEnd() {
        return measureEnd;
    }

    boolean measuring(long now) {
        return now >= measureStart && now < measureEnd;
    }

    /** A correct answer: found, or (for an identifier chosen to be unknown) not found. */
    public void success(long intendedNanos, long now, boolean miss) {
        long micros = Math.max(1, (now - intendedNanos) / 1000);
        interval.recordValue(micros);
        intervalOk.increment();
        if (measuring(now)) {
            total.recordValue(micros);
            (miss ? expectedMisses : found).increment();
        }
    }

    /** Anything else, by kind ("timeout", "RC 3 SERVER_TOO_BUSY", "HTTP 503", "transport: …"). */
    public void error(String kind, long now) {
        intervalErrors.increment();
        if (measuring(now)) {
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }
    }

    /** An answer to a request that had already timed out (the timeout was counted; informational). */
    public void late(long now) {
        if (measuring(now)) {
            lateAnswers.increment();
        }
    }

    /** Open loop: how long after its scheduled time a request was actually written. */
    public void sendLag(long intendedNanos, long sentNanos) {
        if (measuring(sentNanos)) {
            sendLag.recordValue(Math.max(0, (sentNanos - intendedNanos) / 1000));
        }
    }

    /** Interval figures since the previous call (for progress lines). */
    public record Interval(long ok, long errors, Histogram latency) {}

    public Interval interval() {
        return new Interval(intervalOk.sumThenReset(), intervalErrors.sumThenReset(), interval.getIntervalHistogram());
    }

    /** The measurement so far (call once, at the end: histograms are taken out of the recorders). */
    public Totals totals() {
        Map<String, Long> e = new TreeMap<>();
        errors.forEach((k, v) -> e.put(k, v.sum()));
        return new Totals(found.sum(), expectedMisses.sum(), e, lateAnswers.sum(), total.getIntervalHistogram(),
                sendLag.getIntervalHistogram());
    }

    /** Measured counts and histograms. */
    public record Totals(long found, long expectedMisses, Map<String, Long> errors, long lateAnswers,
                         Histogram latency, Histogram sendLag) {
        public long ok() {
            return found + expectedMisses;
        }

        public long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        public long errorsWhere(java.util.function.Predicate<String> kind) {
            return errors.entrySet().stream().filter(x -> kind.test(x.getKey())).mapToLong(Map.Entry::getValue).sum();
        }
    }
}
