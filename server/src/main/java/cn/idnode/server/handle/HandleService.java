package cn.idnode.server.handle;

import cn.idnode.crypto.ResponseSigner;
import cn.idnode.crypto.SessionCipher;
import cn.idnode.crypto.SessionCryptoException;
import cn.idnode.crypto.SessionMac;
import cn.idnode.node.Node;
import cn.idnode.node.auth.Authenticator;
import cn.idnode.node.error.AuthenticationRequiredException;
import cn.idnode.node.error.HandleException;
import cn.idnode.node.error.ReferralException;
import cn.idnode.node.op.Caller;
import cn.idnode.protocol.ChallengeAnswerRequest;
import cn.idnode.protocol.Credential;
import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.ErrorResponse;
import cn.idnode.protocol.Header;
import cn.idnode.protocol.GenericResponse;
import cn.idnode.protocol.Limits;
import cn.idnode.protocol.LoginIdSystemRequest;
import cn.idnode.protocol.Message;
import cn.idnode.protocol.MessageCodec;
import cn.idnode.protocol.OpCode;
import cn.idnode.protocol.OpFlags;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.ProtocolVersion;
import cn.idnode.protocol.ReferralResponse;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.ValueReference;
import cn.idnode.protocol.VerifyChallengeRequest;
import cn.idnode.protocol.VerifyChallengeResponse;
import cn.idnode.protocol.WireReader;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Handle-protocol adapter shared by the UDP, TCP and HTTP-tunnel transports: frames in, encoded answers out.
 *
 * <ul>
 *   <li>Sessions (handle-protocol.md §14): a request with a server session id must carry a valid HS_MAC with a fresh
 *       counter (404 / 502 / 505 otherwise); encrypted requests are decrypted with the session key; the session's
 *       authenticated identity is the caller.</li>
 *   <li>Challenge–response (§13): an operation that needs an identity gets an RC 402 challenge; the OC 200 answer,
 *       from any connection, completes the original request as that identity — and authenticates the session it
 *       arrived in when the identities match.</li>
 *   <li>Everything else goes to {@link OpcodeDispatch}; session set-up and tear-down to {@link SessionOperations}.</li>
 * </ul>
 * Read-only work is first tried on the calling I/O thread without blocking; anything that may block (storage misses,
 * writes, signatures, key exchange) runs on the bounded business executor — RC 3 when it is full.
 */
public final class HandleService {
    private static final Logger log = LoggerFactory.getLogger(HandleService.class);
    private static final Logger security = LoggerFactory.getLogger("idnode.security");

    /** Where a request came from; TCP requests carry their connection's state (IDIS sessions). */
    public record Transport(String surface, String remoteAddress, Optional<ConnectionState> connection) {
        public Transport(String surface, String remoteAddress) {
            this(surface, remoteAddress, Optional.empty());
        }
    }

    private final Node node;
    private final Executor executor;
    private final ResponseSigner signer;
    private final Authenticator authenticator;
    private final PendingChallenges challenges;
    private final HandleSessions sessions;
    private final FailedAuthLimiter failedAuth;
    private final OpcodeDispatch dispatch;
    private final SessionOperations sessionOps;
    private final java.time.Duration challengeLifetime;

    public HandleService(Node node, Executor executor, ResponseSigner signer, Authenticator authenticator,
                         SiteKey keys, HandleSettings settings) {
        this.node = node;
        this.executor = executor;
        this.signer = signer;
        this.authenticator = authenticator;
        this.challenges = new PendingChallenges(settings.challengeLifetime(), settings.maxPendingChallenges(),
                node.clock());
        this.sessions = new HandleSessions(settings.sessionIdleTimeout(), settings.maxSessionLifetime(),
                settings.maxSessions());
        this.failedAuth = new FailedAuthLimiter(settings.failedAuthPerMinute());
        this.challengeLifetime = settings.challengeLifetime();
        this.dispatch = new OpcodeDispatch(node, this);
        this.sessionOps = new SessionOperations(node, sessions, challenges, keys, this);
    }

    public Node node() {
        return node;
    }

