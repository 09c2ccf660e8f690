package cn.idnode.server.handle;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the answer to one request goes. Exactly one {@link #send} ends every request; a continued answer
 * (LIST_HANDLES) may first deliver {@link #part}s, each completing its future once written so producers can wait and
 * keep memory bounded.
 */
public interface Reply {

    /** The whole (or last part of the) answer. */
    void send(List<Outbound> messages);

    /** A part of a continued answer; more follow. */
    CompletableFuture<Void> part(List<Outbound> messages);

    /** False where continued answers are not possible (UDP). */
    boolean supportsContinuation();

    /** A reply that collects parts and sends everything at the end (HTTP tunnel, tests). */
    static Reply collecting(java.util.function.Consumer<List<Outbound>> onComplete) {
        return new Reply() {
            private final List<Outbound> parts = new java.util.ArrayList<>();

            @Override
            public synchronized void send(List<Outbound> messages) {
                parts.addAll(messages);
                onComplete.accept(List.copyOf(parts));
            }

            @Override
            public synchronized CompletableFuture<Void> part(List<Outbound> messages) {
                parts.addAll(messages);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public boolean supportsContinuation() {
                return true;
            }
        };
    }
}
