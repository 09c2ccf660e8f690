package cn.idnode.server.handle;

import cn.idnode.node.Node;
import cn.idnode.node.error.AuthenticationRequiredException;
import cn.idnode.node.error.HandleException;
import cn.idnode.node.error.ReferralException;
import cn.idnode.node.op.Caller;
import cn.idnode.node.op.Resolution;
import cn.idnode.node.op.ResolveQuery;
import cn.idnode.crypto.ResponseSigner;
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
import cn.idnode.protocol.ReferralResponse;
import cn.idnode.protocol.RequestDigest;
import cn.idnode.protocol.ResolutionRequest;
import cn.idnode.protocol.ResolutionResponse;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.SiteInfoResponse;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Handle-protocol adapter shared by the UDP, TCP and HTTP-tunnel transports: a decoded request in, encoded
 * response messages out (handle-protocol.md §4.1, §5, §6).
 *
 * <p>It negotiates the response version, turns request bodies into operation inputs, runs them through the node's
 * runner — first without blocking on the calling I/O thread, then, if storage would need I/O, on the bounded
 * business executor (RC 3 when that is full) — and encodes results and errors with the request digest, response
 * flags and our site serial. {@code reply} is called exactly once per request, on whichever thread finished it.
 */
public final class HandleService {
    private static final Logger log = LoggerFactory.getLogger(HandleService.class);
    private static final int EXPIRATION_SECONDS = 43_200;

    /** Where a request came from. */
    public record Transport(String surface, String remoteAddress) {}

    private final Node node;
    private final Executor executor;
    private final ResponseSigner signer;

    public HandleService(Node node, Executor executor, ResponseSigner signer) {
        this.node = node;
        this.executor = executor;
        this.signer = signer;
    }

    public Node node() {
        return node;
    }

    public void handle(Message request, Transport transport, Consumer<List<Outbound>> reply) {
        node.metrics().request(transport.surface());
        Responder r = new Responder(request, reply);
        try {
            if (!request.isRequest()) {
                r.error(ResponseCode.PROTOCOL_ERROR, "expected a request, got a response");
                return;
            }
            if (request.envelope().encrypted()) {
                r.error(ResponseCode.SESSION_TIMEOUT, "encrypted message for an unknown session");
                return;
            }
            Caller caller = Caller.anonymous(transport.remoteAddress(), transport.surface());
            if (request.has(OpFlags.CERTIFY)) {
                offload(r, () -> dispatch(request, caller, r));
                return;
            }
            dispatch(request, caller, r);
        } catch (HandleException e) {
            r.fail(e);
        } catch (RuntimeException e) {
            log.error("unexpected failure handling {} from {}", request, transport.remoteAddress(), e);
            r.error(ResponseCode.ERROR, "internal server error");
        }
    }

    private void dispatch(Message request, Caller caller, Responder r) {
        switch (request.opCode().code()) {
            case 1 -> resolve(request, caller, r);
            case 2 -> r.success(new SiteInfoResponse(node.getSiteInfo().execute(null, null)));
            default -> r.error(ResponseCode.OPERATION_NOT_SUPPORTED,
                    "operation " + request.opCode() + " is not supported by this server");
        }
    }

    private void resolve(Message request, Caller caller, Responder r) {
        ResolutionRequest body = (ResolutionRequest) request.body();
        ResolveQuery query = new ResolveQuery(body.handle(), body.requestedIndexes(), body.requestedTypes(),
                request.has(OpFlags.PUBLIC_ONLY), request.has(OpFlags.DO_NOT_REFER));
        Optional<Resolution> fast = r.offloaded ? Optional.empty()
                : node.runner().tryWithoutBlocking(node.resolve(), query, caller);
        if (fast.isPresent()) {
            r.success(new ResolutionResponse(fast.get().handle(), fast.get().values()));
            return;
        }
        Runnable work = () -> {
            Resolution res = node.runner().run(node.resolve(), query, caller);
            r.success(new ResolutionResponse(res.handle(), res.values()));
        };
        if (r.offloaded) {
            work.run();
        } else {
            offload(r, work);
        }
    }

