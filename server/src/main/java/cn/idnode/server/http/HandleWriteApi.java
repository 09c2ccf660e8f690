package cn.idnode.server.http;

import cn.idnode.node.Node;
import cn.idnode.node.op.Caller;
import cn.idnode.node.op.admin.CreateHandle;
import cn.idnode.node.op.admin.ListHandles;
import cn.idnode.node.op.admin.RemoveValues;
import cn.idnode.node.op.admin.ValueChange;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The write side and the handle listing of the REST API (handle-protocol.md §20.3–§20.4), each a thin mapping onto one
 * node operation run as the request's {@link RestCaller}:
 * <pre>
 *   PUT    /api/handles/{h}                     create-handle (overwrite unless overwrite=false; mintNewSuffix)
 *   PUT    /api/handles/{h}?index=N…|various    add-value (overwriting unless overwrite=false)
 *   DELETE /api/handles/{h}                     delete-handle
 *   DELETE /api/handles/{h}?index=N…            remove-value
 *   GET    /api/handles?prefix=P                list-handles, paged
 * </pre>
 * HTTP 201 when something new was created (no record or value was replaced), 200 otherwise. Validation, permissions
 * and storage are the operations' — this class only reads the request and writes the answer.
 */
final class HandleWriteApi {
    /** Handles fetched per list-handles call while counting a listing. */
    static final int LIST_CHUNK = 10_000;

    private final Supplier<Node> node;
    private final Blocking blocking;

    HandleWriteApi(Supplier<Node> node, Blocking blocking) {
        this.node = node;
        this.blocking = blocking;
    }

    void put(RoutingContext ctx) {
        Optional<String> named = HandleRestApi.handleInPath(ctx);
        if (named.isEmpty()) {
            return;
        }
        String handle = named.get();
        Caller caller = RestCaller.of(ctx).caller();
        Node n = node.get();
        List<HandleValue> values;
        Optional<Set<Integer>> indexes;
        try {
            if (!WriteRequests.isJson(ctx.request().getHeader("Content-Type"))) {
                throw new JsonInputException("Content-Type must be application/json");
            }
            JsonNode body = WriteRequests.parse(ctx.body().buffer());
            values = WriteRequests.values(body, handle, (int) (n.clock().millis() / 1000));
            indexes = WriteRequests.indexes(ctx.queryParam("index"));
            if (indexes.isPresent() && !indexes.get().isEmpty()) {
                WriteRequests.requireSameIndexes(indexes.get(), values);
            }
        } catch (JsonInputException e) {
            RestReply.error(ctx, 400, 4, e.getMessage());
            return;
        }
        boolean overwrite = !RestReply.flagPresent(ctx, "overwrite") || RestReply.flag(ctx, "overwrite");
        boolean mint = RestReply.flag(ctx, "mintNewSuffix");
        ByteString h = ByteString.utf8(handle);
        if (indexes.isEmpty()) {
            blocking.run(ctx, () -> n.runner().run(n.admin().create(), new CreateHandle(h, values, overwrite, mint),
                            caller),
                    r -> done(ctx, r.overwritten() ? 200 : 201, r.handle().utf8()),
                    e -> RestReply.error(ctx, e, handle));
        } else if (mint) {
            RestReply.error(ctx, 400, 4, "mintNewSuffix creates a whole record; it cannot be combined with index");
        } else {
            blocking.run(ctx, () -> n.runner().run(n.admin().addValues(), new ValueChange(h, values, overwrite),
                            caller),
                    overwrote -> done(ctx, overwrote ? 200 : 201, handle),
                    e -> RestReply.error(ctx, e, handle));
        }
    }

    void delete(RoutingContext ctx) {
        Optional<String> named = HandleRestApi.handleInPath(ctx);
        if (named.isEmpty()) {
            return;
        }
        String handle = named.get();
        Caller caller = RestCaller.of(ctx).caller();
        Node n = node.get();
        ByteString h = ByteString.utf8(handle);
        List<String> params = ctx.queryParam("index");
        if (params.isEmpty()) {
            blocking.run(ctx, () -> n.runner().run(n.admin().delete(), h, caller), ok -> done(ctx, 200, handle),
                    e -> RestReply.error(ctx, e, handle));
            return;
        }
        List<Integer> indexes;
        try {
            indexes = new ArrayList<>(WriteRequests.numbers(params));
        } catch (JsonInputException e) {
            RestReply.error(ctx, 400, 4, e.getMessage());
            return;
        }
        blocking.run(ctx, () -> n.runner().run(n.admin().removeValues(), new RemoveValues(h, indexes), caller),
                ok -> done(ctx, 200, handle), e -> RestReply.error(ctx, e, handle));
    }

    /**
     * The handles under a prefix. Design note: the listing is read in chunks of {@value #LIST_CHUNK} through the
     * list-handles operation (each chunk re-checks LIST_HANDLES) and only the requested page is kept, so memory is one
     * chunk plus one page; {@code totalCount} still costs one pass over the prefix's keys (about a second per few
     * million handles), as in CNRI.
     */
    void list(RoutingContext ctx) {
        String prefix = ctx.request().getParam("prefix");
        if (prefix == null || prefix.isBlank()) {
            RestReply.error(ctx, 400, 4, "the prefix parameter is required: /api/handles?prefix=…");
            return;
        }
        Caller caller = RestCaller.of(ctx).caller();
        Node n = node.get();
        Paging paging = Paging.of(ctx);
        ByteString p = ByteString.utf8(prefix.trim());
        blocking.run(ctx, () -> {
            Optional<ByteString> after = Optional.empty();
            while (true) {
                ListHandles.Page page = n.runner().run(n.admin().listHandles(), new ListHandles(p, after, LIST_CHUNK),
                        caller);
                page.handles().forEach(x -> paging.add(x.utf8()));
                if (!page.more() || page.handles().isEmpty()) {
                    return paging;
                }
                after = Optional.of(page.handles().get(page.handles().size() - 1));
            }
        }, pg -> RestReply.json(ctx, 200, pg.fill(RestReply.F.objectNode().put("responseCode", 1)
                .put("prefix", prefix.trim()), "handles")), e -> RestReply.error(ctx, e, null));
    }

    private static void done(RoutingContext ctx, int status, String handle) {
        RestReply.json(ctx, status, RestReply.F.objectNode().put("responseCode", 1).put("handle", handle));
    }
}
