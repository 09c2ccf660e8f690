package cn.idnode.server.http;

import cn.idnode.node.Node;
import cn.idnode.node.error.NotResponsibleException;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleNames;
import cn.idnode.protocol.ValueReference;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /api/verifications/{index}:{handle}?nonce=&cnonce=&alg=&signature=[&salt=&iterations=&length=]}
 * (handle-protocol.md §20.1, the REST form of OC 201): another server or a browser asks whether an HS_SECKEY answer
 * over {@code nonce ‖ cnonce} is right for an identity served here. {@code index} may be a query parameter instead.
 * Answers {@code {"responseCode":1,"isValid":true|false}}. Needs no authentication, so it is an oracle for guessing
 * secret keys: every {@code false} counts against the asking address's failed-authentication budget, like a failed
 * login, and is logged to {@code idnode.security}.
 */
final class VerificationsApi {
    static final String PATH = "/api/verifications/";

    private final Supplier<Node> node;
    private final HttpAuthentication auth;

    VerificationsApi(Supplier<Node> node, HttpAuthentication auth) {
        this.node = node;
        this.auth = auth;
    }

    void verify(RoutingContext ctx) {
        String path = ctx.request().path();
        String target = path.length() > PATH.length() ? PercentDecoder.decode(path.substring(PATH.length())) : "";
        Optional<ValueReference> id = identity(target, ctx.queryParam("index"));
        if (id.isEmpty()) {
            RestReply.error(ctx, 400, 4, "name the identity as /api/verifications/{index}:{handle} or with one "
                    + "index parameter");
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : List.of("nonce", "cnonce", "alg", "signature", "salt", "iterations", "length")) {
            String v = ctx.request().getParam(name);
            if (v != null) {
                params.put(name, v);
            }
        }
        for (String required : List.of("nonce", "cnonce", "alg", "signature")) {
            if (!params.containsKey(required)) {
                RestReply.error(ctx, 400, 4, "missing parameter " + required);
                return;
            }
        }
        byte[] nonce;
        try {
            nonce = Base64.getMimeDecoder().decode(params.get("nonce"));
        } catch (IllegalArgumentException e) {
            RestReply.error(ctx, 400, 4, "\"nonce\" is not Base64");
            return;
        }
        ValueReference who = id.get();
        if (!node.get().responsibility().isMine(who.handle())) {
            RestReply.error(ctx, new NotResponsibleException("prefix " + HandleNames.prefix(who.handle()).utf8()
                    + " is not homed here"), who.handle().utf8());
            return;
        }
        if (auth.rateLimited(ctx, who.toString())) {
            return;
        }
        params.put("id", who.toString());
        params.put("type", "HS_SECKEY");
        auth.verify(ctx, new HttpCredentials.Handle(Map.of()).with(params), nonce, ok -> valid(ctx, true), refusal -> {
            if (refusal.badRequest()) {
                RestReply.error(ctx, 400, 4, refusal.message());
            } else {
                auth.recordFailure(ctx, who.toString(), "verification: " + refusal.message());
                valid(ctx, false);
            }
        });
    }

    /** {@code index:handle} in the path, or the handle with a single {@code index} parameter. */
    static Optional<ValueReference> identity(String target, List<String> indexParams) {
        int colon = target.indexOf(':');
        boolean indexed = colon > 0 && colon <= 9 && target.substring(0, colon).chars().allMatch(c -> c >= '0' && c <= '9');
        if (indexed == !indexParams.isEmpty() || indexParams.size() > 1) {
            return Optional.empty();
        }
        String handle = indexed ? target.substring(colon + 1) : target;
        String index = indexed ? target.substring(0, colon) : indexParams.get(0).trim();
        if (handle.isEmpty() || index.isEmpty() || index.length() > 9 || !index.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(new ValueReference(ByteString.utf8(handle), Integer.parseInt(index)));
    }

    private static void valid(RoutingContext ctx, boolean valid) {
        RestReply.json(ctx, 200, RestReply.F.objectNode().put("responseCode", 1).put("isValid", valid));
    }
}
