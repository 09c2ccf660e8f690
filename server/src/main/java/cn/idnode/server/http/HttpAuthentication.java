package cn.idnode.server.http;

import cn.idnode.crypto.ChallengeAnswerException;
import cn.idnode.crypto.ChallengeAnswers;
import cn.idnode.crypto.SecretKeyAnswer;
import cn.idnode.node.Node;
import cn.idnode.node.auth.Authenticator;
import cn.idnode.node.error.HandleException;
import cn.idnode.node.op.Caller;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ChallengeAnswerRequest;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.ValueReference;
import cn.idnode.protocol.WireWriter;
import cn.idnode.server.handle.FailedAuthLimiter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who a REST request is from (handle-protocol.md §20.7) and answers the challenges; endpoints then run node
 * operations with the resulting {@link Caller}, so no permission logic lives here.
 *
 * <p>Design note. Every proof goes through the node's {@link Authenticator}, the same code that checks Handle-protocol
 * challenge answers, so key look-up (restricted values, index 0 = any key of the identity), error codes and future
 * algorithms are shared:
 * <ul>
 *   <li>{@code Authorization: Handle} answers are re-encoded as the binary {@code signedResponse} they correspond to
 *       (HS_PUBKEY: {@code UTF8String alg, Bytes signature}; HS_SECKEY: the {@link SecretKeyAnswer}) with the data
 *       {@code nonce ‖ cnonce} in place of {@code nonce ‖ digest} — the signed bytes are identical.</li>
 *   <li>{@code Basic} (a secret key sent as a password) is turned into the answer a client holding that password
 *       would give — SHA-256(K‖D‖K) over fresh random data D — and checked against the identity's HS_SECKEY values.
 *       Equal outputs mean equal keys (the inputs have the same D and length), the comparison is constant-time, and
 *       key bytes never leave the node layer. Basic is accepted for identities served by this node only.</li>
 * </ul>
 * Authentication needs TLS: over plain HTTP an {@code Authorization} header, the Sessions API and anything needing an
 * identity are refused with 403 unless {@code http.allowAuthOverPlainHttp}. Every refusal writes one
 * {@code idnode.security} line (identity, source, request, reason — never a secret) and counts against the source's
 * failed-authentication budget ({@link FailedAuthLimiter}); past it, answers are refused unchecked with 429.
 */
final class HttpAuthentication {
    private static final Logger security = LoggerFactory.getLogger("idnode.security");
    static final String SERVER_ALG = "SHA256";
    /** Where the router keeps this object for {@link RestReply} (an RC 402 answer is a challenge). */
    static final String KEY = "idnode.rest.authentication";

    private final Supplier<Node> node;
    private final Supplier<Authenticator> authenticator;
    private final HttpSessions sessions;
    private final FailedAuthLimiter failures;
    private final PrivateKey siteKey;
    private final boolean allowPlainHttp;
    private final IntSupplier httpsPort;
    private final Blocking blocking;

    HttpAuthentication(Supplier<Node> node, Supplier<Authenticator> authenticator, HttpSessions sessions,
                       FailedAuthLimiter failures, PrivateKey siteKey, boolean allowPlainHttp, IntSupplier httpsPort,
                       Blocking blocking) {
        this.node = node;
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.failures = failures;
        this.siteKey = siteKey;
        this.allowPlainHttp = allowPlainHttp;
        this.httpsPort = httpsPort;
        this.blocking = blocking;
    }

    HttpSessions sessions() {
        return sessions;
    }

    /** Router step for {@code /api/*}: puts the {@link RestCaller} in the context and continues, or answers. */
    void establish(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        Optional<HttpCredentials> credentials = HttpCredentials.parse(header);
        if (credentials.isEmpty()) {
            ctx.put(RestCaller.KEY, RestCaller.anonymous(ctx, Optional.empty()));
            ctx.next();
            return;
        }
        HttpCredentials c = credentials.get();
        if (!secureEnough(ctx)) {
            refusePlainHttp(ctx, c instanceof HttpCredentials.Basic b ? b.identity().toString()
                    : c instanceof HttpCredentials.Handle h ? h.get("id").orElse("?") : "?");
            return;
        }
        if (c instanceof HttpCredentials.Malformed m) {
            failed(ctx, Optional.empty(), "?", m.reason(), m.reason());
        } else if (c instanceof HttpCredentials.Basic basic) {
            verifyBasic(ctx, basic, id -> proceed(ctx, id, Optional.empty()), r -> failed(ctx, Optional.empty(),
                    basic.identity().toString(), r.message(), r.message()));
        } else {
            handleScheme(ctx, (HttpCredentials.Handle) c, header);
        }
    }

