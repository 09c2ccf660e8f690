package cn.idnode.server.handle;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.Message;
import cn.idnode.protocol.RequestDigest;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Challenges sent and not yet answered (handle-protocol.md §13.1): found by session id from any connection (CNRI
 * clients answer on a new one), valid for the configured lifetime, usable once — taking a challenge removes it, so a
 * replayed answer finds nothing (RC 405). Bounded in number; the oldest are dropped first.
 */
final class PendingChallenges {
    /** What was challenged: the original request, the nonce and the digest sent with the challenge. */
    record Pending(Message request, ByteString nonce, RequestDigest digest, int sessionId, long createdMillis) {}

    private static final int FIRST_SERVER_ID = 1 << 30;
    private final Cache<Integer, Pending> pending;
    private final SecureRandom random = new SecureRandom();

    PendingChallenges(Duration lifetime, long maxPending, java.time.InstantSource clock) {
        this.pending = Caffeine.newBuilder().expireAfterWrite(lifetime).maximumSize(maxPending)
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    /** A fresh nonce for a new challenge. */
    ByteString nonce() {
        byte[] n = new byte[16];
        random.nextBytes(n);
        return ByteString.wrap(n);
    }

    /** A session id for a challenge to a request without one: random in [2^30, 2^31), away from IDIS' small ids. */
    int newId() {
        while (true) {
            int id = FIRST_SERVER_ID + ThreadLocalRandom.current().nextInt(FIRST_SERVER_ID);
            if (pending.getIfPresent(id) == null) {
                return id;
            }
        }
    }

    void put(Pending p) {
        pending.put(p.sessionId(), p);
    }

    /** A duplicate of a challenged request (same request id) gets the same challenge back (§13.1). */
    Optional<Pending> peek(int sessionId) {
        return Optional.ofNullable(pending.getIfPresent(sessionId));
    }

    /** Removes and returns the challenge: each nonce is accepted once. */
    Optional<Pending> take(int sessionId) {
        return Optional.ofNullable(pending.asMap().remove(sessionId));
    }

    long size() {
        return pending.estimatedSize();
    }
}