    /** A frame from a transport: {@code buf[off, off+len)} is the message after {@code envelope}. */
    public void handleFrame(Envelope envelope, byte[] buf, int off, int len, Transport transport, Reply reply) {
        int serial = node.site().serialNumber();
        if (!envelope.encrypted()) {
            Message m;
            try {
                m = MessageCodec.decode(envelope, buf, off, len);
            } catch (ProtocolException e) {
                node.metrics().malformed(transport.surface());
                reply.send(java.util.List.of(errorFor(envelope, opCodeAt(buf, off, len), e.responseCode(),
                        e.getMessage(), serial)));
                return;
            }
            handle(m, transport, reply, false);
            return;
        }
        Optional<cn.idnode.crypto.SessionKey> key = transport.connection()
                .flatMap(c -> c.get(envelope.sessionId())).flatMap(ConnectionState.Session::key);
        ProtocolVersion cipherVersion = ProtocolVersion.negotiate(envelope.effectiveSuggestedVersion());
        if (key.isEmpty()) {
            Optional<HandleSessions.Session> session = sessions.get(envelope.sessionId(), node.clock().millis());
            key = session.flatMap(HandleSessions.Session::key);
            if (session.isPresent()) {
                cipherVersion = session.get().version;
            }
        }
        if (key.isEmpty()) {
            reply.send(java.util.List.of(errorFor(envelope, OpCode.RESERVED, ResponseCode.SESSION_TIMEOUT,
                    "encrypted message for an unknown session " + envelope.sessionId(), serial)));
            return;
        }
        try {
            byte[] plain = new SessionCipher(key.get(), cipherVersion).decrypt(buf, off, len);
            if (plain.length > Limits.MAX_MESSAGE_LENGTH) {
                throw ProtocolException.malformed("decrypted message too long");
            }
            Envelope plainEnv = envelope.withFlags(envelope.flags() & ~Envelope.ENCRYPTED)
                    .withMessageLength(plain.length);
            handle(MessageCodec.decode(plainEnv, plain, 0, plain.length), transport, reply, true);
        } catch (SessionCryptoException e) {
            reply.send(java.util.List.of(errorFor(envelope, OpCode.RESERVED, ResponseCode.SESSION_FAILED,
                    "cannot decrypt the message: " + e.getMessage(), serial)));
        } catch (ProtocolException e) {
            reply.send(java.util.List.of(errorFor(envelope, OpCode.RESERVED, e.responseCode(), e.getMessage(),
                    serial)));
        }
    }

    /** A decoded request (tests and transports that decode themselves). */
    public void handle(Message request, Transport transport, Reply reply) {
        handle(request, transport, reply, false);
    }

    private void handle(Message request, Transport transport, Reply reply, boolean wasEncrypted) {
        node.metrics().request(transport.surface());
        Exchange x = new Exchange(request, request, reply, transport,
                Caller.anonymous(transport.remoteAddress(), transport.surface()), node, signer);
        x.arrivedEncrypted = wasEncrypted;
        try {
            if (!request.isRequest()) {
                x.error(ResponseCode.PROTOCOL_ERROR, "expected a request, got a response");
                return;
            }
            if (request.opCode().equals(OpCode.SESSION_SETUP)) {
                offload(x, () -> sessionOps.setup(x));
                return;
            }
            if (request.sessionId() != 0 && !enterSession(x)) {
                return;
            }
            switch (request.opCode().code()) {
                case 2001 -> login(x);
                case 200 -> offload(x, () -> completeChallenge(x));
                case 201 -> offload(x, () -> verifyForOtherServer(x));
                case 401 -> sessionOps.terminate(x);
                case 402 -> offload(x, () -> sessionOps.exchangeKey(x));
                default -> {
                    if (request.has(OpFlags.CERTIFY) && x.session.isEmpty()) {
                        offload(x, () -> dispatch.dispatch(x));
                    } else {
                        dispatch.dispatch(x);
                    }
                }
            }
        } catch (HandleException e) {
            fail(x, e);
        } catch (RuntimeException e) {
            log.error("unexpected failure handling {} from {}", request, transport.remoteAddress(), e);
            x.error(ResponseCode.ERROR, "internal server error");
        }
    }

