package cn.idnode.node.record;

import cn.idnode.node.NodeSchema;
import cn.idnode.node.audit.AuditEntry;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.prefix.PrefixPolicy;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.EncodedValues;
import cn.idnode.protocol.HandleNames;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ValueTypes;
import cn.idnode.store.PreconditionFailedException;
import cn.idnode.store.Store;
import cn.idnode.store.WriteBatch;
import java.util.List;
import java.util.Optional;

/**
 * Writes one record change together with its audit entry, in one store batch, guarded by what was read: creation
 * requires the key to be absent, replacement and deletion require the stored bytes to be unchanged
 * (compare-and-set). A lost race surfaces as {@link ConflictException}; operations re-read and retry.
 */
public final class RecordWriter {
    private final Store store;

    public RecordWriter(Store store) {
        this.store = store;
    }

    /** Thrown when the record changed between read and write. */
    public static final class ConflictException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConflictException() {
            super("record changed concurrently", null, false, false);
        }
    }

    /**
     * @param before the record as read (empty: it must not exist)
     * @param after  the new record (empty: delete)
     */
    public void write(OperationContext ctx, String action, ByteString handle, Optional<StoredRecord> before,
                      Optional<StoredRecord> after) {
        WriteBatch batch = new WriteBatch();
        byte[] key = RecordStore.key(handle);
        if (before.isPresent()) {
            batch.requireValue(NodeSchema.HANDLES, key, before.get().encode());
        } else {
            batch.requireAbsent(NodeSchema.HANDLES, key);
        }
        if (after.isPresent()) {
            batch.put(NodeSchema.HANDLES, key, after.get().encode());
        } else {
            batch.delete(NodeSchema.HANDLES, key);
        }
        if (before.isPresent() != after.isPresent()) {
            batch.add(NodeSchema.USAGE, PrefixPolicy.handleCountKey(HandleNames.prefix(handle).toAsciiUpperCase()),
                    after.isPresent() ? 1 : -1);
        }
        batch.append(NodeSchema.AUDIT, audit(ctx, action, handle, before, after).encode());
        try {
            store.write(batch);
        } catch (PreconditionFailedException e) {
            throw new ConflictException();
        }
    }

    /** An audit entry with HS_SECKEY data masked. */
    public static AuditEntry audit(OperationContext ctx, String action, ByteString handle,
                                   Optional<StoredRecord> before, Optional<StoredRecord> after) {
        return new AuditEntry(ctx.clock().millis(), ctx.caller().identity().map(Object::toString).orElse("anonymous"),
                ctx.caller().remoteAddress() + "/" + ctx.caller().surface(), action, handle.utf8(),
                before.map(RecordWriter::masked).orElse(ByteString.EMPTY),
                after.map(RecordWriter::masked).orElse(ByteString.EMPTY));
    }

    static ByteString masked(StoredRecord r) {
        List<HandleValue> values = r.values().decode();
        boolean secret = values.stream().anyMatch(v -> ValueTypes.is(v.type(), ValueTypes.HS_SECKEY));
        if (!secret) {
            return ByteString.wrap(r.encode());
        }
        List<HandleValue> m = values.stream().map(v -> ValueTypes.is(v.type(), ValueTypes.HS_SECKEY)
                ? new HandleValue(v.index(), v.timestamp(), v.ttlType(), v.ttl(), v.permissions(), v.type(),
                        ByteString.utf8("***"), v.references()) : v).toList();
        return ByteString.wrap(new StoredRecord(r.handle(), EncodedValues.of(m)).encode());
    }
}