    /** Runs blocking work on the business executor; a full executor answers RC 3. */
    private void offload(Responder r, Runnable work) {
        try {
            executor.execute(() -> {
                r.offloaded = true;
                try {
                    work.run();
                } catch (HandleException e) {
                    r.fail(e);
                } catch (RuntimeException e) {
                    log.error("unexpected failure in {}", r.request, e);
                    r.error(ResponseCode.ERROR, "internal server error");
                }
            });
        } catch (RejectedExecutionException e) {
            node.metrics().rejected("handle", "busy");
            r.error(ResponseCode.SERVER_TOO_BUSY, "server too busy, try again later");
        }
    }

    /** Builds the answers to one request. */
    private final class Responder {
        private final Message request;
        private final Consumer<List<Outbound>> reply;
        private final ProtocolVersion version;
        /** True once the request runs on the business executor (blocking allowed). */
        boolean offloaded;

        Responder(Message request, Consumer<List<Outbound>> reply) {
            this.request = request;
            this.reply = reply;
            this.version = ProtocolVersion.negotiate(request.envelope().effectiveSuggestedVersion());
        }

        void success(MessageBody body) {
            send(ResponseCode.SUCCESS, body);
        }

        void fail(HandleException e) {
            if (e instanceof ReferralException ref) {
                send(ref.responseCode(), new ReferralResponse(ref.referralHandle(), Optional.of(ref.values())));
            } else if (e instanceof AuthenticationRequiredException) {
                error(ResponseCode.INSUFFICIENT_PERMISSIONS, e.getMessage());
            } else {
                error(e.responseCode(), e.getMessage());
            }
        }

        void error(ResponseCode rc, String message) {
            send(rc, ErrorResponse.of(message));
        }

        private void send(ResponseCode rc, MessageBody body) {
            ResponseCode code = rc.isIdisOnly() ? cnriEquivalent(rc) : rc;
            Envelope env = new Envelope(version, ProtocolVersion.CURRENT, 0, request.sessionId(), request.requestId(),
                    0, 0);
            boolean certify = request.has(OpFlags.CERTIFY) && offloaded;
            int flags = (request.header().opFlags() & OpFlags.COPIED_TO_RESPONSE & ~OpFlags.CERTIFY)
                    | (certify ? OpFlags.CERTIFY : 0)
                    | OpFlags.RECURSIVE | (node.site().isPrimary() ? OpFlags.AUTHORITATIVE : 0);
            Header header = new Header(request.opCode(), code, flags, node.site().serialNumber(),
                    request.header().recursionCount(), (int) (node.clock().millis() / 1000) + EXPIRATION_SECONDS, 0);
            Optional<RequestDigest> digest = request.has(OpFlags.RETURN_REQUEST_DIGEST)
                    ? Optional.of(RequestDigest.compute(version, request.headerAndBody())) : Optional.empty();
            byte[] message = MessageCodec.encodeMessage(version, header, digest, body, Optional.empty());
            if (certify) {
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
            if (message.length > Limits.MAX_MESSAGE_LENGTH) {
                log.warn("answer to {} would be {} bytes, over the protocol limit", request, message.length);
                message = MessageCodec.encodeMessage(version, header.withResponseCode(ResponseCode.ERROR), digest,
                        ErrorResponse.of("the answer exceeds the protocol's message size limit"), Optional.empty());
            }
            reply.accept(List.of(new Outbound(env, message)));
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
                (int) (System.currentTimeMillis() / 1000) + EXPIRATION_SECONDS, 0);
        return new Outbound(env, MessageCodec.encodeMessage(version, header, Optional.empty(),
                ErrorResponse.of(message), Optional.empty()));
    }
}