    /**
     * A request with a session id: a live server session (MAC checked, identity taken), a pending challenge (a
     * challenge answer, or a duplicate of the challenged request), or neither (RC 500). False if answered here.
     */
    private boolean enterSession(Exchange x) {
        Message request = x.request;
        Optional<ConnectionState> connection = x.transport.connection();
        Optional<ConnectionState.Session> own = connection.flatMap(c -> c.get(request.sessionId()));
        if (own.isPresent()) {
            return enterConnectionSession(x, own.get());
        }
        Optional<HandleSessions.Session> session = sessions.get(request.sessionId(), node.clock().millis());
        if (session.isEmpty() && connection.isPresent() && !HandleSessions.isServerIssued(request.sessionId())) {
            // an id the client chose (IDIS, idis-extensions.md §4): scoped to this connection, created on first use.
            // Ids the server issues live in [2^30, 2^31); an unknown one there is an expired server session (RC 500,
            // which CNRI clients need to set up a new one).
            Optional<ConnectionState.Session> created = connection.get().getOrCreate(request.sessionId());
            if (created.isEmpty()) {
                x.error(ResponseCode.SESSION_FAILED, "too many sessions on this connection");
                return false;
            }
            return enterConnectionSession(x, created.get());
        }
        if (session.isEmpty()) {
            if (request.opCode().equals(OpCode.CHALLENGE_RESPONSE)) {
                return true; // answered 405 if no challenge is pending under this id (§13.1 step 4)
            }
            Optional<PendingChallenges.Pending> p = challenges.peek(request.sessionId());
            if (p.isPresent() && p.get().request().requestId() == request.requestId()) {
                x.challenge(request.sessionId(), p.get().digest(), p.get().nonce());
                return false;
            }
            x.error(ResponseCode.SESSION_TIMEOUT, "unknown or expired session " + request.sessionId());
            return false;
        }
        HandleSessions.Session s = session.get();
        x.session = session;
        if (s.key().isEmpty()) {
            if (!request.opCode().equals(OpCode.SESSION_EXCHANGEKEY)) {
                x.error(ResponseCode.INVALID_SESSION_KEY, "the session key has not been exchanged yet");
                return false;
            }
            return true;
        }
        if (request.opCode().equals(OpCode.CHALLENGE_RESPONSE)) {
            // CNRI's client sends the challenge answer in the session without a MAC of its own (it proves itself
            // by the signature it carries); the session becomes authenticated once it verifies
            return true;
        }
        Optional<Credential> mac = request.credential();
        if (mac.isEmpty() || !mac.get().type().equals(Credential.HS_MAC)) {
            x.error(ResponseCode.INVALID_CREDENTIAL, "requests in a session must carry the session MAC");
            return false;
        }
        if (!SessionMac.verify(s.key().get(), request.envelope(), mac.get(), request.headerAndBody())) {
            securityEvent("bad session MAC", s.declared.map(Object::toString).orElse("anonymous"), x);
            x.error(ResponseCode.INVALID_SESSION_KEY, "the session MAC does not verify");
            return false;
        }
        if (!s.replay.accept(mac.get().signerIndex())) {
            securityEvent("replayed session message " + mac.get().signerIndex(),
                    s.declared.map(Object::toString).orElse("anonymous"), x);
            x.error(ResponseCode.SESSION_MESSAGE_REJECTED, "replayed or out-of-window session message");
            return false;
        }
        s.identity().ifPresent(id -> x.caller = new Caller(Optional.of(id), x.transport.remoteAddress(),
                x.transport.surface()));
        return true;
    }

    /**
     * A request in an IDIS session (client-chosen id, this connection only): no MAC is expected; the identity bound
     * by a 2001 login is the caller and is never challenged again (idis-extensions.md §5.6).
     */
    private static boolean enterConnectionSession(Exchange x, ConnectionState.Session s) {
        x.connectionSession = Optional.of(s);
        x.idis = true;
        s.identity().ifPresent(id -> x.caller = new Caller(Optional.of(id), x.transport.remoteAddress(),
                x.transport.surface()));
        return true;
    }