    private void handleScheme(RoutingContext ctx, HttpCredentials.Handle h, String header) {
        Optional<String> sessionId = h.get("sessionId");
        Optional<HttpSessions.Session> session = sessionId.flatMap(sessions::get);
        if (sessionId.isPresent() && session.isEmpty()) {
            failed(ctx, Optional.empty(), h.get("id").orElse("?"), "unknown or expired session",
                    "unknown or expired sessionId; authenticate again with the new challenge");
            return;
        }
        if (h.authenticating()) {
            if (session.isEmpty()) {
                failed(ctx, Optional.empty(), h.get("id").orElse("?"), "answer without a sessionId",
                        "answer the challenge with the sessionId and nonce it was issued with");
                return;
            }
            Optional<ValueReference> known = session.get().seenBefore(header);
            if (known.isPresent()) {
                proceed(ctx, known.get(), session);
                return;
            }
            verifyAnswer(ctx, h, session.get(), id -> {
                session.get().authenticated(id, header);
                proceed(ctx, id, session);
            }, r -> failed(ctx, session, h.get("id").orElse("?"), r.message(), r.message()));
            return;
        }
        if (h.wantsServerProof()) {
            HttpSessions.Session s = session.orElseGet(sessions::create);
            serverProof(ctx, s, h.get("cnonce").orElseThrow(), proof -> {
                ctx.response().putHeader("WWW-Authenticate", challengeHeader(s, s.nonce(), proof, null));
                proceed(ctx, s.identity(), Optional.of(s));
            });
            return;
        }
        proceed(ctx, session.flatMap(HttpSessions.Session::identity), session);
    }

    private void proceed(RoutingContext ctx, ValueReference id, Optional<HttpSessions.Session> session) {
        proceed(ctx, Optional.of(id), session);
    }

    private void proceed(RoutingContext ctx, Optional<ValueReference> id, Optional<HttpSessions.Session> session) {
        ctx.put(RestCaller.KEY, new RestCaller(new Caller(id, RestCaller.remote(ctx), RestCaller.SURFACE), session));
        ctx.next();
    }

    // ---------------------------------------------------------------- verification (on the business executor)

    /** Why a proof was refused; {@code badRequest} when it could not even be checked (malformed, unknown alg). */
    record Refusal(String message, boolean badRequest) {}

    /** Basic: the identity must be served here; the password is checked as an HS_SECKEY. */
    void verifyBasic(RoutingContext ctx, HttpCredentials.Basic basic, Consumer<ValueReference> ok,
                     Consumer<Refusal> refused) {
        if (rateLimited(ctx, basic.identity().toString())) {
            return;
        }
        ValueReference claimed = basic.identity();
        blocking.run(ctx, () -> {
            if (!node.get().responsibility().isMine(claimed.handle())) {
                return Result.refused("identity " + claimed + " is not served by this node (Basic authentication "
                        + "accepts local identities only)", false);
            }
            if (basic.password().length == 0) {
                return Result.refused("authentication of " + claimed + " failed: empty secret key", false);
            }
            byte[] nonce = HttpSessions.nonce();
            byte[] data = HttpSessions.nonce();
            ByteString answer = ChallengeAnswers.secretKeyAnswer(basic.password(),
                    SecretKeyAnswer.Algorithm.SHA256.code(), nonce, data);
            return authenticate(new ChallengeAnswerRequest(ChallengeAnswerRequest.HS_SECKEY, claimed.handle(),
                    claimed.index(), answer), nonce, data, "the secret key does not match");
        }, r -> r.deliver(ok, refused), e -> refused.accept(new Refusal(e.getMessage(), false)));
    }

    /** {@code Authorization: Handle} (or the same fields in a Sessions API body), against the session's nonce. */
    void verifyAnswer(RoutingContext ctx, HttpCredentials.Handle h, HttpSessions.Session session,
                      Consumer<ValueReference> ok, Consumer<Refusal> refused) {
        if (rateLimited(ctx, h.get("id").orElse("?"))) {
            return;
        }
        verify(ctx, h, session.takeNonce(), ok, refused);
    }

