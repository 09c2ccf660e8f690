package cn.idnode.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * CNRI's listing pages (handle-protocol.md §20.4): zero-based {@code page}, {@code pageSize}; {@code pageSize=0}
 * returns only the count; a missing or negative {@code page} or {@code pageSize} returns everything. Fed one item at
 * a time, a page keeps only the items it returns, so counting a large listing needs no memory for the rest.
 */
final class Paging {
    private final int page;
    private final int pageSize;
    private final long from;
    private final long to;
    private final List<String> items = new ArrayList<>();
    private long total;

    Paging(int page, int pageSize) {
        this.page = page;
        this.pageSize = pageSize;
        boolean paged = paged(page, pageSize);
        this.from = paged ? (long) page * pageSize : 0;
        this.to = paged ? from + pageSize : Long.MAX_VALUE;
    }

    static Paging of(RoutingContext ctx) {
        return new Paging(intParam(ctx, "page"), intParam(ctx, "pageSize"));
    }

    private static boolean paged(int page, int pageSize) {
        return page >= 0 && pageSize >= 0;
    }

    void add(String item) {
        if (total >= from && total < to) {
            items.add(item);
        }
        total++;
    }

    ObjectNode toJson(String listName) {
        ObjectNode body = RestReply.F.objectNode().put("responseCode", 1);
        return fill(body, listName);
    }

    ObjectNode fill(ObjectNode body, String listName) {
        body.put("totalCount", Long.toString(total));
        if (paged(page, pageSize)) {
            body.put("page", page).put("pageSize", pageSize);
        }
        ArrayNode list = body.putArray(listName);
        items.forEach(list::add);
        return body;
    }

    private static int intParam(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        if (v == null || v.isEmpty()) {
            return -1;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
