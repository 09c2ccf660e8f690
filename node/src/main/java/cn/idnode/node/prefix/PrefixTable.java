package cn.idnode.node.prefix;

import cn.idnode.node.NodeSchema;
import cn.idnode.protocol.ByteString;
import cn.idnode.store.Cursor;
import cn.idnode.store.Store;
import cn.idnode.store.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The homed-prefix table (handle-protocol.md §11.1): which prefix handles this server serves. Entries are stored
 * upper-cased ({@code 0.NA/88.123.4567}, or a derived-prefix marker {@code 0.NA/0.NA/88.123}). The table is small and
 * read on every request, so it is held in memory and written through to the store.
 */
public final class PrefixTable {
    private final Store store;
    private final Set<ByteString> homed = ConcurrentHashMap.newKeySet();

    public PrefixTable(Store store) {
        this.store = store;
        try (Cursor c = store.scan(NodeSchema.HOMED_PREFIXES, new byte[0], Optional.empty())) {
            while (c.next()) {
                homed.add(ByteString.wrap(c.key()));
            }
        }
    }

    /** Is this prefix handle homed? {@code prefixHandle} is compared upper-cased. */
    public boolean isHomed(ByteString prefixHandle) {
        return homed.contains(prefixHandle.toAsciiUpperCase());
    }

    /** Adds a homing to a batch; call {@link #applied} after the batch is written. */
    public void home(WriteBatch batch, ByteString prefixHandle) {
        batch.put(NodeSchema.HOMED_PREFIXES, prefixHandle.toAsciiUpperCase().toByteArray(), new byte[0]);
    }

    public void unhome(WriteBatch batch, ByteString prefixHandle) {
        batch.delete(NodeSchema.HOMED_PREFIXES, prefixHandle.toAsciiUpperCase().toByteArray());
    }

    /** Brings the in-memory table in line with a written batch's homing changes. */
    public void applied(ByteString prefixHandle, boolean isHomed) {
        if (isHomed) {
            homed.add(prefixHandle.toAsciiUpperCase());
        } else {
            homed.remove(prefixHandle.toAsciiUpperCase());
        }
    }

    /** All homed entries, sorted. */
    public List<ByteString> list() {
        List<ByteString> out = new ArrayList<>(homed);
        out.sort(null);
        return out;
    }
}
