package cn.idnode.server.handle;

import cn.idnode.crypto.IdentityKey;
import cn.idnode.crypto.KeyFormatException;
import cn.idnode.crypto.PublicKeys;
import cn.idnode.crypto.SessionAlgorithm;
import cn.idnode.crypto.SessionCryptoException;
import cn.idnode.crypto.SessionKey;
import cn.idnode.crypto.SessionKeys;
import cn.idnode.node.Node;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.GenericResponse;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.SessionExchangeKeyRequest;
import cn.idnode.protocol.SessionSetupRequest;
import cn.idnode.protocol.SessionSetupResponse;
import cn.idnode.protocol.ValueReference;
import cn.idnode.protocol.ValueTypes;
import java.util.Optional;

/**
 * OC_SESSION_SETUP, OC_SESSION_EXCHANGEKEY and OC_SESSION_TERMINATE (handle-protocol.md §14.1, §7.13): agree a
 * session key in the mode the client asks for — 4 Diffie-Hellman (CNRI's default), 1 the client's RSA key,
 * 3 a key the client names by handle, 2 our RSA key (the client then sends the key with OC 402) — and keep the
 * session with its declared identity. The key material itself is handled by the crypto module.
 */
final class SessionOperations {
    private final Node node;
    private final HandleSessions sessions;
    private final PendingChallenges challenges;
    private final SiteKey keys;
    private final HandleService service;

    SessionOperations(Node node, HandleSessions sessions, PendingChallenges challenges, SiteKey keys,
                      HandleService service) {
        this.node = node;
        this.sessions = sessions;
        this.challenges = challenges;
        this.keys = keys;
        this.service = service;
    }

    void setup(Exchange x) {
        SessionSetupRequest b = (SessionSetupRequest) x.request.body();
        Optional<ValueReference> declared = b.identityHandle().isEmpty() || b.identityIndex() < 0
                ? Optional.empty() : Optional.of(new ValueReference(b.identityHandle(), b.identityIndex()));
        SessionAlgorithm alg = SessionKeys.defaultAlgorithm(x.version);
        try {
            Optional<SessionKey> key;
            ByteString data;
            switch (b.keyExchangeMode()) {
                case SessionSetupRequest.DIFFIE_HELLMAN -> {
                    SessionKeys.KeyExchange ex = SessionKeys.diffieHellman(b.exchangeKey(), alg, x.version);
                    key = Optional.of(ex.key());
                    data = ex.responseData();
                }
                case SessionSetupRequest.CIPHER_CLIENT -> {
                    SessionKey k = SessionKeys.generate(alg);
                    key = Optional.of(k);
                    data = SessionKeys.encryptForClient(decode(b.exchangeKey()), k, x.version);
                }
                case SessionSetupRequest.CIPHER_HDL -> {
                    IdentityKey clientKey = keyAt(new ValueReference(b.exchangeKeyHandle(), b.exchangeKeyIndex()));
                    SessionKey k = SessionKeys.generate(clientKey instanceof IdentityKey.Sm2 ? SessionAlgorithm.SM4 : alg);
                    key = Optional.of(k);
                    data = SessionKeys.encryptForClient(clientKey, k, x.version);
                }
                case SessionSetupRequest.CIPHER_SERVER -> {
                    key = Optional.empty();
                    data = keys.publicKeyBlob();
                }
                default -> {
                    x.error(ResponseCode.INVALID_SESSIONSETUP_REQUEST, "unknown key exchange mode "
                            + b.keyExchangeMode());
                    return;
                }
            }
            int requested = x.request.sessionId();
            if (x.transport.connection().isPresent() && requested != 0 && !HandleSessions.isServerIssued(requested)) {
                // IDIS (idis-extensions.md §11.1): the key belongs to the client's own session id on this connection,
                // and the answer keeps that id
                if (key.isEmpty()) {
                    x.error(ResponseCode.INVALID_SESSIONSETUP_REQUEST,
                            "key exchange mode 2 is not available for connection sessions");
                    return;
                }
                Optional<ConnectionState.Session> cs = x.transport.connection().get().getOrCreate(requested);
                if (cs.isEmpty()) {
                    x.error(ResponseCode.SESSION_FAILED, "too many sessions on this connection");
                    return;
                }
                cs.get().key.set(key.get());
                x.idis = true;
                x.successUnderSession(new SessionSetupResponse(b.keyExchangeMode(), data, true), requested);
                return;
            }
            HandleSessions.Session s = sessions.create(declared, x.version, key, b.timeout(), node.clock().millis(),
                    id -> challenges.peek(id).isPresent());
            x.successUnderSession(new SessionSetupResponse(b.keyExchangeMode(), data, true), s.id);
        } catch (SessionCryptoException e) {
            x.error(e.responseCode(), e.getMessage());
        }
    }

    /** Mode 2: the client sends the session key encrypted with our site key. */
    void exchangeKey(Exchange x) {
        HandleSessions.Session s = x.session.orElse(null);
        if (s == null) {
            x.error(ResponseCode.SESSION_TIMEOUT, "no session to set a key for");
            return;
        }
        if (s.key().isPresent()) {
            x.error(ResponseCode.INVALID_SESSIONSETUP_REQUEST, "the session already has a key");
            return;
        }
        try {
            SessionKey k = SessionKeys.decryptFromClient(keys.privateKey(),
                    ((SessionExchangeKeyRequest) x.request.body()).encryptedKey(), s.version);
            if (!s.key.compareAndSet(null, k)) {
                x.error(ResponseCode.INVALID_SESSIONSETUP_REQUEST, "the session already has a key");
                return;
            }
            x.success(GenericResponse.INSTANCE);
        } catch (SessionCryptoException e) {
            x.error(e.responseCode(), e.getMessage());
        }
    }

    /** OC 401: ends the session (its MAC was checked on entry). */
    void terminate(Exchange x) {
        if (x.session.isEmpty()) {
            x.error(ResponseCode.SESSION_TIMEOUT, "no such session");
            return;
        }
        sessions.remove(x.session.get().id);
        x.success(GenericResponse.INSTANCE);
    }

    private static IdentityKey decode(ByteString blob) throws SessionCryptoException {
        try {
            return PublicKeys.decode(blob);
        } catch (KeyFormatException e) {
            throw new SessionCryptoException(ResponseCode.NEED_RSAKEY_FOR_SESSIONEXCHANGE,
                    "unusable client key: " + e.getMessage());
        }
    }

    /** Mode 3: the client's key from its identity record (local here; foreign identities later via recursion). */
    private IdentityKey keyAt(ValueReference ref) throws SessionCryptoException {
        Optional<StoredRecord> rec = node.responsibility().isMine(ref.handle())
                ? node.records().get(ref.handle()) : Optional.empty();
        for (HandleValue v : rec.map(r -> r.values().decode()).orElse(java.util.List.of())) {
            if (ValueTypes.is(v.type(), ValueTypes.HS_PUBKEY) && (ref.index() <= 0 || v.index() == ref.index())) {
                return decode(v.data());
            }
        }
        throw new SessionCryptoException(ResponseCode.NEED_RSAKEY_FOR_SESSIONEXCHANGE,
                "no public key at " + ref);
    }
}
