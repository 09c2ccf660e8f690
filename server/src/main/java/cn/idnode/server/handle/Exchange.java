package cn.idnode.server.handle;

import cn.idnode.crypto.ResponseSigner;
import cn.idnode.crypto.SessionCipher;
import cn.idnode.crypto.SessionKey;
import cn.idnode.crypto.SessionMac;
import cn.idnode.node.Node;
import cn.idnode.node.op.Caller;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ChallengeResponse;
import cn.idnode.protocol.Credential;
import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.ErrorResponse;
import cn.idnode.protocol.Header;
import cn.idnode.protocol.Limits;
import cn.idnode.protocol.Message;
import cn.idnode.protocol.MessageBody;
import cn.idnode.protocol.MessageCodec;
import cn.idnode.protocol.OpCode;
import cn.idnode.protocol.OpFlags;
import cn.idnode.protocol.ProtocolVersion;
import cn.idnode.protocol.RequestDigest;
import cn.idnode.protocol.ResponseCode;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request being answered, and how its answers are encoded (handle-protocol.md §4.1, §5, §6, §13.1, §15).
 *
 * <p>{@code request} is what is being answered; {@code arrived} is the message that carried it here — the same,
 * except when a challenge answer (OC 200) completes an earlier request: then the answer takes its opcode, session id
 * and digest from the original request and its request id from the OC 200 message.
 */
final class Exchange {
    private static final Logger log = LoggerFactory.getLogger(Exchange.class);
    private static final int EXPIRATION_SECONDS = 43_200;

    final Message request;
    final Message arrived;
    final Reply reply;
    final HandleService.Transport transport;
    final ProtocolVersion version;
    Caller caller;
    /** True once running on the business executor, where blocking and signing are allowed. */
    boolean offloaded;
    /** The server session the request arrived in, if any: answers are MACed (CT) and encrypted (ENC) with it. */
    Optional<HandleSessions.Session> session = Optional.empty();
    /** The request arrived encrypted: the answer is encrypted too. */
    boolean arrivedEncrypted;
    /** The IDIS session (client-chosen id on this TCP connection) the request arrived in, if any. */
    Optional<ConnectionState.Session> connectionSession = Optional.empty();
    /** An IDIS client: it knows response codes 601–605 (idis-extensions.md §9). */
    boolean idis;

    private final Node node;
    private final ResponseSigner signer;

    Exchange(Message request, Message arrived, Reply reply, HandleService.Transport transport, Caller caller, Node node,
             ResponseSigner signer) {
        this.request = request;
        this.arrived = arrived;
        this.reply = reply;
        this.transport = transport;
        this.caller = caller;
        this.node = node;
        this.signer = signer;
        this.version = ProtocolVersion.negotiate(arrived.envelope().effectiveSuggestedVersion());
    }

    Exchange completing(Message original, Caller authenticated) {
        Exchange e = new Exchange(original, arrived, reply, transport, authenticated, node, signer);
        e.session = session;
        e.arrivedEncrypted = arrivedEncrypted;
        e.offloaded = offloaded;
        e.connectionSession = connectionSession;
        e.idis = idis;
        return e;
    }

    /** A success answer carrying a different session id in its envelope (session setup: the new session). */
    void successUnderSession(MessageBody body, int sessionId) {
        reply.send(List.of(encode(ResponseCode.SUCCESS, body, 0, sessionId)));
    }

    void success(MessageBody body) {
        reply.send(List.of(encode(ResponseCode.SUCCESS, body, 0, request.sessionId())));
    }

    void success(MessageBody body, int extraFlags) {
        reply.send(List.of(encode(ResponseCode.SUCCESS, body, extraFlags, request.sessionId())));
    }

    void answer(ResponseCode rc, MessageBody body) {
        reply.send(List.of(encode(rc, body, 0, request.sessionId())));
    }

    void error(ResponseCode rc, String message) {
        answer(rc, ErrorResponse.of(message));
    }

    /** A message of a continued answer: CN set; the future completes when it is written. */
    CompletableFuture<Void> continued(MessageBody body) {
        return reply.part(List.of(encode(ResponseCode.SUCCESS, body, OpFlags.CONTINUOUS, request.sessionId())));
    }

