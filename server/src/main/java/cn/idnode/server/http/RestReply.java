package cn.idnode.server.http;

import cn.idnode.node.error.HandleException;
import cn.idnode.node.error.ReferralException;
import cn.idnode.protocol.HandleValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes REST answers the way the Handle.Net REST API does (handle-protocol.md §20.1): JSON, optionally
 * pretty-printed ({@code pretty}) or wrapped for JSONP ({@code callback}, name sanitised), errors as
 * {@code {"responseCode":…, "message":…}} with the mapped HTTP status. HEAD answers carry the headers only.
 */
final class RestReply {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern CALLBACK = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private RestReply() {}

    static void json(RoutingContext ctx, int status, ObjectNode body) {
        HttpServerResponse res = ctx.response();
        if (res.ended()) {
            return;
        }
        boolean pretty = flag(ctx, "pretty");
        byte[] bytes;
        try {
            bytes = (pretty ? PRETTY : JSON).writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String callback = ctx.request().getParam("callback");
        Buffer out;
        if (callback != null && !callback.isEmpty()) {
            if (!CALLBACK.matcher(callback).matches()) {
                callback = callback.replaceAll("[^A-Za-z0-9_$]", "");
                if (callback.isEmpty() || Character.isDigit(callback.charAt(0))) {
                    callback = "_" + callback;
                }
            }
            out = Buffer.buffer(callback + "(").appendBytes(bytes).appendString(");");
            res.putHeader("Content-Type", "application/javascript; charset=UTF-8");
        } else {
            out = Buffer.buffer(bytes);
            res.putHeader("Content-Type", "application/json; charset=UTF-8");
        }
        res.setStatusCode(status);
        if (ctx.request().method() == HttpMethod.HEAD) {
            res.putHeader("Content-Length", Integer.toString(out.length())).end();
        } else {
            res.end(out);
        }
    }

    static void error(RoutingContext ctx, HandleException e, String handle) {
        ObjectNode body = F.objectNode();
        body.put("responseCode", e.responseCode().code());
        if (handle != null) {
            body.put("handle", handle);
        }
        if (e instanceof ReferralException ref) {
            if (!ref.referralHandle().isEmpty()) {
                body.put("referralHandle", ref.referralHandle().utf8());
            }
            body.set("values", values(ref.values().decode()));
        }
        if (e.getMessage() != null && !e.getMessage().isEmpty()) {
            body.put("message", e.getMessage());
        }
        HttpAuthentication auth = ctx.get(HttpAuthentication.KEY);
        if (e.responseCode().code() == 402 && auth != null) {
            auth.needed(ctx, body); // 401 with a challenge, or 403 where authentication is not accepted
            return;
        }
        json(ctx, e.httpStatus(), body);
    }

    static void error(RoutingContext ctx, int httpStatus, int responseCode, String message) {
        json(ctx, httpStatus, F.objectNode().put("responseCode", responseCode).put("message", message));
    }

    static ArrayNode values(Iterable<HandleValue> values) {
        ArrayNode a = F.arrayNode();
        for (HandleValue v : values) {
            a.add(JsonValues.toJson(v));
        }
        return a;
    }

    /** Handle.Net boolean parameters: absent = false; empty, "true" or "yes" (any case) = true. */
    static boolean flag(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        if (v == null) {
            return false;
        }
        String s = v.toLowerCase(Locale.ROOT);
        return s.isEmpty() || s.equals("true") || s.equals("yes");
    }

    static boolean flagPresent(RoutingContext ctx, String name) {
        return ctx.request().getParam(name) != null;
    }
}
