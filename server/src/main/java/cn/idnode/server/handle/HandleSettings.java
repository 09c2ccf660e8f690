package cn.idnode.server.handle;

import java.time.Duration;

/** Handle-protocol behaviour from configuration. */
public record HandleSettings(Duration challengeLifetime, long maxPendingChallenges, int failedAuthPerMinute,
                             int listHandlesPerMessage) {
    public static HandleSettings defaults() {
        return new HandleSettings(Duration.ofSeconds(60), 100_000, 30, 50);
    }
}
