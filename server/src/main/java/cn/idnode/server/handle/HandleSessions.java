package cn.idnode.server.handle;

import cn.idnode.crypto.ReplayWindow;
import cn.idnode.crypto.SessionKey;
import cn.idnode.protocol.ProtocolVersion;
import cn.idnode.protocol.ValueReference;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Server-issued Handle sessions (handle-protocol.md §14): a shared key agreed at setup, the identity declared then,
 * whether that identity has proved itself (§13.5), the replay window of request counters and our own answer counter.
 * Sessions are server-scoped (CNRI clients use them over several connections and UDP), expire after the requested
 * lifetime (at most the configured maximum) or when idle, and are bounded in number.
 */
final class HandleSessions {
    private static final int FIRST_ID = 1 << 30;

    static final class Session {
        final int id;
        final Optional<ValueReference> declared;
        final ProtocolVersion version;
        final long expiresAtMillis;
        final ReplayWindow replay = new ReplayWindow();
        final AtomicInteger answerCounter = new AtomicInteger();
        final AtomicReference<SessionKey> key;
        final AtomicReference<ValueReference> authenticated = new AtomicReference<>();

        Session(int id, Optional<ValueReference> declared, ProtocolVersion version, Optional<SessionKey> key,
                long expiresAtMillis) {
            this.id = id;
            this.declared = declared;
            this.version = version;
            this.key = new AtomicReference<>(key.orElse(null));
            this.expiresAtMillis = expiresAtMillis;
        }

        Optional<SessionKey> key() {
            return Optional.ofNullable(key.get());
        }

        Optional<ValueReference> identity() {
            return Optional.ofNullable(authenticated.get());
        }
    }

    /** Session and challenge ids issued by this server are in [2^30, 2^31); clients choose theirs below. */
    static boolean isServerIssued(int id) {
        return id >= FIRST_ID;
    }

    private final Cache<Integer, Session> sessions;
    private final Duration maxLifetime;

    HandleSessions(Duration idleTimeout, Duration maxLifetime, long maxSessions) {
        this.sessions = Caffeine.newBuilder().expireAfterAccess(idleTimeout).maximumSize(maxSessions).build();
        this.maxLifetime = maxLifetime;
    }

    /** A new session; {@code requestedSeconds} is capped at the configured maximum lifetime. */
    Session create(Optional<ValueReference> declared, ProtocolVersion version, Optional<SessionKey> key,
                   int requestedSeconds, long nowMillis, java.util.function.IntPredicate idInUse) {
        long lifetime = Math.min(Math.max(requestedSeconds, 1) * 1000L, maxLifetime.toMillis());
        while (true) {
            int id = FIRST_ID + ThreadLocalRandom.current().nextInt(FIRST_ID);
            if (idInUse.test(id)) {
                continue;
            }
            Session s = new Session(id, declared, version, key, nowMillis + lifetime);
            if (sessions.asMap().putIfAbsent(id, s) == null) {
                return s;
            }
        }
    }

    /** The live session with this id. */
    Optional<Session> get(int id, long nowMillis) {
        Session s = sessions.getIfPresent(id);
        if (s != null && nowMillis >= s.expiresAtMillis) {
            sessions.invalidate(id);
            return Optional.empty();
        }
        return Optional.ofNullable(s);
    }

    boolean contains(int id) {
        return sessions.getIfPresent(id) != null;
    }

    void remove(int id) {
        sessions.invalidate(id);
    }
}