    /**
     * OC 2001 (idis-extensions.md §5): always answered with an RC 402 challenge under opcode 2001 — whether the
     * identity exists is revealed only by the verdict on the answer.
     */
    private void login(Exchange x) {
        if (x.connectionSession.isEmpty()) {
            x.error(ResponseCode.OPERATION_NOT_SUPPORTED, "login (2001) needs a TCP connection and a session id");
            return;
        }
        challenge(x);
    }

    /** Answers an operation's failure: a challenge when it needs an identity, else the error or referral. */
    void fail(Exchange x, HandleException e) {
        if (e instanceof AuthenticationRequiredException) {
            challenge(x);
        } else if (e instanceof ReferralException ref) {
            x.answer(ref.responseCode(), new ReferralResponse(ref.referralHandle(), Optional.of(ref.values())));
        } else {
            x.error(e.responseCode(), e.getMessage());
        }
    }

    /** RC 402 (§13.1 step 2): under the request's session if it has one, else under a fresh id. */
    private void challenge(Exchange x) {
        if (x.connectionSession.isPresent()) {
            ConnectionState.Session s = x.connectionSession.get();
            PendingChallenges.Pending p = new PendingChallenges.Pending(x.request, challenges.nonce(),
                    x.digestOfRequest(), s.id, node.clock().millis());
            s.pending.set(p);
            x.challenge(s.id, p.digest(), p.nonce());
            return;
        }
        int id = x.session.map(s -> s.id).orElseGet(() -> {
            int fresh;
            do {
                fresh = challenges.newId();
            } while (sessions.contains(fresh));
            return fresh;
        });
        PendingChallenges.Pending p = new PendingChallenges.Pending(x.request, challenges.nonce(), x.digestOfRequest(),
                id, node.clock().millis());
        challenges.put(p);
        x.challenge(id, p.digest(), p.nonce());
    }

    /** OC 200 (§13.1 steps 4–5): find the challenge, verify the answer, run the original request as the identity. */
    private void completeChallenge(Exchange x) {
        ChallengeAnswerRequest answer = (ChallengeAnswerRequest) x.request.body();
        String source = x.transport.remoteAddress();
        String who = answer.userIdIndex() + ":" + answer.userIdHandle();
        Optional<PendingChallenges.Pending> pending;
        if (x.connectionSession.isPresent()) {
            PendingChallenges.Pending p = x.connectionSession.get().pending.getAndSet(null);
            if (p != null && node.clock().millis() - p.createdMillis() >= challengeLifetime.toMillis()) {
                // the original request is known: answer under its opcode with its digest — an IDIS client waits
                // for an answer to its 2001 and cannot decode one under opcode 200 (idis-extensions.md §5.5, A4)
                securityEvent("expired challenge", who, x);
                x.completing(p.request(), x.caller).error(ResponseCode.AUTHEN_TIMEOUT,
                        "the challenge expired before it was answered");
                return;
            }
            pending = Optional.ofNullable(p);
        } else {
            pending = challenges.take(x.request.sessionId());
        }
        if (pending.isEmpty()) {
            securityEvent("unknown, expired or already answered challenge", who, x);
            x.error(ResponseCode.AUTHEN_TIMEOUT, "no pending challenge for session " + x.request.sessionId()
                    + " (expired or already answered)");
            return;
        }
        Exchange completion = x.completing(pending.get().request(), x.caller);
        if (failedAuth.blocked(source)) {
            securityEvent("rate limited", who, x);
            completion.error(ResponseCode.AUTHENTICATION_FAILED,
                    "too many failed authentications from " + source + "; try again in a minute");
            return;
        }
        ValueReference identity;
        try {
            identity = authenticator.authenticate(answer, pending.get().nonce().toByteArray(),
                    pending.get().digest().digest().toByteArray(), node.records()::get);
        } catch (HandleException e) {
            failedAuth.failed(source);
            securityEvent(e.getMessage(), who, x);
            completion.error(e.responseCode(), e.getMessage());
            return;
        }
        x.session.ifPresent(s -> {
            if (s.declared.isEmpty() || s.declared.get().handle().equalsIgnoreAsciiCase(identity.handle())) {
                s.authenticated.set(identity);
            }
        });
        if (completion.request.opCode().equals(OpCode.LOGIN_ID_SYSTEM)) {
            LoginIdSystemRequest login = (LoginIdSystemRequest) completion.request.body();
            if (!login.identityHandle().equals(identity.handle())
                    || (login.identityIndex() > 0 && login.identityIndex() != identity.index())) {
                failedAuth.failed(source);
                securityEvent("answer for another identity than the login named", who, x);
                completion.error(ResponseCode.AUTHENTICATION_FAILED, "the answer's identity is not the one logging in");
                return;
            }
            x.connectionSession.orElseThrow().identity.set(identity);
            security.info("login: identity={} source={} session={}", identity, source, x.request.sessionId());
            completion.success(GenericResponse.INSTANCE);
            return;
        }
        completion.caller = new Caller(Optional.of(identity), source, x.transport.surface());
        try {
            dispatch.dispatch(completion);
        } catch (HandleException e) {
            fail(completion, e);
        }
    }

