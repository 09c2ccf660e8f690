package cn.idnode.server.snms;

import cn.idnode.node.Node;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.BusinessOperations;
import cn.idnode.node.business.ChinaTime;
import cn.idnode.node.business.Principal;
import cn.idnode.node.op.Operation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.vertx.ext.web.FileUpload;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One SNMS request as the business executor sees it: everything read from the HTTP request on its event loop
 * (query parameters, JSON body, uploads, caller), so no Vert.x object is touched off its thread.
 */
record SnmsCall(Node node, Optional<Principal> principal, Map<String, String> params, JsonNode body,
                List<FileUpload> uploads, String remoteAddress) {

    BusinessOperations ops() {
        return node.business();
    }

    /** The logged-in caller (routes that need a token always have one). */
    Principal who() {
        return principal.orElseThrow(() -> BusinessException.unauthenticated("未登录或缺少令牌"));
    }

    <I, O> O run(Operation<I, O> op, I input) {
        return node.runner().run(op, input, who().caller());
    }

    String param(String name) {
        String v = params.get(name);
        return v == null ? "" : v.trim();
    }

    String required(String name) {
        String v = param(name);
        if (v.isEmpty()) {
            throw BusinessException.invalid("缺少必要的请求参数: " + name);
        }
        return v;
    }

    int intParam(String name, int fallback) {
        String v = param(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw BusinessException.invalid("参数 " + name + " 应为整数: " + v);
        }
    }

    long longParam(String name, long fallback) {
        String v = param(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw BusinessException.invalid("参数 " + name + " 应为整数: " + v);
        }
    }

    Optional<Long> time(String name) {
        return ChinaTime.parse(param(name));
    }

    /** A member of the JSON body object (NullNode if absent). */
    JsonNode member(String name) {
        if (body == null || !body.isObject()) {
            return NullNode.getInstance();
        }
        JsonNode n = body.get(name);
        return n == null ? NullNode.getInstance() : n;
    }

    JsonNode objectBody() {
        if (body == null || !body.isObject()) {
            throw BusinessException.invalid("请求体应为JSON对象");
        }
        return body;
    }
}
