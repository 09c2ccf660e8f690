package cn.idnode.server.snms;

import cn.idnode.node.business.BusinessException;
import cn.idnode.node.error.HandleException;
import cn.idnode.protocol.ResponseCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The SNMS envelope (snms-api.md §1.1): every business outcome is HTTP 200 with {@code {status, message, data}} —
 * 1 success, -1 not logged in, -2 refused (reason in {@code message}), -3 no permission, -4 internal error. HTTP
 * error statuses are kept for transport faults: 413 body too large, 415 not JSON, 503 busy.
 */
final class SnmsReply {
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final int OK = 1;
    static final int NOT_LOGGED_IN = -1;
    static final int REFUSED = -2;
    static final int FORBIDDEN = -3;
    static final int INTERNAL = -4;

    private SnmsReply() {}

    static void ok(RoutingContext ctx, JsonNode data) {
        send(ctx, 200, OK, "success", data);
    }

    static void failure(RoutingContext ctx, int status, String message) {
        send(ctx, 200, status, message, null);
    }

    /** Maps an operation's refusal to its status; server-side trouble to -4 (busy: HTTP 503). */
    static void error(RoutingContext ctx, HandleException e) {
        if (e instanceof BusinessException be) {
            failure(ctx, be.kind().snmsStatus(), e.getMessage());
            return;
        }
        int rc = e.responseCode().code();
        if (e.responseCode().equals(ResponseCode.SERVER_TOO_BUSY)) {
            send(ctx, 503, INTERNAL, "系统繁忙，请稍后重试", null);
        } else if (rc == 2) {
            failure(ctx, INTERNAL, "系统内部错误: " + e.getMessage());
        } else if (rc == 402) {
            failure(ctx, NOT_LOGGED_IN, e.getMessage());
        } else if (rc == 400 || rc == 401 || rc == 403 || rc == 404) {
            failure(ctx, FORBIDDEN, e.getMessage());
        } else {
            failure(ctx, REFUSED, e.getMessage());
        }
    }

    static void send(RoutingContext ctx, int http, int status, String message, JsonNode data) {
        if (ctx.response().ended()) {
            return;
        }
        ObjectNode body = F.objectNode();
        body.put("status", status);
        body.put("message", message);
        body.set("data", data == null ? F.nullNode() : data);
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ctx.response().setStatusCode(http).putHeader("Content-Type", "application/json; charset=UTF-8")
                .end(Buffer.buffer(bytes));
    }
}
