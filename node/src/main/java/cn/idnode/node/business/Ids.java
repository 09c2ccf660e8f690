package cn.idnode.node.business;

import cn.idnode.node.NodeSchema;
import cn.idnode.store.PreconditionFailedException;
import cn.idnode.store.Store;
import cn.idnode.store.StoreKeys;
import cn.idnode.store.WriteBatch;
import java.util.Optional;

/**
 * Numeric ids for business objects (enterprises, files, templates, accounts), increasing per kind. Ids are taken
 * from the store in blocks by compare-and-set on {@code ids/<kind>} in node metadata, so they never repeat, even
 * across restarts or several processes over one store; a crash skips at most the rest of a block.
 */
public final class Ids {
    private static final int BLOCK = 32;

    private final Store store;
    private final byte[] key;
    private long next;
    private long limit;

    public Ids(Store store, String kind) {
        this.store = store;
        this.key = StoreKeys.utf8("ids/" + kind);
    }

    public synchronized long next() {
        if (next >= limit) {
            reserve();
        }
        return next++;
    }

    private void reserve() {
        for (int attempt = 0; attempt < 100; attempt++) {
            Optional<byte[]> current = store.get(NodeSchema.NODE_META, key);
            long from = current.map(StoreKeys::sequence).orElse(1L);
            WriteBatch b = new WriteBatch();
            if (current.isPresent()) {
                b.requireValue(NodeSchema.NODE_META, key, current.get());
            } else {
                b.requireAbsent(NodeSchema.NODE_META, key);
            }
            b.put(NodeSchema.NODE_META, key, StoreKeys.sequence(from + BLOCK));
            try {
                store.write(b);
                next = from;
                limit = from + BLOCK;
                return;
            } catch (PreconditionFailedException e) {
                // another process took a block; read again
            }
        }
        throw new IllegalStateException("could not reserve ids for " + new String(key));
    }
}