    /** OC 201 (§7.10): another server checks a secret-key answer against an identity we serve. */
    private void verifyForOtherServer(Exchange x) {
        VerifyChallengeRequest b = (VerifyChallengeRequest) x.request.body();
        ValueReference identity = new ValueReference(b.handle(), b.index());
        boolean valid = authenticator.verifyForOtherServer(identity, b.signedResponse(), b.nonce().toByteArray(),
                b.origRequestDigest().toByteArray(), node.records()::get);
        if (!valid) {
            securityEvent("secret-key answer checked for another server did not verify", identity.toString(), x);
        }
        x.success(new VerifyChallengeResponse(valid));
    }

    void securityEvent(String what, String identity, Exchange x) {
        node.metrics().rejected(x.transport.surface(), "authentication");
        security.warn("refused: identity={} opcode={} source={} surface={} reason={}", identity,
                x.request.opCode().name(), x.transport.remoteAddress(), x.transport.surface(), what);
    }

    /** Runs blocking work on the business executor; a full executor answers RC 3. */
    void offload(Exchange x, Runnable work) {
        if (x.offloaded) {
            run(x, work);
            return;
        }
        try {
            executor.execute(() -> {
                x.offloaded = true;
                run(x, work);
            });
        } catch (RejectedExecutionException e) {
            node.metrics().rejected(x.transport.surface(), "busy");
            x.error(ResponseCode.SERVER_TOO_BUSY, "server too busy, try again later");
        }
    }

    private void run(Exchange x, Runnable work) {
        try {
            work.run();
        } catch (HandleException e) {
            fail(x, e);
        } catch (RuntimeException e) {
            log.error("unexpected failure in {}", x.request, e);
            x.error(ResponseCode.ERROR, "internal server error");
        }
    }

    private static OpCode opCodeAt(byte[] buf, int off, int len) {
        return len >= 4 ? OpCode.of(WireReader.getInt(buf, off)) : OpCode.RESERVED;
    }

    /** IDIS-only codes (601–605) for clients that do not know them (idis-extensions.md §9). */
    static ResponseCode cnriEquivalent(ResponseCode rc) {
        return rc.code() == 605 ? ResponseCode.SERVER_NOT_RESP : ResponseCode.ERROR;
    }

    /** An error answer to a message that could not be decoded (RC 4 for malformed input, or the code given). */
    public static Outbound errorFor(Envelope requestEnvelope, OpCode opCode, ResponseCode rc, String message,
                                    int siteSerial) {
        ProtocolVersion version = ProtocolVersion.negotiate(requestEnvelope.effectiveSuggestedVersion());
        Envelope env = new Envelope(version, ProtocolVersion.CURRENT, 0, requestEnvelope.sessionId(),
                requestEnvelope.requestId(), 0, 0);
        Header header = new Header(opCode, rc, OpFlags.RECURSIVE, siteSerial, 0,
                (int) (System.currentTimeMillis() / 1000) + 43_200, 0);
        return new Outbound(env, MessageCodec.encodeMessage(version, header, Optional.empty(),
                ErrorResponse.of(message), Optional.empty()));
    }
}
