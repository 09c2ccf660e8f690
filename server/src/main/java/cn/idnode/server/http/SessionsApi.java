package cn.idnode.server.http;

import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.ValueReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Sessions API (handle-protocol.md §20.7), HTTPS only:
 * <pre>
 *   POST   /api/sessions        new session {sessionId, nonce[, serverAlg, serverSignature]}; Basic authenticates it
 *   GET    /api/sessions/this   the session named by Authorization: Handle sessionId="…"
 *   PUT    /api/sessions/this   authenticate it: Handle answer in the header or a JSON body, or {sessionId} + Basic
 *   DELETE /api/sessions/this   end it (204)
 * </pre>
 * Answers carry {@code authenticated} (and {@code id}) always; a refused answer is 401 with {@code error} and a fresh
 * nonce. An unknown or expired session is 403 (as CNRI).
 */
final class SessionsApi {
    static final String PATH = "/api/sessions";

    private final HttpAuthentication auth;

    SessionsApi(HttpAuthentication auth) {
        this.auth = auth;
    }

    void create(RoutingContext ctx) {
        Optional<Request> req = request(ctx);
        if (req.isEmpty()) {
            return;
        }
        Request r = req.get();
        if (r.params.get("sessionId").isPresent()) {
            RestReply.error(ctx, 400, 4, "POST " + PATH + " makes a new session; use " + PATH
                    + "/this for an existing one");
            return;
        }
        HttpSessions.Session s = auth.sessions().create();
        ctx.response().putHeader("Location", PATH + "/this");
        if (r.basic.isPresent()) {
            auth.verifyBasic(ctx, r.basic.get(), id -> {
                s.authenticated(id, r.header);
                reply(ctx, 201, s, r, null);
            }, refusal -> {
                auth.recordFailure(ctx, r.basic.get().identity().toString(), refusal.message());
                reply(ctx, 201, s, r, refusal.message());
            });
        } else if (r.params.authenticating()) {
            reply(ctx, 201, s, r, "a new session has a new nonce: answer it with PUT " + PATH + "/this");
        } else {
            reply(ctx, 201, s, r, null);
        }
    }

    /** GET and PUT: show the session, authenticating it first if the request carries an answer. */
    void current(RoutingContext ctx) {
        Optional<Request> req = request(ctx);
        if (req.isEmpty()) {
            return;
        }
        Request r = req.get();
        Optional<HttpSessions.Session> found = r.params.get("sessionId").flatMap(auth.sessions()::get);
        if (found.isEmpty()) {
            unknown(ctx, r);
            return;
        }
        HttpSessions.Session s = found.get();
        if (r.basic.isPresent()) {
            auth.verifyBasic(ctx, r.basic.get(), id -> {
                s.authenticated(id, r.header);
                reply(ctx, 200, s, r, null);
            }, refusal -> refused(ctx, s, r, r.basic.get().identity().toString(), refusal));
            return;
        }
        if (r.params.authenticating()) {
            if (s.seenBefore(r.header).isPresent()) {
                reply(ctx, 200, s, r, null);
                return;
            }
            auth.verifyAnswer(ctx, r.params, s, id -> {
                s.authenticated(id, r.header);
                reply(ctx, 200, s, r, null);
            }, refusal -> refused(ctx, s, r, r.params.get("id").orElse("?"), refusal));
            return;
        }
        reply(ctx, 200, s, r, null);
    }

    void delete(RoutingContext ctx) {
        Optional<Request> req = request(ctx);
        if (req.isEmpty()) {
            return;
        }
        Optional<HttpSessions.Session> found = req.get().params.get("sessionId").flatMap(auth.sessions()::get);
        if (found.isEmpty()) {
            unknown(ctx, req.get());
            return;
        }
        auth.sessions().remove(found.get());
        ctx.response().setStatusCode(204).end();
    }

