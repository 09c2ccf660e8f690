package cn.idnode.node.record;

import cn.idnode.node.NodeSchema;
import cn.idnode.node.audit.AuditEntry;
import cn.idnode.node.audit.AuditLog;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.prefix.PrefixPolicy;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.EncodedValues;
import cn.idnode.protocol.HandleNames;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ValueTypes;
import cn.idnode.store.PreconditionFailedException;
import cn.idnode.store.Store;
import cn.idnode.store.StoreKeys;
import cn.idnode.store.WriteBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes record changes together with their audit entries, in one store batch, guarded by what was read: creation
 * requires the key to be absent, replacement and deletion require the stored bytes to be unchanged
 * (compare-and-set). A lost race surfaces as {@link ConflictException}; operations re-read and retry.
 *
 * <p>Every change passes the {@link RecordValidator} first and keeps two counters in the same batch: identifiers per
 * prefix ({@link PrefixPolicy#handleCountKey}) and records per metadata template ({@link #templateUseKey}), the
 * latter so a template still in use cannot be deleted.
 */
public final class RecordWriter {
    /** Index of the value naming a record's metadata template (national-system.md §2.3). */
    public static final int TEMPLATE_ID_INDEX = 1000;

    private final Store store;
    private final RecordValidator validator;

    public RecordWriter(Store store) {
        this(store, RecordValidator.NONE);
    }

    public RecordWriter(Store store, RecordValidator validator) {
        this.store = store;
        this.validator = validator;
    }

    /** Thrown when the record changed between read and write. */
    public static final class ConflictException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConflictException() {
            super("record changed concurrently", null, false, false);
        }
    }

    /** One change: the record as read (empty: must not exist) and the new record (empty: delete). */
    public record Change(ByteString handle, Optional<StoredRecord> before, Optional<StoredRecord> after) {}

    /**
     * @param before the record as read (empty: it must not exist)
     * @param after  the new record (empty: delete)
     */
    public void write(OperationContext ctx, String action, ByteString handle, Optional<StoredRecord> before,
                      Optional<StoredRecord> after) {
        WriteBatch batch = new WriteBatch();
        stage(batch, ctx, action, new Change(handle, before, after));
        try {
            store.write(batch);
        } catch (PreconditionFailedException e) {
            throw new ConflictException();
        }
    }

    /**
     * Validates a change and adds it to {@code batch}: its precondition, the put or delete, counters and the audit
     * entry. The caller writes the batch (and may add its own changes to it).
     */
    public void stage(WriteBatch batch, OperationContext ctx, String action, Change c) {
        c.after().ifPresent(a -> validator.check(c.handle(), c.before(), a));
        byte[] key = RecordStore.key(c.handle());
        if (c.before().isPresent()) {
            batch.requireValue(NodeSchema.HANDLES, key, c.before().get().encode());
        } else {
            batch.requireAbsent(NodeSchema.HANDLES, key);
        }
        if (c.after().isPresent()) {
            batch.put(NodeSchema.HANDLES, key, c.after().get().encode());
        } else {
            batch.delete(NodeSchema.HANDLES, key);
        }
        if (c.before().isPresent() != c.after().isPresent()) {
            batch.add(NodeSchema.USAGE, PrefixPolicy.handleCountKey(HandleNames.prefix(c.handle()).toAsciiUpperCase()),
                    c.after().isPresent() ? 1 : -1);
        }
        Optional<ByteString> oldTemplate = c.before().flatMap(RecordWriter::templateOf);
        Optional<ByteString> newTemplate = c.after().flatMap(RecordWriter::templateOf);
        if (!Objects.equals(oldTemplate, newTemplate)) {
            oldTemplate.ifPresent(t -> batch.add(NodeSchema.USAGE, templateUseKey(t), -1));
            newTemplate.ifPresent(t -> batch.add(NodeSchema.USAGE, templateUseKey(t), 1));
        }
        AuditLog.append(batch, audit(ctx, action, c.handle(), c.before(), c.after()));
    }

    /**
     * Writes many independent changes with as few store writes as possible: all in one batch, and when a
     * precondition fails (a record created or changed meanwhile), that change alone is dropped and the rest written
     * again. Returns, per change, whether it was written; a change that fails validation throws before anything is
     * written — validate first with {@link #validate}.
     */
    public boolean[] writeAll(OperationContext ctx, String action, List<Change> changes) {
        boolean[] written = new boolean[changes.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            pending.add(i);
        }
        while (!pending.isEmpty()) {
            WriteBatch batch = new WriteBatch();
            for (int i : pending) {
                stage(batch, ctx, action, changes.get(i));
            }
            try {
                store.write(batch);
                for (int i : pending) {
                    written[i] = true;
                }
                return written;
            } catch (PreconditionFailedException e) {
                byte[] failed = e.failed().key();
                pending.removeIf(i -> Arrays.equals(RecordStore.key(changes.get(i).handle()), failed));
            }
        }
        return written;
    }

    /** Runs the validator on a change without staging it. */
    public void validate(Change c) {
        c.after().ifPresent(a -> validator.check(c.handle(), c.before(), a));
    }

    /** The counter key of the records naming a template handle. */
    public static byte[] templateUseKey(ByteString templateHandle) {
        return StoreKeys.utf8("template/" + templateHandle.toAsciiUpperCase().utf8());
    }

    /** The template handle a record names at index 1000, if any. */
    public static Optional<ByteString> templateOf(StoredRecord r) {
        EncodedValues values = r.values();
        if (!values.anyMatch(v -> v.index() == TEMPLATE_ID_INDEX)) {
            return Optional.empty();
        }
        for (HandleValue v : values.decode()) {
            if (v.index() == TEMPLATE_ID_INDEX) {
                return Optional.of(v.data().toAsciiUpperCase());
            }
        }
        return Optional.empty();
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
        if (!r.values().anyMatch(v -> v.typeIs(ValueTypes.HS_SECKEY))) {
            return ByteString.wrap(r.encode());
        }
        List<HandleValue> m = r.values().decode().stream().map(v -> ValueTypes.is(v.type(), ValueTypes.HS_SECKEY)
                ? new HandleValue(v.index(), v.timestamp(), v.ttlType(), v.ttl(), v.permissions(), v.type(),
                        ByteString.utf8("***"), v.references()) : v).toList();
        return ByteString.wrap(new StoredRecord(r.handle(), EncodedValues.of(m)).encode());
    }
}
