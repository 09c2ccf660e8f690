package cn.idnode.server.http;

import cn.idnode.node.Node;
import cn.idnode.node.auth.Authenticator;
import cn.idnode.protocol.Limits;
import cn.idnode.server.handle.FailedAuthLimiter;
import cn.idnode.server.handle.HandleService;
import cn.idnode.server.snms.SnmsApi;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The HTTP port (CNRI: 8000) and its TLS twin (default 8443) serving one Vert.x router: the Handle.Net REST API, the
 * native Handle tunnel and the Prometheus metrics. Pipeline, in order:
 * <pre>
 *   CORS                 any origin, no credentials, GET POST HEAD PUT DELETE, preflight cached 86 400 s
 *   POST /*              Content-Type application/x-hdl-message: Handle tunnel (handle-protocol.md §12.3)
 *   bodies               PUT/DELETE /api/* read up to http.maxBodyBytes
 *   /api/sessions…       Sessions API (authenticates by itself)
 *   /api/*               HttpAuthentication: Authorization → RestCaller (or 401/403/429)
 *   REST routes          {@link #ROUTES}: each with the access it requires (golden file rest/routes.txt)
 *   *     /api/*         404 / 405 in the REST error shape
 *   GET   /metrics       Prometheus text format (if enabled)
 *   GET   /{handle}      302 to /api/handles/{handle}
 * </pre>
 */
public final class HttpApi implements AutoCloseable {
    private static final Set<String> CORS_HEADERS =
            Set.of("X-Requested-With", "Authorization", "Origin", "Accept", "Content-Type");

    /** What a REST route does. */
    enum Endpoint {
        SESSION_CREATE, SESSION_SHOW, SESSION_AUTHENTICATE, SESSION_DELETE, RESOLVE, PUT_HANDLE, DELETE_HANDLE,
        LIST_HANDLES, SITE, LIST_PREFIXES, HOME_PREFIX, UNHOME_PREFIX, VERIFY
    }

    /** A REST route and the access it requires — the security surface of STYLE.md §6. */
    record Route(HttpMethod method, String path, Endpoint endpoint, String access) {}

    /**
     * Every REST route, in matching order (test resource rest/routes.txt must agree). A Vert.x path {@code /a/*} also
     * matches {@code /a}, so exact paths come before their wildcards.
     */
    static final List<Route> ROUTES = List.of(
            new Route(HttpMethod.POST, "/api/sessions", Endpoint.SESSION_CREATE, "https"),
            new Route(HttpMethod.GET, "/api/sessions/this", Endpoint.SESSION_SHOW, "https, session"),
            new Route(HttpMethod.PUT, "/api/sessions/this", Endpoint.SESSION_AUTHENTICATE, "https, session"),
            new Route(HttpMethod.POST, "/api/sessions/this", Endpoint.SESSION_AUTHENTICATE, "https, session"),
            new Route(HttpMethod.DELETE, "/api/sessions/this", Endpoint.SESSION_DELETE, "https, session"),
            new Route(HttpMethod.GET, "/api/handles", Endpoint.LIST_HANDLES, "identity: LIST_HANDLES on 0.NA/<prefix>"),
            new Route(HttpMethod.GET, "/api/handles/*", Endpoint.RESOLVE,
                    "none (an identity may read restricted values)"),
            new Route(HttpMethod.HEAD, "/api/handles/*", Endpoint.RESOLVE,
                    "none (an identity may read restricted values)"),
            new Route(HttpMethod.PUT, "/api/handles/*", Endpoint.PUT_HANDLE,
                    "identity: ADD_HANDLE on 0.NA/<prefix>, or the record's HS_ADMIN for replacing/adding values"),
            new Route(HttpMethod.DELETE, "/api/handles/*", Endpoint.DELETE_HANDLE,
                    "identity: DELETE_HANDLE, or REMOVE_VALUE/REMOVE_ADMIN with index"),
            new Route(HttpMethod.GET, "/api/site", Endpoint.SITE, "none"),
            new Route(HttpMethod.HEAD, "/api/site", Endpoint.SITE, "none"),
            new Route(HttpMethod.GET, "/api/prefixes", Endpoint.LIST_PREFIXES,
                    "none if http.publicPrefixList, else server admin or home-only admin"),
            new Route(HttpMethod.POST, "/api/prefixes", Endpoint.HOME_PREFIX, "server admin or home-only admin"),
            new Route(HttpMethod.POST, "/api/prefixes/*", Endpoint.HOME_PREFIX, "server admin or home-only admin"),
            new Route(HttpMethod.DELETE, "/api/prefixes", Endpoint.UNHOME_PREFIX, "server admin or home-only admin"),
            new Route(HttpMethod.DELETE, "/api/prefixes/*", Endpoint.UNHOME_PREFIX,
                    "server admin or home-only admin"),
            new Route(HttpMethod.GET, "/api/verifications/*", Endpoint.VERIFY,
                    "none (failures count against the address's failed-authentication budget)"));

    private final Vertx vertx;
    private final HttpServer server;
    private final HttpServer tlsServer;

