package cn.idnode.server.handle;

import cn.idnode.crypto.ResponseSigner;
import cn.idnode.node.Node;
import cn.idnode.node.auth.Authenticator;
import cn.idnode.node.error.AuthenticationRequiredException;
import cn.idnode.node.error.HandleException;
import cn.idnode.node.error.ReferralException;
import cn.idnode.node.op.Caller;
import cn.idnode.protocol.ChallengeAnswerRequest;
import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.ErrorResponse;
import cn.idnode.protocol.Header;
import cn.idnode.protocol.Message;
import cn.idnode.protocol.MessageCodec;
import cn.idnode.protocol.OpCode;
import cn.idnode.protocol.OpFlags;
import cn.idnode.protocol.ProtocolVersion;
import cn.idnode.protocol.ReferralResponse;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.ValueReference;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Handle-protocol adapter shared by the UDP, TCP and HTTP-tunnel transports: decoded requests in, encoded answers
 * out. It negotiates versions, runs the challenge–response of handle-protocol.md §13 (an operation that needs an
 * identity gets an RC 402 challenge; the OC 200 answer, from any connection, completes the original request as that
 * identity), and hands each opcode to {@link OpcodeDispatch}.
 *
 * <p>Threads: read-only work is first tried on the calling I/O thread without blocking; anything that may block
 * (storage misses, writes, signature checks, signing) runs on the bounded business executor — RC 3 when it is full.
 */
public final class HandleService {
    private static final Logger log = LoggerFactory.getLogger(HandleService.class);
    private static final Logger security = LoggerFactory.getLogger("idnode.security");

    /** Where a request came from. */
    public record Transport(String surface, String remoteAddress) {}

    private final Node node;
    private final Executor executor;
    private final ResponseSigner signer;
    private final Authenticator authenticator;
    private final PendingChallenges challenges;
    private final FailedAuthLimiter failedAuth;
    private final OpcodeDispatch dispatch;

    public HandleService(Node node, Executor executor, ResponseSigner signer, Authenticator authenticator,
                         HandleSettings settings) {
        this.node = node;
        this.executor = executor;
        this.signer = signer;
        this.authenticator = authenticator;
        this.challenges = new PendingChallenges(settings.challengeLifetime(), settings.maxPendingChallenges());
        this.failedAuth = new FailedAuthLimiter(settings.failedAuthPerMinute());
        this.dispatch = new OpcodeDispatch(node, this);
    }

    public Node node() {
        return node;
    }

    public void handle(Message request, Transport transport, Reply reply) {
        node.metrics().request(transport.surface());
        Exchange x = new Exchange(request, request, reply, transport,
                Caller.anonymous(transport.remoteAddress(), transport.surface()), node, signer);
        try {
            if (!request.isRequest()) {
                x.error(ResponseCode.PROTOCOL_ERROR, "expected a request, got a response");
                return;
            }
            if (request.envelope().encrypted()) {
                x.error(ResponseCode.SESSION_TIMEOUT, "encrypted message for an unknown session");
                return;
            }
            if (request.opCode().equals(OpCode.CHALLENGE_RESPONSE)) {
                offload(x, () -> completeChallenge(x));
                return;
            }
            if (request.sessionId() != 0) {
                Optional<PendingChallenges.Pending> p = challenges.peek(request.sessionId());
                if (p.isPresent() && p.get().request().requestId() == request.requestId()) {
                    x.challenge(request.sessionId(), p.get().digest(), p.get().nonce());
                    return;
                }
                x.error(ResponseCode.SESSION_TIMEOUT, "unknown or expired session " + request.sessionId());
                return;
            }
            if (request.has(OpFlags.CERTIFY)) {
                offload(x, () -> dispatch.dispatch(x));
                return;
            }
            dispatch.dispatch(x);
        } catch (HandleException e) {
            fail(x, e);
        } catch (RuntimeException e) {
            log.error("unexpected failure handling {} from {}", request, transport.remoteAddress(), e);
            x.error(ResponseCode.ERROR, "internal server error");
        }
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

    private void challenge(Exchange x) {
        int id = challenges.newId();
        PendingChallenges.Pending p = new PendingChallenges.Pending(x.request, challenges.nonce(), x.digestOfRequest(),
                id, node.clock().millis());
        challenges.put(p);
        x.challenge(id, p.digest(), p.nonce());
    }

    /** OC 200 (§13.1 steps 4–5): find the challenge, verify the answer, run the original request as the identity. */
    private void completeChallenge(Exchange x) {
        ChallengeAnswerRequest answer = (ChallengeAnswerRequest) x.request.body();
        String source = x.transport.remoteAddress();
        Optional<PendingChallenges.Pending> pending = challenges.take(x.request.sessionId());
        if (pending.isEmpty()) {
            securityEvent("unknown or expired challenge", answer, x);
            x.error(ResponseCode.AUTHEN_TIMEOUT, "no pending challenge for session " + x.request.sessionId()
                    + " (expired or already answered)");
            return;
        }
        Message original = pending.get().request();
        Exchange completion = x.completing(original, x.caller);
        completion.offloaded = true;
        if (failedAuth.blocked(source)) {
            securityEvent("rate limited", answer, x);
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
            securityEvent(e.getMessage(), answer, x);
            completion.error(e.responseCode(), e.getMessage());
            return;
        }
        completion.caller = new Caller(Optional.of(identity), source, x.transport.surface());
        try {
            dispatch.dispatch(completion);
        } catch (HandleException e) {
            fail(completion, e);
        }
    }

    private void securityEvent(String what, ChallengeAnswerRequest answer, Exchange x) {
        node.metrics().rejected(x.transport.surface(), "authentication");
        security.warn("authentication refused: identity={}:{} source={} surface={} reason={}", answer.userIdIndex(),
                answer.userIdHandle(), x.transport.remoteAddress(), x.transport.surface(), what);
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
