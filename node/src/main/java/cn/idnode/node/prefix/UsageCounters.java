package cn.idnode.node.prefix;

import cn.idnode.protocol.ByteString;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Resolutions per enterprise prefix and day, counted in memory on the hot path (one map look-up and a
 * {@link LongAdder} increment). Days are China calendar days (UTC+8), the unit of daily quotas and reports.
 * The previous day's counts are kept so that a report made just after midnight still finds them.
 */
public final class UsageCounters {
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private final InstantSource clock;
    private volatile long day;
    private volatile Map<ByteString, LongAdder> today = new ConcurrentHashMap<>();
    private volatile Map<ByteString, LongAdder> yesterday = Map.of();

    public UsageCounters(InstantSource clock) {
        this.clock = clock;
        this.day = currentDay();
    }

    public long currentDay() {
        return clock.instant().atOffset(CHINA).toLocalDate().toEpochDay();
    }

    private Map<ByteString, LongAdder> todaysMap() {
        long d = currentDay();
        if (d != day) {
            synchronized (this) {
                if (d != day) {
                    yesterday = today;
                    today = new ConcurrentHashMap<>();
                    day = d;
                }
            }
        }
        return today;
    }

    /** Counts one resolution under {@code prefix} (upper-cased) and returns today's count including it. */
    public long countResolution(ByteString prefix) {
        LongAdder a = todaysMap().computeIfAbsent(prefix, p -> new LongAdder());
        a.increment();
        return a.sum();
    }

    /** Today's resolutions under the prefix. */
    public long resolutionsToday(ByteString prefix) {
        LongAdder a = todaysMap().get(prefix);
        return a == null ? 0 : a.sum();
    }

    /** Yesterday's resolutions per prefix (for daily reports). */
    public Map<ByteString, Long> resolutionsYesterday() {
        todaysMap();
        Map<ByteString, Long> out = new java.util.TreeMap<>();
        yesterday.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
