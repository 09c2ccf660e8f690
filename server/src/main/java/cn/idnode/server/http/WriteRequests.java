package cn.idnode.server.http;

import cn.idnode.protocol.HandleValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads REST write requests (handle-protocol.md §20.3) — pure functions over untrusted input: every problem is a
 * {@link JsonInputException} whose message names what is wrong (answered 400, RC 4).
 */
final class WriteRequests {
    /** Deepest JSON nesting accepted (site values are the deepest legitimate bodies, about 6 levels). */
    private static final int MAX_DEPTH = 32;

    private WriteRequests() {}

    /** {@code application/json}, {@code text/json} or any {@code …+json}, parameters ignored. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String t = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return t.equals("application/json") || t.equals("text/json") || t.endsWith("+json");
    }

    static JsonNode parse(Buffer body) {
        if (body == null || body.length() == 0) {
            throw new JsonInputException("the request body is empty");
        }
        JsonNode n;
        try {
            n = RestReply.JSON.readTree(body.getBytes());
        } catch (JsonProcessingException e) {
            throw new JsonInputException("the request body is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new JsonInputException("the request body cannot be read");
        }
        if (n == null || n.isMissingNode()) {
            throw new JsonInputException("the request body is empty");
        }
        if (depth(n, 0) > MAX_DEPTH) {
            throw new JsonInputException("the request body is nested too deeply");
        }
        return n;
    }

    /**
     * The values of a PUT body: an array of values, {@code {"values":[…]}} (whose optional {@code "handle"} must match
     * the path, ASCII case-insensitively), or one value object.
     */
    static List<HandleValue> values(JsonNode body, String pathHandle, int now) {
        JsonNode list;
        if (body.isArray()) {
            list = body;
        } else if (body.isObject() && body.has("values")) {
            JsonNode h = body.get("handle");
            if (h != null && !h.isNull() && !(h.isTextual() && sameHandle(h.asText(), pathHandle))) {
                throw new JsonInputException("the body's \"handle\" does not match the handle in the path");
            }
            list = body.get("values");
            if (!list.isArray()) {
                throw new JsonInputException("\"values\" must be an array");
            }
        } else if (body.isObject() && body.has("index") && body.has("type") && body.has("data")) {
            return List.of(JsonValues.fromJson(body, now));
        } else {
            throw new JsonInputException("the body must be an array of values, {\"values\":[…]} or one value");
        }
        List<HandleValue> out = new ArrayList<>(list.size());
        for (JsonNode v : list) {
            out.add(JsonValues.fromJson(v, now));
        }
        return out;
    }

    /**
     * The {@code index} query parameters of a PUT: empty = whole record; {@code various} = every value in the body;
     * otherwise the set of numbers, which must equal the set of body indexes.
     */
    static Optional<Set<Integer>> indexes(List<String> params) {
        if (params.isEmpty()) {
            return Optional.empty();
        }
        boolean various = params.stream().anyMatch(p -> p.trim().equalsIgnoreCase("various"));
        if (various) {
            if (params.size() > 1) {
                throw new JsonInputException("index=various cannot be combined with other indexes");
            }
            return Optional.of(Set.of());
        }
        return Optional.of(numbers(params));
    }

    static Set<Integer> numbers(List<String> params) {
        Set<Integer> out = new LinkedHashSet<>();
        for (String p : params) {
            for (String s : p.split(",")) {
                try {
                    out.add(Integer.parseInt(s.trim()));
                } catch (NumberFormatException e) {
                    throw new JsonInputException("index must be an integer: "
                            + (s.length() > 20 ? s.substring(0, 20) + "…" : s));
                }
            }
        }
        return out;
    }

    static void requireSameIndexes(Set<Integer> query, List<HandleValue> values) {
        Set<Integer> body = new LinkedHashSet<>();
        values.forEach(v -> body.add(v.index()));
        if (!query.equals(body)) {
            throw new JsonInputException("the index parameters " + query + " differ from the indexes in the body "
                    + body);
        }
    }

    /** The prefix of a prefix request: {@code ?prefix=}, else the path after {@code /api/prefixes/}, else JSON. */
    static Optional<String> prefix(String queryParam, String pathRest, String contentType, Buffer body) {
        if (queryParam != null && !queryParam.isBlank()) {
            return Optional.of(queryParam.trim());
        }
        if (pathRest != null && !pathRest.isEmpty()) {
            return Optional.of(PercentDecoder.decode(pathRest));
        }
        if (body != null && body.length() > 0 && isJson(contentType)) {
            JsonNode p = parse(body).path("prefix");
            if (p.isTextual() && !p.asText().isBlank()) {
                return Optional.of(p.asText().trim());
            }
        }
        return Optional.empty();
    }

    private static boolean sameHandle(String a, String b) {
        return a.equalsIgnoreCase(b) || a.toUpperCase(Locale.ROOT).equals(b.toUpperCase(Locale.ROOT));
    }

    private static int depth(JsonNode n, int d) {
        if (d > MAX_DEPTH) {
            return d;
        }
        int max = d;
        if (n.isContainerNode()) {
            for (JsonNode c : n) {
                max = Math.max(max, depth(c, d + 1));
                if (max > MAX_DEPTH) {
                    break;
                }
            }
        }
        return max;
    }
}
