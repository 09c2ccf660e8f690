package cn.idnode.server.http;

import cn.idnode.node.Node;
import cn.idnode.node.error.HandleException;
import cn.idnode.node.error.ValuesNotFoundException;
import cn.idnode.node.op.Caller;
import cn.idnode.node.op.Resolution;
import cn.idnode.node.op.ResolveQuery;
import cn.idnode.protocol.ByteString;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The read side of the Handle.Net-compatible REST API (handle-protocol.md §20.2): {@code /api/handles/{h}} and
 * {@code /api/site}. Each call becomes the same operation the binary protocol runs, as the request's
 * {@link RestCaller}.
 */
final class HandleRestApi {
    static final String HANDLES_PATH = "/api/handles/";

    private final Supplier<Node> node;
    private final Blocking blocking;

    HandleRestApi(Supplier<Node> node, Blocking blocking) {
        this.node = node;
        this.blocking = blocking;
    }

    void resolve(RoutingContext ctx) {
        Optional<String> named = handleInPath(ctx);
        if (named.isEmpty()) {
            return;
        }
        String handle = named.get();
        List<Integer> indexes = new ArrayList<>();
        for (String s : ctx.queryParam("index")) {
            try {
                indexes.add(Integer.parseInt(s.trim()));
            } catch (NumberFormatException e) {
                RestReply.error(ctx, 400, 4, "index must be an integer: " + s);
                return;
            }
        }
        List<ByteString> types = ctx.queryParam("type").stream().map(ByteString::utf8).toList();
        Caller caller = RestCaller.of(ctx).caller();
        // §20.2: publicOnly defaults to true for anonymous callers and to false for authenticated ones
        boolean publicOnly = RestReply.flagPresent(ctx, "publicOnly") ? RestReply.flag(ctx, "publicOnly")
                : !caller.isAuthenticated();
        ResolveQuery q = new ResolveQuery(ByteString.utf8(handle), indexes, types, publicOnly,
                RestReply.flag(ctx, "doNotRefer"));
        Node n = node.get();
        try {
            Optional<Resolution> fast = n.runner().tryWithoutBlocking(n.resolve(), q, caller);
            if (fast.isPresent()) {
                respondResolution(ctx, fast.get());
                return;
            }
        } catch (HandleException e) {
            resolutionError(ctx, e, handle);
            return;
        }
        blocking.run(ctx, () -> n.runner().run(n.resolve(), q, caller), r -> respondResolution(ctx, r),
                e -> resolutionError(ctx, e, handle));
    }

    private static void respondResolution(RoutingContext ctx, Resolution r) {
        ObjectNode body = RestReply.F.objectNode();
        body.put("responseCode", 1);
        body.put("handle", r.handle().utf8());
        body.set("values", RestReply.values(r.values().decode()));
        RestReply.json(ctx, 200, body);
    }

    private static void resolutionError(RoutingContext ctx, HandleException e, String handle) {
        if (e instanceof ValuesNotFoundException) {
            ObjectNode body = RestReply.F.objectNode().put("responseCode", 200).put("handle", handle);
            body.putArray("values");
            RestReply.json(ctx, 200, body);
            return;
        }
        RestReply.error(ctx, e, handle);
    }

    void site(RoutingContext ctx) {
        ObjectNode body = RestReply.F.objectNode().put("responseCode", 1);
        body.set("site", SiteJson.toJson(node.get().site().current()));
        RestReply.json(ctx, 200, body);
    }

    /**
     * The percent-decoded handle after {@code /api/handles/}; empty when the path names none (then answered: 405 for
     * {@code /api/handles} itself, which a {@code /api/handles/*} route also matches, 400 for an empty handle).
     */
    static Optional<String> handleInPath(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path.length() < HANDLES_PATH.length()) {
            RestReply.error(ctx, 405, 4, "method " + ctx.request().method() + " is not allowed on " + path);
            return Optional.empty();
        }
        String handle = PercentDecoder.decode(path.substring(HANDLES_PATH.length()));
        if (handle.isEmpty()) {
            RestReply.error(ctx, 400, 4, "no handle in the path: /api/handles/{handle}");
            return Optional.empty();
        }
        return Optional.of(handle);
    }
}
