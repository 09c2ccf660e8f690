package cn.idnode.server.handle;

import java.time.Duration;

/** Handle-protocol behaviour from configuration. */
public record HandleSettings(Duration challengeLifetime, long maxPendingChallenges, int failedAuthPerMinute,
                             Duration sessionIdleTimeout, Duration maxSessionLifetime, long maxSessions) {
    public static HandleSettings defaults() {
        return new HandleSettings(Duration.ofSeconds(60), 100_000, 30, Duration.ofMinutes(30), Duration.ofHours(24),
                100_000);
    }
}
