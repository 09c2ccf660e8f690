package cn.idnode.server.http;

import cn.idnode.protocol.ValueReference;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Optional;

/**
 * HTTP authentication sessions (handle-protocol.md §20.7): no cookies; a client names its session with
 * {@code Authorization: Handle sessionId="…"}.
 *
 * <p>Design note. A session id is 128 random bits (Base64url) and is a bearer secret, like CNRI's. Each session holds
 * one current nonce (16 random bytes). The nonce is <em>single-use</em>: taking it for a verification replaces it at
 * once, whatever the outcome, so a captured signature cannot authenticate a second time and a failed guess cannot be
 * retried against the same nonce. A client that repeats the exact {@code Authorization} header that authenticated
 * the session (CNRI's clients do) is recognised without a new verification. Sessions expire after an idle time
 * (CNRI: 1800 s) measured on the node's clock; their number is bounded (least valuable evicted first), so a flood of
 * unauthenticated challenges costs memory only up to the bound.
 */
final class HttpSessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Cache<String, Session> sessions;

    HttpSessions(Duration idle, int max, InstantSource clock) {
        this.sessions = Caffeine.newBuilder().expireAfterAccess(idle).maximumSize(max)
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    Session create() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        Session s = new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(id));
        sessions.put(s.id, s);
        return s;
    }

    Optional<Session> get(String id) {
        return id == null || id.length() > 64 ? Optional.empty() : Optional.ofNullable(sessions.getIfPresent(id));
    }

    void remove(Session s) {
        sessions.invalidate(s.id);
    }

    long size() {
        sessions.cleanUp();
        return sessions.estimatedSize();
    }

    static byte[] nonce() {
        byte[] n = new byte[16];
        RANDOM.nextBytes(n);
        return n;
    }

    /** One session; its mutable state is guarded by the session itself. */
    static final class Session {
        final String id;
        private byte[] nonce = HttpSessions.nonce();
        private ValueReference identity;
        private String authenticatedBy;
        private byte[] proofCnonce;
        private byte[] proof;

        Session(String id) {
            this.id = id;
        }

        synchronized byte[] nonce() {
            return nonce.clone();
        }

        /** The current nonce, for one verification; a fresh one replaces it at once. */
        synchronized byte[] takeNonce() {
            byte[] n = nonce;
            nonce = HttpSessions.nonce();
            proofCnonce = null;
            proof = null;
            return n;
        }

        synchronized Optional<ValueReference> identity() {
            return Optional.ofNullable(identity);
        }

        synchronized void authenticated(ValueReference who, String header) {
            identity = who;
            authenticatedBy = header;
        }

        /** The identity, if {@code header} is exactly the one that authenticated this session. */
        synchronized Optional<ValueReference> seenBefore(String header) {
            return identity != null && header != null && header.equals(authenticatedBy) ? Optional.of(identity)
                    : Optional.empty();
        }

        /** The cached server proof for this nonce and cnonce, if it was computed already. */
        synchronized Optional<byte[]> proof(byte[] cnonce) {
            return proof != null && java.util.Arrays.equals(cnonce, proofCnonce) ? Optional.of(proof.clone())
                    : Optional.empty();
        }

        synchronized void proof(byte[] forNonce, byte[] cnonce, byte[] signature) {
            if (java.util.Arrays.equals(forNonce, nonce)) {
                proofCnonce = cnonce.clone();
                proof = signature.clone();
            }
        }
    }
}
