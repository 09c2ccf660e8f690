package cn.idnode.server.http;

import cn.idnode.node.error.HandleException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs blocking work (storage, key look-ups, signatures) on the business executor and answers on the request's
 * Vert.x context (STYLE.md §4). A {@link HandleException} goes to {@code onError}; anything else is logged once and
 * answered RC 2 / HTTP 500 with no detail; a full executor is RC 3 / HTTP 503.
 */
final class Blocking {
    private static final Logger log = LoggerFactory.getLogger(Blocking.class);

    private final Executor executor;

    Blocking(Executor executor) {
        this.executor = executor;
    }

    <T> void run(RoutingContext ctx, Supplier<T> work, Consumer<T> onResult, Consumer<HandleException> onError) {
        Context context = Vertx.currentContext();
        try {
            executor.execute(() -> {
                try {
                    T result = work.get();
                    context.runOnContext(v -> onResult.accept(result));
                } catch (HandleException e) {
                    context.runOnContext(v -> onError.accept(e));
                } catch (RuntimeException | LinkageError | AssertionError e) {
                    String id = Long.toHexString(System.nanoTime());
                    log.error("REST request {} {} failed (error id {})", ctx.request().method(), ctx.request().path(),
                            id, e);
                    context.runOnContext(v -> RestReply.error(ctx, 500, 2, "internal server error (error id "
                            + id + ")"));
                }
            });
        } catch (RejectedExecutionException e) {
            RestReply.error(ctx, 503, 3, "server too busy, try again later");
        }
    }
}
