package cn.idnode.server.handle;

import cn.idnode.crypto.SessionKey;
import cn.idnode.protocol.ValueReference;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one TCP connection remembers for IDIS clients (idis-extensions.md §4, §5.6, §11): the sessions whose ids the
 * client chose (10001, 10002… — the same numbers on every client, so they are scoped to the connection), each with
 * the identity bound by a 2001 login, an optional session key (SM4/AES, set up with OC 400 mode 3), and the login
 * challenge waiting for its answer. Nothing here is shared with another connection; it is dropped with the
 * connection. Bounded: a connection may hold at most {@link #MAX_SESSIONS} sessions.
 */
public final class ConnectionState {
    static final int MAX_SESSIONS = 64;

    /** One client-chosen session on this connection. */
    static final class Session {
        final int id;
        final AtomicReference<ValueReference> identity = new AtomicReference<>();
        final AtomicReference<SessionKey> key = new AtomicReference<>();
        final AtomicReference<PendingChallenges.Pending> pending = new AtomicReference<>();

        Session(int id) {
            this.id = id;
        }

        Optional<ValueReference> identity() {
            return Optional.ofNullable(identity.get());
        }

        Optional<SessionKey> key() {
            return Optional.ofNullable(key.get());
        }
    }

    private final ConcurrentHashMap<Integer, Session> sessions = new ConcurrentHashMap<>();

    /** The session with this id on this connection, if the client used it before. */
    Optional<Session> get(int id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /** The session with this id, created on first use; empty when the connection already holds too many. */
    Optional<Session> getOrCreate(int id) {
        Session s = sessions.get(id);
        if (s != null) {
            return Optional.of(s);
        }
        if (sessions.size() >= MAX_SESSIONS) {
            return Optional.empty();
        }
        return Optional.of(sessions.computeIfAbsent(id, Session::new));
    }
}
