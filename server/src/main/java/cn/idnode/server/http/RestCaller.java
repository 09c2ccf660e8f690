package cn.idnode.server.http;

import cn.idnode.node.op.Caller;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Who a REST request is from, decided once by {@link HttpAuthentication} before any endpoint runs and kept in the
 * routing context: the node-layer {@link Caller} (identity and source) and the HTTP session the request named.
 */
record RestCaller(Caller caller, Optional<HttpSessions.Session> session) {
    static final String KEY = "idnode.rest.caller";
    static final String SURFACE = "rest";

    static RestCaller of(RoutingContext ctx) {
        RestCaller c = ctx.get(KEY);
        return c != null ? c : anonymous(ctx, Optional.empty());
    }

    static RestCaller anonymous(RoutingContext ctx, Optional<HttpSessions.Session> session) {
        return new RestCaller(Caller.anonymous(remote(ctx), SURFACE), session);
    }

    static String remote(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }

    boolean authenticated() {
        return caller.isAuthenticated();
    }
}
