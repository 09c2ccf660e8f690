package cn.idnode.server.http;

import cn.idnode.node.Node;
import cn.idnode.node.error.HandleException;
import cn.idnode.node.error.ValuesNotFoundException;
import cn.idnode.node.op.Caller;
import cn.idnode.node.op.Resolution;
import cn.idnode.node.op.ResolveQuery;
import cn.idnode.protocol.ByteString;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side of the Handle.Net-compatible REST API (handle-protocol.md §20.2, §20.4): {@code /api/handles/{h}},
 * {@code /api/site}, {@code /api/prefixes}. Each call becomes the same operation the binary protocol runs.
 */
final class HandleRestApi {
    private static final Logger log = LoggerFactory.getLogger(HandleRestApi.class);
    static final String HANDLES_PATH = "/api/handles/";

    private final Supplier<Node> node;
    private final Executor executor;
    private final boolean publicPrefixList;

    HandleRestApi(Supplier<Node> node, Executor executor, boolean publicPrefixList) {
        this.node = node;
        this.executor = executor;
        this.publicPrefixList = publicPrefixList;
    }

    void resolve(RoutingContext ctx) {
        String raw = ctx.request().path().substring(HANDLES_PATH.length());
        String handle = PercentDecoder.decode(raw);
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
        boolean publicOnly = !RestReply.flagPresent(ctx, "publicOnly") || RestReply.flag(ctx, "publicOnly");
        ResolveQuery q = new ResolveQuery(ByteString.utf8(handle), indexes, types, publicOnly,
                RestReply.flag(ctx, "doNotRefer"));
        Caller caller = caller(ctx);
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
        offload(ctx, () -> n.runner().run(n.resolve(), q, caller), r -> respondResolution(ctx, r),
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

    /** Homed prefixes ({@code 0.NA/...} entries), paged like CNRI: zero-based page, pageSize 0 = count only. */
    void prefixes(RoutingContext ctx) {
        if (!publicPrefixList) {
            RestReply.error(ctx, 401, 402, "listing prefixes requires an authenticated server administrator");
            return;
        }
        List<ByteString> all = node.get().prefixes().list();
        int page = intParam(ctx, "page", -1);
        int pageSize = intParam(ctx, "pageSize", -1);
        List<ByteString> slice = all;
        if (page >= 0 && pageSize >= 0) {
            long from = Math.min((long) page * pageSize, all.size());
            long to = Math.min(from + pageSize, all.size());
            slice = all.subList((int) from, (int) to);
        }
        ObjectNode body = RestReply.F.objectNode().put("responseCode", 1).put("totalCount", Integer.toString(all.size()));
        if (page >= 0 && pageSize >= 0) {
            body.put("page", page).put("pageSize", pageSize);
        }
        ArrayNode list = body.putArray("prefixes");
        slice.forEach(p -> list.add(p.utf8()));
        RestReply.json(ctx, 200, body);
    }

    private static int intParam(RoutingContext ctx, String name, int absent) {
        String v = ctx.request().getParam(name);
        if (v == null || v.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return absent;
        }
    }

    static Caller caller(RoutingContext ctx) {
        return Caller.anonymous(ctx.request().remoteAddress().hostAddress(), "rest");
    }

    /** Runs blocking work on the business executor and answers on the request's Vert.x context. */
    private <T> void offload(RoutingContext ctx, Supplier<T> work, java.util.function.Consumer<T> onResult,
                             java.util.function.Consumer<HandleException> onError) {
        Context context = Vertx.currentContext();
        try {
            executor.execute(() -> {
                try {
                    T result = work.get();
                    context.runOnContext(v -> onResult.accept(result));
                } catch (HandleException e) {
                    context.runOnContext(v -> onError.accept(e));
                } catch (RuntimeException e) {
                    log.error("REST request {} failed", ctx.request().path(), e);
                    context.runOnContext(v -> RestReply.error(ctx, 500, 2, "internal server error"));
                }
            });
        } catch (RejectedExecutionException e) {
            RestReply.error(ctx, 503, 3, "server too busy, try again later");
        }
    }
}
