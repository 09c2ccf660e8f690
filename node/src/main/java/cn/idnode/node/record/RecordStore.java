package cn.idnode.node.record;

import cn.idnode.node.NodeSchema;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleNames;
import cn.idnode.store.CachedRead;
import cn.idnode.store.Cursor;
import cn.idnode.store.Store;
import cn.idnode.store.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Handle records in the store, keyed by the normalised handle (ASCII upper case, handle-protocol.md §11.6). */
public final class RecordStore {
    private final Store store;

    public RecordStore(Store store) {
        this.store = store;
    }

    public static byte[] key(ByteString handle) {
        return HandleNames.key(handle).toByteArray();
    }

    /** Reads a record; may block on I/O. */
    public Optional<StoredRecord> get(ByteString handle) {
        return store.get(NodeSchema.HANDLES, key(handle)).map(StoredRecord::decode);
    }

    /** Reads a record without I/O, or throws {@link WouldBlockException}. */
    public Optional<StoredRecord> getWithoutBlocking(ByteString handle) {
        CachedRead r = store.getIfCached(NodeSchema.HANDLES, key(handle));
        if (r instanceof CachedRead.Hit hit) {
            return Optional.of(StoredRecord.decode(hit.value()));
        }
        if (r instanceof CachedRead.Absent) {
            return Optional.empty();
        }
        throw WouldBlockException.INSTANCE;
    }

    public void put(WriteBatch batch, StoredRecord record) {
        batch.put(NodeSchema.HANDLES, key(record.handle()), record.encode());
    }

    public void delete(WriteBatch batch, ByteString handle) {
        batch.delete(NodeSchema.HANDLES, key(handle));
    }

    /**
     * Handles (as stored) whose normalised form starts with {@code keyPrefix}, after {@code startAfter} (a normalised
     * key), at most {@code limit}.
     */
    public List<ByteString> listKeys(ByteString keyPrefix, Optional<ByteString> startAfter, int limit) {
        List<ByteString> out = new ArrayList<>();
        try (Cursor c = store.scan(NodeSchema.HANDLES, keyPrefix.toByteArray(), startAfter.map(ByteString::toByteArray))) {
            while (out.size() < limit && c.next()) {
                out.add(ByteString.wrap(c.key()));
            }
        }
        return out;
    }
}