    /** An RC 402 challenge under {@code challengeSessionId}: RD set, the request digest and the nonce (§6.5). */
    void challenge(int challengeSessionId, RequestDigest digest, ByteString nonce) {
        reply.send(List.of(encode(ResponseCode.AUTHENTICATION_NEEDED, new ChallengeResponse(nonce), 0,
                challengeSessionId, Optional.of(digest))));
    }

    RequestDigest digestOfRequest() {
        return RequestDigest.compute(version, request.headerAndBody());
    }

    private Outbound encode(ResponseCode rc, MessageBody body, int extraFlags, int sessionId) {
        boolean wantsDigest = request.has(OpFlags.RETURN_REQUEST_DIGEST) || arrived.has(OpFlags.RETURN_REQUEST_DIGEST);
        return encode(rc, body, extraFlags, sessionId, wantsDigest ? Optional.of(digestOfRequest()) : Optional.empty());
    }

    private Outbound encode(ResponseCode rc, MessageBody body, int extraFlags, int sessionId,
                            Optional<RequestDigest> digest) {
        ResponseCode code = rc.isIdisOnly() && !idis ? HandleService.cnriEquivalent(rc) : rc;
        Envelope env = new Envelope(version, ProtocolVersion.CURRENT, 0, sessionId, arrived.requestId(), 0, 0);
        Optional<SessionKey> sessionKey = session.flatMap(HandleSessions.Session::key)
                .filter(k -> !request.opCode().equals(OpCode.SESSION_SETUP)
                        && !request.opCode().equals(OpCode.SESSION_EXCHANGEKEY));
        boolean certify = arrived.has(OpFlags.CERTIFY) && (offloaded || sessionKey.isPresent());
        int flags = (arrived.header().opFlags() & OpFlags.COPIED_TO_RESPONSE & ~OpFlags.CERTIFY)
                | (certify ? OpFlags.CERTIFY : 0) | extraFlags
                | OpFlags.RECURSIVE | (node.site().isPrimary() ? OpFlags.AUTHORITATIVE : 0);
        Header header = new Header(request.opCode(), code, flags, node.site().serialNumber(),
                request.header().recursionCount(), (int) (node.clock().millis() / 1000) + EXPIRATION_SECONDS, 0);
        byte[] message = MessageCodec.encodeMessage(version, header, digest, body, Optional.empty());
        if (certify && sessionKey.isPresent()) {
            int counter = session.get().answerCounter.incrementAndGet();
            Credential c = SessionMac.sign(sessionKey.get(), env, counter, MessageCodec.headerAndBody(message));
            message = MessageCodec.encodeMessage(version, header, digest, body, Optional.of(c));
        } else if (certify) {
            try {
                Credential c = signer.sign(env, 0, MessageCodec.headerAndBody(message));
                message = MessageCodec.encodeMessage(version, header, digest, body, Optional.of(c));
            } catch (GeneralSecurityException e) {
                log.error("cannot sign a certified answer", e);
                message = MessageCodec.encodeMessage(version, header.withResponseCode(ResponseCode.ERROR)
                        .withFlags(flags & ~OpFlags.CERTIFY), digest,
                        ErrorResponse.of("cannot certify the answer"), Optional.empty());
            }
        }
        if (message.length > Limits.IDIS_MAX_TCP_CHUNK) {
            log.warn("answer to {} would be {} bytes, over the message limit", request, message.length);
            message = MessageCodec.encodeMessage(version, header.withResponseCode(ResponseCode.ERROR), digest,
                    ErrorResponse.of("the answer exceeds the protocol's message size limit"), Optional.empty());
        }
        if (sessionKey.isPresent() && (arrivedEncrypted || arrived.has(OpFlags.ENCRYPT))) {
            message = new SessionCipher(sessionKey.get(), session.get().version).encrypt(message);
            env = env.withFlags(env.flags() | Envelope.ENCRYPTED);
        } else {
            Optional<SessionKey> connectionKey = connectionSession.flatMap(ConnectionState.Session::key)
                    .filter(k -> !request.opCode().equals(OpCode.SESSION_SETUP));
            if (connectionKey.isPresent() && (arrivedEncrypted || arrived.has(OpFlags.ENCRYPT))) {
                message = new SessionCipher(connectionKey.get(), version).encrypt(message);
                env = env.withFlags(env.flags() | Envelope.ENCRYPTED);
            }
        }
        return new Outbound(env, message);
    }
}
