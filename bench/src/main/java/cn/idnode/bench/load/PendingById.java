package cn.idnode.bench.load;

import io.netty.util.collection.IntObjectHashMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests in flight on one UDP socket, matched to answers by request id (answers come in any order, or never).
 * Ids are assigned sequentially from a random start, skipping 0 and ids still in flight. Timeouts are found in send
 * order, so expiring is O(expired).
 */
final class PendingById {
    private final IntObjectHashMap<Req> byId = new IntObjectHashMap<>();
    private final ArrayDeque<Req> order = new ArrayDeque<>();
    private int nextId;

    PendingById(int firstId) {
        this.nextId = firstId;
    }

    /** Assigns the request its id and tracks it; call after setting {@code sentNanos}. */
    int add(Req r) {
        int id;
        do {
            id = nextId++;
        } while (id == 0 || byId.containsKey(id));
        r.requestId = id;
        byId.put(id, r);
        order.addLast(r);
        return id;
    }

    /** The request waiting for this id (more fragments may follow), or null for an unknown or expired id. */
    Req get(int id) {
        return byId.get(id);
    }

    /** Completes the request with this id; null if unknown (never sent, already answered or timed out). */
    Req complete(int id) {
        Req r = byId.remove(id);
        if (r != null) {
            r.done = true;
        }
        return r;
    }

    /** Removes and returns the requests sent at least {@code timeoutNanos} before {@code now} and still unanswered. */
    List<Req> expire(long now, long timeoutNanos) {
        List<Req> out = null;
        Req r;
        while ((r = order.peekFirst()) != null) {
            if (r.done) {
                order.pollFirst();
                continue;
            }
            if (now - r.sentNanos < timeoutNanos) {
                break;
            }
            order.pollFirst();
            byId.remove(r.requestId);
            r.done = true;
            if (out == null) {
                out = new ArrayList<>();
            }
            out.add(r);
        }
        return out == null ? List.of() : out;
    }

    /** Everything still in flight (for shutdown). */
    List<Req> drain() {
        List<Req> out = new ArrayList<>(byId.values());
        byId.clear();
        order.clear();
        out.forEach(r -> r.done = true);
        return out;
    }

    int size() {
        return byId.size();
    }
}