    /** Checks the answer in {@code h} (id, type, cnonce, alg, signature[, salt, iterations, length]) for a nonce. */
    void verify(RoutingContext ctx, HttpCredentials.Handle h, byte[] nonce, Consumer<ValueReference> ok,
                Consumer<Refusal> refused) {
        ChallengeAnswerRequest answer;
        byte[] cnonce;
        try {
            for (String required : new String[] {"id", "type", "cnonce", "alg", "signature"}) {
                if (h.get(required).isEmpty()) {
                    throw new IllegalArgumentException("missing \"" + required + "\" in the authentication data");
                }
            }
            ValueReference id = HttpCredentials.identity(h.get("id").orElseThrow()).orElseThrow(() ->
                    new IllegalArgumentException("\"id\" must be index:handle"));
            cnonce = base64(h, "cnonce");
            answer = new ChallengeAnswerRequest(ByteString.utf8(h.get("type").orElseThrow()), id.handle(), id.index(),
                    signedResponse(h));
        } catch (IllegalArgumentException e) {
            refused.accept(new Refusal(e.getMessage(), true));
            return;
        }
        blocking.run(ctx, () -> authenticate(answer, nonce, cnonce, null), r -> r.deliver(ok, refused),
                e -> refused.accept(new Refusal(e.getMessage(), false)));
    }

    /** The binary answer the HTTP fields stand for (CNRI: {@code constructSignedResponse}). */
    private static ByteString signedResponse(HttpCredentials.Handle h) {
        String type = h.get("type").orElseThrow();
        String alg = h.get("alg").orElseThrow();
        byte[] signature = base64(h, "signature");
        if (type.equals("HS_PUBKEY")) {
            String hash = switch (alg.toUpperCase(Locale.ROOT)) {
                case "SHA" -> "SHA1";
                case "SHA2", "SHA-2" -> "SHA256";
                default -> alg;
            };
            return new WireWriter(signature.length + 32).writeBytes(ByteString.utf8(hash))
                    .writeBytes(ByteString.wrap(signature)).toByteString();
        }
        if (type.equals("HS_SECKEY")) {
            try {
                int iterations = h.get("iterations").map(HttpAuthentication::integer).orElse(0);
                int length = h.get("length").map(HttpAuthentication::integer).orElse(0);
                ByteString salt = h.get("salt").isPresent() ? ByteString.wrap(base64(h, "salt")) : ByteString.EMPTY;
                return SecretKeyAnswer.http(alg, ByteString.wrap(signature), salt, iterations, length).encode();
            } catch (ChallengeAnswerException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
        throw new IllegalArgumentException("unknown authentication type (use HS_PUBKEY or HS_SECKEY)");
    }

    private static int integer(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer: " + (s.length() > 16 ? s.substring(0, 16) : s));
        }
    }

    static byte[] base64(HttpCredentials.Handle h, String name) {
        try {
            return Base64.getMimeDecoder().decode(h.get(name).orElseThrow());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + name + "\" is not Base64");
        }
    }

    /** Runs on the executor. */
    private Result authenticate(ChallengeAnswerRequest answer, byte[] nonce, byte[] data, String mismatch) {
        try {
            return Result.ok(authenticator.get().authenticate(answer, nonce, data, node.get().records()::get));
        } catch (HandleException e) {
            String why = e.getMessage();
            if (mismatch != null && why != null && why.endsWith("the answer does not verify")) {
                why = why.substring(0, why.length() - "the answer does not verify".length()) + mismatch;
            }
            return Result.refused(why, e.responseCode().code() != ResponseCode.AUTHENTICATION_FAILED.code());
        }
    }

    private record Result(Optional<ValueReference> identity, Refusal refusal) {
        static Result ok(ValueReference id) {
            return new Result(Optional.of(id), null);
        }

        static Result refused(String why, boolean badRequest) {
            return new Result(Optional.empty(), new Refusal(why, badRequest));
        }

        void deliver(Consumer<ValueReference> ok, Consumer<Refusal> refused) {
            identity.ifPresentOrElse(ok, () -> refused.accept(refusal));
        }
    }

    /** Server proof: the site key's signature over nonce ‖ cnonce (cached per session, nonce and cnonce). */
    void serverProof(RoutingContext ctx, HttpSessions.Session s, String cnonceText, Consumer<byte[]> then) {
        byte[] cnonce;
        try {
            cnonce = Base64.getMimeDecoder().decode(cnonceText);
        } catch (IllegalArgumentException e) {
            RestReply.error(ctx, 400, 4, "\"cnonce\" is not Base64");
            return;
        }
        Optional<byte[]> cached = s.proof(cnonce);
        if (cached.isPresent()) {
            then.accept(cached.get());
            return;
        }
        byte[] nonce = s.nonce();
        blocking.run(ctx, () -> {
            try {
                byte[] sig = ChallengeAnswers.signHttp(siteKey, SERVER_ALG, ByteString.EMPTY, nonce, cnonce);
                s.proof(nonce, cnonce, sig);
                return sig;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign with the site key", e);
            }
        }, then, e -> RestReply.error(ctx, e, null));
    }

