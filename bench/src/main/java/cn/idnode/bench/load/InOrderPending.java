package cn.idnode.bench.load;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests in flight on one connection whose answers come back in request order (Handle over TCP, HTTP/1.1). The
 * head of the queue is the request the next answer belongs to; for Handle answers the request id must match too.
 */
final class InOrderPending {
    private final ArrayDeque<Req> queue = new ArrayDeque<>();

    void add(Req r) {
        queue.addLast(r);
    }

    /** Outcome of matching one answer. */
    enum Match { OK, UNEXPECTED, WRONG_ID }

    /** The request an answer with {@code requestId} completes (the head), and whether the id is the head's. */
    record Completion(Req req, Match match) {}

    Completion complete(int requestId) {
        Req head = queue.pollFirst();
        if (head == null) {
            return new Completion(null, Match.UNEXPECTED);
        }
        head.done = true;
        return new Completion(head, head.requestId == requestId ? Match.OK : Match.WRONG_ID);
    }

    /** For transports without ids (HTTP): the head. */
    Req completeNext() {
        Req head = queue.pollFirst();
        if (head != null) {
            head.done = true;
        }
        return head;
    }

    /** True if the oldest request has waited {@code timeoutNanos} or more. */
    boolean headTimedOut(long now, long timeoutNanos) {
        Req head = queue.peekFirst();
        return head != null && now - head.sentNanos >= timeoutNanos;
    }

    List<Req> drain() {
        List<Req> out = new ArrayList<>(queue);
        queue.clear();
        out.forEach(r -> r.done = true);
        return out;
    }

    int size() {
        return queue.size();
    }
}
