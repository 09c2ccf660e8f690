package cn.idnode.server.handle;

import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.Limits;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the fragments of multi-packet UDP requests (handle-protocol.md §12.1): fragment k carries message bytes
 * {@code [k*492, min((k+1)*492, total))}; all fragments share the request id and the total length.
 *
 * <p>Memory is bounded by what was actually received, never by a claimed length: fragments are kept as they arrive
 * and copied into one buffer only when the last one is in. Partial messages older than the timeout, or beyond the
 * byte budget (oldest first), are dropped silently, as CNRI does. Not thread-safe: one instance per channel, used on
 * its event loop.
 */
final class UdpReassembler {
    private record Key(InetSocketAddress sender, int requestId) {}

    private static final class Partial {
        final Envelope first;
        final byte[][] fragments;
        final long createdNanos;
        int received;
        int bytes;

        Partial(Envelope first, int count, long now) {
            this.first = first;
            this.fragments = new byte[count][];
            this.createdNanos = now;
        }
    }

    /** A reassembled message: the first fragment's envelope (fragment fields cleared) and all message bytes. */
    record Complete(Envelope envelope, byte[] message) {}

    private final long timeoutNanos;
    private final int maxBytes;
    private final LinkedHashMap<Key, Partial> partials = new LinkedHashMap<>();
    private int totalBytes;

    UdpReassembler(long timeoutMillis, int maxBytes) {
        this.timeoutNanos = timeoutMillis * 1_000_000L;
        this.maxBytes = maxBytes;
    }

    /**
     * Adds a fragment ({@code data[off, off+len)} is its message part). Returns the complete message once all
     * fragments are in. Invalid fragments are ignored.
     */
    Optional<Complete> add(InetSocketAddress sender, Envelope env, byte[] data, int off, int len, long nowNanos) {
        expire(nowNanos);
        int total = env.messageLength();
        int count = (total + Limits.UDP_DATA_SIZE - 1) / Limits.UDP_DATA_SIZE;
        int k = env.messageId();
        if (total == 0 || k >= count) {
            return Optional.empty();
        }
        int expected = Math.min(Limits.UDP_DATA_SIZE, total - k * Limits.UDP_DATA_SIZE);
        if (len != expected) {
            return Optional.empty();
        }
        Key key = new Key(sender, env.requestId());
        Partial p = partials.get(key);
        if (p == null) {
            p = new Partial(env, count, nowNanos);
            partials.put(key, p);
        } else if (p.fragments.length != count || p.first.messageLength() != total) {
            return Optional.empty();
        }
        if (p.fragments[k] != null) {
            return Optional.empty();
        }
        byte[] frag = new byte[len];
        System.arraycopy(data, off, frag, 0, len);
        p.fragments[k] = frag;
        p.received++;
        p.bytes += len;
        totalBytes += len;
        if (p.received == count) {
            partials.remove(key);
            totalBytes -= p.bytes;
            byte[] message = new byte[total];
            for (int i = 0; i < count; i++) {
                System.arraycopy(p.fragments[i], 0, message, i * Limits.UDP_DATA_SIZE, p.fragments[i].length);
            }
            return Optional.of(new Complete(p.first.withFragment(0, false), message));
        }
        while (totalBytes > maxBytes && !partials.isEmpty()) {
            evictOldest();
        }
        return Optional.empty();
    }

    /** Drops partial messages older than the timeout. */
    void expire(long nowNanos) {
        Iterator<Map.Entry<Key, Partial>> it = partials.entrySet().iterator();
        while (it.hasNext()) {
            Partial p = it.next().getValue();
            if (nowNanos - p.createdNanos < timeoutNanos) {
                break;
            }
            totalBytes -= p.bytes;
            it.remove();
        }
    }

    private void evictOldest() {
        Iterator<Map.Entry<Key, Partial>> it = partials.entrySet().iterator();
        totalBytes -= it.next().getValue().bytes;
        it.remove();
    }

    int pendingMessages() {
        return partials.size();
    }

    int pendingBytes() {
        return totalBytes;
    }
}
