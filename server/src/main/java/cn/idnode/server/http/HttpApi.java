package cn.idnode.server.http;

import cn.idnode.node.Node;
import cn.idnode.protocol.Limits;
import cn.idnode.server.handle.HandleService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The HTTP port (CNRI: 8000): the Handle.Net REST API, the native Handle tunnel and the Prometheus metrics, on one
 * Vert.x router. Routes (the security table in docs/security-surface.md lists each with its authentication):
 * <pre>
 *   POST  /*                       Content-Type application/x-hdl-message: Handle tunnel
 *   GET   /api/handles/{handle}    resolution (HEAD too)
 *   GET   /api/site                this node's site record
 *   GET   /api/prefixes            homed prefixes
 *   *     /api/*                   404 / 405 in the REST error shape
 *   GET   /metrics                 Prometheus text format (if enabled)
 *   GET   /{handle}                302 to /api/handles/{handle}
 * </pre>
 * CORS on every path: any origin, no credentials, methods GET POST HEAD PUT DELETE, preflight cached 86 400 s.
 */
public final class HttpApi implements AutoCloseable {
    private static final Set<String> CORS_HEADERS =
            Set.of("X-Requested-With", "Authorization", "Origin", "Accept", "Content-Type");

    private final Vertx vertx;
    private final HttpServer server;

    public HttpApi(Vertx vertx, String bind, int port, int maxBodyBytes, boolean publicPrefixList,
                   Supplier<HandleService> service, Executor executor, Optional<PrometheusMeterRegistry> metrics) {
        this.vertx = vertx;
        Supplier<Node> node = () -> service.get().node();
        HandleRestApi rest = new HandleRestApi(node, executor, publicPrefixList);
        HandleTunnel tunnel = new HandleTunnel(service);
        Router router = Router.router(vertx);
        router.route().handler(CorsHandler.create()
                .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.HEAD, HttpMethod.PUT,
                        HttpMethod.DELETE))
                .allowedHeaders(CORS_HEADERS).maxAgeSeconds(86_400).allowCredentials(false));

        router.post().handler(ctx -> {
            if (HandleTunnel.isTunnelRequest(ctx)) {
                ctx.next();
            } else if (ctx.request().path().startsWith("/api/")) {
                ctx.next();
            } else {
                RestReply.error(ctx, 415, 4, "POST requests to this path must be Handle messages ("
                        + HandleTunnel.MEDIA_TYPE + ")");
            }
        });
        router.post().handler(BodyHandler.create(false).setBodyLimit(Math.max(maxBodyBytes,
                Limits.MAX_MESSAGE_LENGTH + Limits.ENVELOPE_SIZE + 1)));
        router.post().handler(ctx -> {
            if (HandleTunnel.isTunnelRequest(ctx)) {
                tunnel.handle(ctx);
            } else {
                ctx.next();
            }
        });

        router.route(HttpMethod.GET, "/api/handles/*").handler(rest::resolve);
        router.route(HttpMethod.HEAD, "/api/handles/*").handler(rest::resolve);
        router.get("/api/handles").handler(ctx -> RestReply.error(ctx, 501, 5,
                "listing handles needs administrator authentication, which this version does not offer yet"));
        router.get("/api/site").handler(rest::site);
        router.head("/api/site").handler(rest::site);
        router.get("/api/prefixes").handler(rest::prefixes);
        router.route("/api/handles/*").handler(HttpApi::methodNotAllowed);
        router.route("/api/handles").handler(HttpApi::methodNotAllowed);
        router.route("/api/site").handler(HttpApi::methodNotAllowed);
        router.route("/api/prefixes").handler(HttpApi::methodNotAllowed);
        router.route("/api/*").handler(ctx -> RestReply.error(ctx, 404, 4,
                "Unknown HTTP API endpoint " + ctx.request().path()));
        metrics.ifPresent(registry -> router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape())));
        router.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .end(LandingPage.html(node.get())));
        router.get("/*").handler(ctx -> {
            String path = ctx.request().path();
            String query = ctx.request().query();
            ctx.response().setStatusCode(302)
                    .putHeader("Location", "/api/handles" + path + (query == null ? "" : "?" + query)).end();
        });

        HttpServerOptions options = new HttpServerOptions().setHost(bind).setPort(port).setCompressionSupported(true)
                .setTcpNoDelay(true).setIdleTimeout(300);
        try {
            this.server = vertx.createHttpServer(options).requestHandler(router).listen()
                    .toCompletionStage().toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting HTTP", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot listen on HTTP " + bind + ":" + port + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private static void methodNotAllowed(RoutingContext ctx) {
        RestReply.error(ctx, 405, 4, "method " + ctx.request().method() + " is not allowed on "
                + ctx.request().path());
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // closing anyway
        }
    }

    Vertx vertx() {
        return vertx;
    }
}