    // ---------------------------------------------------------------- refusals and challenges

    boolean secureEnough(RoutingContext ctx) {
        return allowPlainHttp || ctx.request().isSSL();
    }

    void refusePlainHttp(RoutingContext ctx, String who) {
        securityLog(ctx, who, "authentication attempted over plain HTTP");
        RestReply.error(ctx, 403, ResponseCode.AUTHENTICATION_NEEDED.code(), "authentication is accepted over HTTPS "
                + "only" + (httpsPort.getAsInt() > 0 ? " (port " + httpsPort.getAsInt() + ")" : ""));
    }

    boolean rateLimited(RoutingContext ctx, String who) {
        String source = RestCaller.remote(ctx);
        if (!failures.blocked(source)) {
            return false;
        }
        securityLog(ctx, who, "rate limited");
        ctx.response().putHeader("Retry-After", "60");
        RestReply.error(ctx, 429, ResponseCode.AUTHENTICATION_FAILED.code(),
                "too many failed authentications from " + source + "; try again in a minute");
        return true;
    }

    /** A refused proof: counted, logged, answered 401 with a fresh challenge (the session's, if it has one). */
    void failed(RoutingContext ctx, Optional<HttpSessions.Session> session, String who, String logReason,
                String clientMessage) {
        recordFailure(ctx, who, logReason);
        ObjectNode body = RestReply.F.objectNode().put("responseCode", ResponseCode.AUTHENTICATION_FAILED.code())
                .put("message", clientMessage);
        challenge(ctx, session, body, clientMessage);
    }

    /**
     * Answers "authentication needed" (RC 402): 401 with {@code WWW-Authenticate: Handle sessionId, nonce} (plus
     * {@code Basic realm="handle"} for non-XHR clients, as CNRI), or 403 where authentication is not accepted.
     */
    void needed(RoutingContext ctx, ObjectNode body) {
        if (!secureEnough(ctx)) {
            body.put("message", body.path("message").asText("authentication required")
                    + "; authentication is accepted over HTTPS only"
                    + (httpsPort.getAsInt() > 0 ? " (port " + httpsPort.getAsInt() + ")" : ""));
            RestReply.json(ctx, 403, body);
            return;
        }
        challenge(ctx, RestCaller.of(ctx).session(), body, null);
    }

    private void challenge(RoutingContext ctx, Optional<HttpSessions.Session> session, ObjectNode body, String error) {
        HttpSessions.Session s = session.orElseGet(sessions::create);
        if (!"XMLHttpRequest".equals(ctx.request().getHeader("X-Requested-With"))) {
            ctx.response().headers().add("WWW-Authenticate", "Basic realm=\"handle\"");
        }
        ctx.response().headers().add("WWW-Authenticate", challengeHeader(s, s.nonce(), null, error));
        RestReply.json(ctx, 401, body);
    }

    static String challengeHeader(HttpSessions.Session s, byte[] nonce, byte[] proof, String error) {
        StringBuilder b = new StringBuilder("Handle sessionId=\"").append(s.id).append("\", nonce=\"")
                .append(Base64.getEncoder().encodeToString(nonce)).append('"');
        if (proof != null) {
            b.append(", serverAlg=\"").append(SERVER_ALG).append("\", serverSignature=\"")
                    .append(Base64.getEncoder().encodeToString(proof)).append('"');
        }
        if (error != null) {
            b.append(", error=\"").append(headerSafe(error)).append('"');
        }
        return b.toString();
    }

    /** Printable ASCII without quotes or backslashes: safe inside a quoted header value. */
    private static String headerSafe(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 200));
        for (int i = 0; i < s.length() && b.length() < 200; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? c : '_');
        }
        return b.toString();
    }

    /** Counts a failed proof against its source and logs it. */
    void recordFailure(RoutingContext ctx, String who, String reason) {
        failures.failed(RestCaller.remote(ctx));
        securityLog(ctx, who, reason);
    }

    void securityLog(RoutingContext ctx, String who, String reason) {
        node.get().metrics().rejected(RestCaller.SURFACE, "authentication");
        security.warn("refused: identity={} request={} {} source={} surface={} reason={}", headerSafe(who),
                ctx.request().method(), headerSafe(ctx.request().path()), RestCaller.remote(ctx),
                ctx.request().isSSL() ? "rest-https" : "rest-http", reason);
    }
}
