package cn.idnode.server.handle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed authentications per source address in a sliding minute. Past the limit, answers from that source are
 * refused without checking them (no signature work for an attacker's guesses) until the minute passes.
 */
public final class FailedAuthLimiter {
    private final int perMinute;
    private final Cache<String, AtomicInteger> failures = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(100_000).build();

    public FailedAuthLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    public boolean blocked(String source) {
        AtomicInteger n = failures.getIfPresent(source);
        return n != null && n.get() >= perMinute;
    }

    public void failed(String source) {
        failures.get(source, s -> new AtomicInteger()).incrementAndGet();
    }
}