    private void unknown(RoutingContext ctx, Request r) {
        auth.securityLog(ctx, r.params.get("id").orElse("?"), "unknown or expired session");
        RestReply.error(ctx, 403, ResponseCode.SESSION_TIMEOUT.code(), "unknown or expired session: name a live "
                + "session with Authorization: Handle sessionId=\"…\" (POST " + PATH + " makes one)");
    }

    private void refused(RoutingContext ctx, HttpSessions.Session s, Request r, String who,
                         HttpAuthentication.Refusal refusal) {
        auth.recordFailure(ctx, who, refusal.message());
        reply(ctx, 401, s, r, refusal.message());
    }

    private void reply(RoutingContext ctx, int status, HttpSessions.Session s, Request r, String error) {
        Optional<String> cnonce = r.params.wantsServerProof() ? r.params.get("cnonce") : Optional.empty();
        if (cnonce.isPresent()) {
            auth.serverProof(ctx, s, cnonce.get(), proof -> RestReply.json(ctx, status, body(s, proof, error)));
        } else {
            RestReply.json(ctx, status, body(s, null, error));
        }
    }

    private static ObjectNode body(HttpSessions.Session s, byte[] proof, String error) {
        ObjectNode o = RestReply.F.objectNode();
        if (error != null) {
            o.put("responseCode", ResponseCode.AUTHENTICATION_FAILED.code()).put("message", error);
        }
        o.put("sessionId", s.id).put("nonce", Base64.getEncoder().encodeToString(s.nonce()));
        if (proof != null) {
            o.put("serverAlg", HttpAuthentication.SERVER_ALG)
                    .put("serverSignature", Base64.getEncoder().encodeToString(proof));
        }
        Optional<ValueReference> id = s.identity();
        o.put("authenticated", id.isPresent());
        id.ifPresent(v -> o.put("id", v.toString()));
        if (error != null) {
            o.put("error", error);
        }
        return o;
    }

    /** The Authorization header and the JSON body's fields (header first), or empty when already answered. */
    private Optional<Request> request(RoutingContext ctx) {
        if (!auth.secureEnough(ctx)) {
            auth.refusePlainHttp(ctx, "?");
            return Optional.empty();
        }
        String header = ctx.request().getHeader("Authorization");
        Optional<HttpCredentials> credentials = HttpCredentials.parse(header);
        if (credentials.isPresent() && credentials.get() instanceof HttpCredentials.Malformed m) {
            auth.recordFailure(ctx, "?", m.reason());
            RestReply.error(ctx, 400, 4, m.reason());
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        var body = ctx.body() == null ? null : ctx.body().buffer();
        if (body != null && body.length() > 0) {
            if (!WriteRequests.isJson(ctx.request().getHeader("Content-Type"))) {
                RestReply.error(ctx, 400, 4, "Content-Type must be application/json");
                return Optional.empty();
            }
            try {
                JsonNode json = WriteRequests.parse(body);
                if (!json.isObject()) {
                    throw new JsonInputException("the body must be a JSON object");
                }
                json.fields().forEachRemaining(e -> {
                    if (e.getValue().isValueNode()) {
                        fields.put(e.getKey(), e.getValue().asText());
                    }
                });
            } catch (JsonInputException e) {
                RestReply.error(ctx, 400, 4, e.getMessage());
                return Optional.empty();
            }
        }
        HttpCredentials.Handle params = credentials.filter(HttpCredentials.Handle.class::isInstance)
                .map(HttpCredentials.Handle.class::cast).orElse(new HttpCredentials.Handle(Map.of())).with(fields);
        Optional<HttpCredentials.Basic> basic = credentials.filter(HttpCredentials.Basic.class::isInstance)
                .map(HttpCredentials.Basic.class::cast);
        return Optional.of(new Request(header, params, basic));
    }

    private record Request(String header, HttpCredentials.Handle params, Optional<HttpCredentials.Basic> basic) {}
}