    public HttpApi(Vertx vertx, HttpSettings settings, Supplier<HandleService> service,
                   Supplier<Authenticator> authenticator, InstantSource clock, Executor executor,
                   Optional<PrometheusMeterRegistry> metrics) {
        this.vertx = vertx;
        Supplier<Node> node = () -> service.get().node();
        Blocking blocking = new Blocking(executor);
        HttpServer[] tls = new HttpServer[1];
        HttpAuthentication auth = new HttpAuthentication(node, authenticator,
                new HttpSessions(settings.sessionIdle(), settings.maxSessions(), clock),
                new FailedAuthLimiter(settings.failedAuthPerMinute()), settings.siteKey().getPrivate(),
                settings.allowAuthOverPlainHttp(), () -> tls[0] == null ? 0 : tls[0].actualPort(), blocking);
        HandleRestApi reads = new HandleRestApi(node, blocking);
        HandleWriteApi writes = new HandleWriteApi(node, blocking);
        PrefixApi prefixes = new PrefixApi(node, blocking, settings.publicPrefixList());
        SessionsApi sessions = new SessionsApi(auth);
        VerificationsApi verifications = new VerificationsApi(node, auth);
        HandleTunnel tunnel = new HandleTunnel(service);

        Router router = Router.router(vertx);
        router.route().handler(CorsHandler.create()
                .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.HEAD, HttpMethod.PUT,
                        HttpMethod.DELETE))
                .allowedHeaders(CORS_HEADERS).exposedHeaders(Set.of("WWW-Authenticate", "Location"))
                .maxAgeSeconds(86_400).allowCredentials(false));

        router.post().handler(ctx -> {
            if (HandleTunnel.isTunnelRequest(ctx)) {
                ctx.next();
            } else if (ctx.request().path().startsWith("/api/") || SnmsApi.isSnmsPath(ctx.request().path())) {
                ctx.next();
            } else {
                RestReply.error(ctx, 415, 4, "POST requests to this path must be Handle messages ("
                        + HandleTunnel.MEDIA_TYPE + ")");
            }
        });
        new SnmsApi(node, executor, settings.failedAuthPerMinute(), settings.snms().allowPlainHttp())
                .install(router, settings.snms().maxBodyBytes(), settings.snms().maxUploadBytes(),
                        settings.snms().uploadsDir());
        router.post().handler(BodyHandler.create(false).setBodyLimit(Math.max(settings.maxBodyBytes(),
                Limits.MAX_MESSAGE_LENGTH + Limits.ENVELOPE_SIZE + 1)));
        router.post().handler(ctx -> {
            if (HandleTunnel.isTunnelRequest(ctx)) {
                tunnel.handle(ctx);
            } else {
                ctx.next();
            }
        });
        router.put("/api/*").handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()));
        router.delete("/api/*").handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()));
        router.route("/api/*").handler(ctx -> {
            ctx.put(HttpAuthentication.KEY, auth);
            ctx.next();
        });

        router.route("/api/*").handler(ctx -> {
            if (ctx.request().path().startsWith(SessionsApi.PATH)) {
                ctx.next(); // the Sessions API reads Authorization itself
            } else {
                auth.establish(ctx);
            }
        });
        for (Route r : ROUTES) {
            Handler<RoutingContext> h = switch (r.endpoint()) {
                case SESSION_CREATE -> sessions::create;
                case SESSION_SHOW, SESSION_AUTHENTICATE -> sessions::current;
                case SESSION_DELETE -> sessions::delete;
                case RESOLVE -> reads::resolve;
                case PUT_HANDLE -> writes::put;
                case DELETE_HANDLE -> writes::delete;
                case LIST_HANDLES -> writes::list;
                case SITE -> reads::site;
                case LIST_PREFIXES -> prefixes::list;
                case HOME_PREFIX -> prefixes::home;
                case UNHOME_PREFIX -> prefixes::unhome;
                case VERIFY -> verifications::verify;
            };
            router.route(r.method(), r.path()).handler(h);
        }
        for (String known : List.of("/api/sessions", "/api/sessions/this", "/api/handles/*", "/api/handles",
                "/api/site", "/api/prefixes", "/api/prefixes/*", "/api/verifications/*")) {
            router.route(known).handler(HttpApi::methodNotAllowed);
        }
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

        HttpServerOptions plain = new HttpServerOptions().setHost(settings.bind()).setPort(settings.port())
                .setCompressionSupported(true).setTcpNoDelay(true).setIdleTimeout(300);
        this.server = listen(vertx, plain, router, "HTTP", settings.port(), settings.bind());
        HttpServerOptions secure = new HttpServerOptions(plain).setPort(settings.httpsPort()).setSsl(true)
                .setKeyCertOptions(TlsCertificate.options(settings.tlsCertificate(), settings.tlsPrivateKey(),
                        settings.keysDir(), settings.siteKey(), settings.hostNames().get(0), settings.hostNames()));
        HttpServer started;
        try {
            started = listen(vertx, secure, router, "HTTPS", settings.httpsPort(), settings.bind());
        } catch (RuntimeException e) {
            close(server);
            throw e;
        }
        this.tlsServer = started;
        tls[0] = started;
    }

    private static HttpServer listen(Vertx vertx, HttpServerOptions options, Router router, String what, int port,
                                     String bind) {
        try {
            return vertx.createHttpServer(options).requestHandler(router).listen()
                    .toCompletionStage().toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot listen on " + what + " " + bind + ":" + port + ": "
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

    /** The bound HTTPS port. */
    public int httpsPort() {
        return tlsServer.actualPort();
    }

    @Override
    public void close() {
        close(tlsServer);
        close(server);
    }

    private static void close(HttpServer s) {
        try {
            s.close().toCompletionStage().toCompletableFuture().get();
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
