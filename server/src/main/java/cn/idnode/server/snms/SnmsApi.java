package cn.idnode.server.snms;

import cn.idnode.node.Node;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;
import cn.idnode.node.error.HandleException;
import cn.idnode.node.file.ReadFileOperation;
import cn.idnode.server.handle.FailedAuthLimiter;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SNMS-compatible business API (snms-api.md) on the node's HTTP and HTTPS ports. Pipeline per request, in order:
 * <pre>
 *   TLS policy        plain HTTP refused (HTTP 403, status -3) unless snms.allowPlainHttp
 *   body              JSON up to snms.maxBodyBytes (413 beyond); multipart for file upload
 *   caller            Authorization: Bearer &lt;token&gt; → Principal (status -1 if missing, invalid or expired),
 *                     on the business executor since it reads the account
 *   endpoint          {@link #ROUTES}: one business operation through the node's runner
 *   answer            {status, message, data}, HTTP 200 (snms-api.md §1.1)
 * </pre>
 * Login failures are also limited per client address (the per-account lockout is in the login operation).
 */
public final class SnmsApi {
    private static final Logger log = LoggerFactory.getLogger(SnmsApi.class);

    /** A route and the access it requires — the security surface (golden file snms/routes.txt). */
    public record Route(HttpMethod method, String path, String access, boolean token,
                        Function<SnmsCall, Object> action) {}

    public static final List<Route> ROUTES = List.of(
            new Route(HttpMethod.POST, "/identity/token", "none (password; per-address limit, per-account lockout)",
                    false, IdentityEndpoints::token),
            new Route(HttpMethod.POST, "/identity/token/v1", "none (hashed password; per-address limit, lockout)",
                    false, IdentityEndpoints::hashedToken),
            new Route(HttpMethod.POST, "/identity/registry", "token: ADMIN", true, IdentityEndpoints::registry),
            new Route(HttpMethod.GET, "/identity/me", "token", true, IdentityEndpoints::me),
            new Route(HttpMethod.POST, "/identity/password", "token (own account, current password)", true,
                    IdentityEndpoints::password),
            new Route(HttpMethod.POST, "/identity/app-credential", "token: ENTERPRISE (own enterprise) or ADMIN", true,
                    IdentityEndpoints::appCredential),
            new Route(HttpMethod.GET, "/identityv2/data/detail",
                    "token; restricted values need READ_VALUE through the record's HS_ADMIN", true,
                    DataEndpoints::detail),
            new Route(HttpMethod.POST, "/identityv2/data", "token: ADD_HANDLE on 0.NA/<prefix>", true,
                    DataEndpoints::create),
            new Route(HttpMethod.PUT, "/identityv2/data", "token: the change's permissions on the record's HS_ADMIN",
                    true, DataEndpoints::update),
            new Route(HttpMethod.DELETE, "/identityv2/data", "token: DELETE_HANDLE on the record", true,
                    DataEndpoints::delete),
            new Route(HttpMethod.POST, "/identityv2/data/batchCreate", "token: ADD_HANDLE on 0.NA/<prefix>, per item",
                    true, DataEndpoints::batchCreate),
            new Route(HttpMethod.PUT, "/identityv2/data/batchUpdate", "token: record HS_ADMIN, per item", true,
                    DataEndpoints::batchUpdate),
            new Route(HttpMethod.POST, "/identityv2/data/batchUpdate", "token: record HS_ADMIN, per item", true,
                    DataEndpoints::batchUpdate),
            new Route(HttpMethod.DELETE, "/identityv2/data/batchDelete", "token: DELETE_HANDLE, per item", true,
                    DataEndpoints::batchDelete),
            new Route(HttpMethod.POST, "/identityv2/data/batchDelete", "token: DELETE_HANDLE, per item", true,
                    DataEndpoints::batchDelete),
            new Route(HttpMethod.GET, "/snms/api/v5/template/packs", "token", true, TemplateEndpoints::packs),
            new Route(HttpMethod.POST, "/snms/api/v5/template/packs/install",
                    "token: the prefix's enterprise or ADMIN; prefix enabled", true, TemplateEndpoints::installPack),
            new Route(HttpMethod.GET, "/snms/api/v5/template", "token: the prefix's enterprise or operator", true,
                    TemplateEndpoints::get),
            new Route(HttpMethod.POST, "/snms/api/v5/template", "token: the prefix's enterprise or ADMIN; prefix enabled",
                    true, TemplateEndpoints::create),
            new Route(HttpMethod.PUT, "/snms/api/v5/template", "token: the prefix's enterprise or ADMIN; prefix enabled",
                    true, TemplateEndpoints::update),
            new Route(HttpMethod.DELETE, "/snms/api/v5/template",
                    "token: the prefix's enterprise or ADMIN; no record uses it", true, TemplateEndpoints::delete),
            new Route(HttpMethod.GET, "/snms/api/v3/template", "as v5", true, TemplateEndpoints::get),
            new Route(HttpMethod.POST, "/snms/api/v3/template", "as v5", true, TemplateEndpoints::create),
            new Route(HttpMethod.DELETE, "/snms/api/v3/template", "as v5", true, TemplateEndpoints::delete),
            new Route(HttpMethod.GET, "/snms/api/prefix/query", "token: operator or the prefix's enterprise", true,
                    EnterpriseEndpoints::prefixQuery),
            new Route(HttpMethod.GET, "/snms/api/prefix/page", "token: operators all, others their own", true,
                    EnterpriseEndpoints::prefixPage),
            new Route(HttpMethod.POST, "/snms/api/prefix/state", "token: ADMIN", true,
                    EnterpriseEndpoints::prefixState),
            new Route(HttpMethod.POST, "/snms/api/file/upload", "token", true, EnterpriseEndpoints::upload),
            new Route(HttpMethod.GET, "/snms/api/file/download", "token: uploader, linked user or operator", true,
                    SnmsApi::download),
            new Route(HttpMethod.POST, "/snms/api/v3/ent/apply", "token: ADMIN", true, EnterpriseEndpoints::apply),
            new Route(HttpMethod.POST, "/snms/api/v3/ent/upgrade-apply", "token: ADMIN, or the user itself", true,
                    EnterpriseEndpoints::upgradeApply),
            new Route(HttpMethod.GET, "/snms/api/v3/ent/page", "token: operators all, others their own", true,
                    EnterpriseEndpoints::page),
            new Route(HttpMethod.GET, "/snms/api/v3/ent/detail", "token: operator or own enterprise", true,
                    EnterpriseEndpoints::detail),
            new Route(HttpMethod.POST, "/snms/api/v3/ent/review", "token: ADMIN or REVIEWER", true,
                    EnterpriseEndpoints::review),
            new Route(HttpMethod.POST, "/snms/api/ent/config", "token: the prefix's enterprise or ADMIN", true,
                    EnterpriseEndpoints::config),
            new Route(HttpMethod.POST, "/snms/api/ent/config/review", "token: ADMIN or REVIEWER", true,
                    EnterpriseEndpoints::configReview),
            new Route(HttpMethod.GET, "/snms/api/audit", "token: ADMIN or REVIEWER", true, EnterpriseEndpoints::audit));

    /** Path prefixes served here. */
    public static final List<String> PATHS = List.of("/identity/", "/identityv2/", "/snms/api/");

    private final Supplier<Node> node;
    private final Executor executor;
    private final FailedAuthLimiter loginLimiter;
    private final boolean allowPlainHttp;

    public SnmsApi(Supplier<Node> node, Executor executor, int failedLoginsPerMinute, boolean allowPlainHttp) {
        this.node = node;
        this.executor = executor;
        this.loginLimiter = new FailedAuthLimiter(failedLoginsPerMinute);
        this.allowPlainHttp = allowPlainHttp;
    }

    public static boolean isSnmsPath(String path) {
        for (String p : PATHS) {
            if (path.startsWith(p) || path.equals(p.substring(0, p.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /** Adds the API to a router, before the routes that must not see these paths. */
    public void install(Router router, int maxBodyBytes, int maxUploadBytes, Path uploads) {
        try {
            java.nio.file.Files.createDirectories(uploads);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the uploads directory " + uploads + ": " + e.getMessage(), e);
        }
        for (String p : PATHS) {
            router.route(p + "*").handler(ctx -> {
                if (!allowPlainHttp && !ctx.request().isSSL()) {
                    SnmsReply.send(ctx, 403, SnmsReply.FORBIDDEN, "请使用HTTPS访问此接口", null);
                } else {
                    ctx.next();
                }
            });
        }
        router.post("/snms/api/file/upload").handler(BodyHandler.create(true).setBodyLimit(maxUploadBytes)
                .setUploadsDirectory(uploads.toString()).setDeleteUploadedFilesOnEnd(true));
        for (String p : PATHS) {
            router.route(p + "*").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
        }
        for (Route r : ROUTES) {
            router.route(r.method(), r.path()).handler(ctx -> handle(ctx, r));
        }
        for (String p : PATHS) {
            router.route(p + "*").handler(ctx -> SnmsReply.send(ctx, 404, SnmsReply.REFUSED,
                    "接口不存在: " + ctx.request().method() + " " + ctx.request().path(), null));
        }
    }

    private void handle(RoutingContext ctx, Route r) {
        String remote = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        boolean login = !r.token();
        if (login && loginLimiter.blocked(remote)) {
            SnmsReply.failure(ctx, SnmsReply.REFUSED, "登录失败次数过多，请稍后再试");
            return;
        }
        JsonNode body = null;
        boolean multipart = !ctx.fileUploads().isEmpty();
        if (!multipart && ctx.body() != null && ctx.body().length() > 0) {
            try {
                body = SnmsReply.JSON.readTree(ctx.body().buffer().getBytes());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                SnmsReply.failure(ctx, SnmsReply.REFUSED, "请求体不是合法的JSON: " + e.getOriginalMessage());
                return;
            } catch (IOException e) {
                SnmsReply.failure(ctx, SnmsReply.REFUSED, "请求体不是合法的JSON");
                return;
            }
        }
        Map<String, String> params = new HashMap<>();
        ctx.queryParams().forEach(e -> params.putIfAbsent(e.getKey(), e.getValue()));
        String authorization = ctx.request().getHeader("Authorization");
        List<FileUpload> uploads = List.copyOf(ctx.fileUploads());
        JsonNode requestBody = body;
        Context context = Vertx.currentContext();
        try {
            executor.execute(() -> {
                Object result;
                try {
                    Node n = node.get();
                    Optional<Principal> who = r.token()
                            ? Optional.of(n.business().authenticator().principal(bearer(authorization), remote, "snms"))
                            : Optional.empty();
                    result = r.action().apply(new SnmsCall(n, who, params, requestBody, uploads, remote));
                } catch (HandleException e) {
                    if (login && e instanceof BusinessException) {
                        loginLimiter.failed(remote);
                    }
                    context.runOnContext(v -> SnmsReply.error(ctx, e));
                    return;
                } catch (RuntimeException | LinkageError e) {
                    String id = Long.toHexString(System.nanoTime());
                    log.error("SNMS request {} {} failed (error id {})", r.method(), r.path(), id, e);
                    context.runOnContext(v -> SnmsReply.failure(ctx, SnmsReply.INTERNAL,
                            "系统内部错误 (error id " + id + ")"));
                    return;
                }
                context.runOnContext(v -> answer(ctx, result));
            });
        } catch (RejectedExecutionException e) {
            SnmsReply.send(ctx, 503, SnmsReply.INTERNAL, "系统繁忙，请稍后重试", null);
        }
    }

    private static void answer(RoutingContext ctx, Object result) {
        if (result instanceof ReadFileOperation.Content f) {
            ctx.response().putHeader("Content-Type", f.meta().contentType())
                    .putHeader("Content-Disposition", "attachment; filename=\"" + f.meta().path() + "\"")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .end(io.vertx.core.buffer.Buffer.buffer(f.bytes()));
        } else {
            SnmsReply.ok(ctx, (JsonNode) result);
        }
    }

    private static Object download(SnmsCall c) {
        return c.run(c.ops().readFile(), new ReadFileOperation.Input(c.who(), c.longParam("id", 0)));
    }

    private static String bearer(String header) {
        if (header == null) {
            return "";
        }
        String h = header.trim();
        return h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : h;
    }
}
