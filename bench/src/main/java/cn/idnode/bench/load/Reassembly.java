package cn.idnode.bench.load;

import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.Limits;

/** Collects the datagrams of a multi-packet UDP answer (handle-protocol.md §12.1). */
final class Reassembly {
    private Reassembly() {}

    /**
     * Adds one fragment of the answer to {@code r}; returns the whole message once every fragment has arrived,
     * otherwise null. Fragment {@code k} carries message bytes [k×492, min((k+1)×492, total)); duplicates and
     * fragments that do not fit are ignored.
     */
    static byte[] add(Req r, Envelope env, byte[] data, int off, int len) {
        int total = env.messageLength();
        int count = Math.max(1, (total + Limits.UDP_DATA_SIZE - 1) / Limits.UDP_DATA_SIZE);
        int k = env.messageId();
        if (r.fragments == null) {
            r.fragments = new byte[count][];
        }
        if (k >= r.fragments.length || r.fragments[k] != null || r.fragments.length != count) {
            return null;
        }
        int expected = Math.min(Limits.UDP_DATA_SIZE, total - k * Limits.UDP_DATA_SIZE);
        if (len != expected) {
            return null;
        }
        byte[] part = new byte[len];
        System.arraycopy(data, off, part, 0, len);
        r.fragments[k] = part;
        if (++r.fragmentsReceived < count) {
            return null;
        }
        byte[] message = new byte[total];
        for (int i = 0; i < count; i++) {
            System.arraycopy(r.fragments[i], 0, message, i * Limits.UDP_DATA_SIZE, r.fragments[i].length);
        }
        r.fragments = null;
        return message;
    }
}
