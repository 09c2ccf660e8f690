package cn.idnode.server.http;

import cn.idnode.node.Node;
import cn.idnode.node.op.Caller;
import cn.idnode.protocol.ByteString;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /api/prefixes} (handle-protocol.md §20.1, §20.4): list (list-homed-prefixes, or the public table when
 * {@code http.publicPrefixList}), home (POST, home-prefix) and unhome (DELETE, unhome-prefix). The prefix comes from
 * {@code ?prefix=}, the path {@code /api/prefixes/P} or a JSON body {@code {"prefix":"P"}}; both {@code P} and
 * {@code 0.NA/P} are accepted, as the operations accept them.
 */
final class PrefixApi {
    static final String PATH = "/api/prefixes";

    private final Supplier<Node> node;
    private final Blocking blocking;
    private final boolean publicList;

    PrefixApi(Supplier<Node> node, Blocking blocking, boolean publicList) {
        this.node = node;
        this.blocking = blocking;
        this.publicList = publicList;
    }

    void list(RoutingContext ctx) {
        Node n = node.get();
        Paging paging = Paging.of(ctx);
        if (publicList) {
            n.prefixes().list().forEach(p -> paging.add(p.utf8()));
            RestReply.json(ctx, 200, paging.toJson("prefixes"));
            return;
        }
        Caller caller = RestCaller.of(ctx).caller();
        blocking.run(ctx, () -> n.runner().run(n.admin().listHomedPrefixes(), null, caller), (List<ByteString> all) -> {
            all.forEach(p -> paging.add(p.utf8()));
            RestReply.json(ctx, 200, paging.toJson("prefixes"));
        }, e -> RestReply.error(ctx, e, null));
    }

    void home(RoutingContext ctx) {
        change(ctx, true);
    }

    void unhome(RoutingContext ctx) {
        change(ctx, false);
    }

    private void change(RoutingContext ctx, boolean homing) {
        String path = ctx.request().path();
        String rest = path.length() > PATH.length() + 1 ? path.substring(PATH.length() + 1) : "";
        Optional<String> prefix;
        try {
            prefix = WriteRequests.prefix(ctx.request().getParam("prefix"), rest,
                    ctx.request().getHeader("Content-Type"), ctx.body() == null ? null : ctx.body().buffer());
        } catch (JsonInputException e) {
            RestReply.error(ctx, 400, 4, e.getMessage());
            return;
        }
        if (prefix.isEmpty()) {
            RestReply.error(ctx, 400, 4, "no prefix given: use ?prefix=P, " + PATH + "/P or {\"prefix\":\"P\"}");
            return;
        }
        Node n = node.get();
        Caller caller = RestCaller.of(ctx).caller();
        String p = prefix.get();
        blocking.run(ctx, () -> n.runner().run(homing ? n.admin().homePrefix() : n.admin().unhomePrefix(),
                        ByteString.utf8(p), caller),
                ok -> RestReply.json(ctx, 200, RestReply.F.objectNode().put("responseCode", 1).put("handle", p)),
                e -> RestReply.error(ctx, e, p));
    }
}
