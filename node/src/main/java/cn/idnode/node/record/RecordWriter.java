package cn.idnode.node.record;

import cn.idnode.node.NodeSchema;
import cn.idnode.node.audit.AuditEntry;
import cn.idnode.node.audit.AuditLog;
import cn.idnode.node.error.HandleException;
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
import java.util.HashMap;
import java.util.Map;
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
        validate(c);
        Map<ByteString, Long> counters = new HashMap<>();
        stageValidated(batch, ctx, action, c, counters);
        counters.forEach((k, d) -> batch.add(NodeSchema.USAGE, k.toByteArray(), d));
    }

    private void stageValidated(WriteBatch batch, OperationContext ctx, String action, Change c,
                                Map<ByteString, Long> counters) {
        byte[] key = RecordStore.key(c.handle());
        byte[] beforeBytes = c.before().map(StoredRecord::encode).orElse(null);
        byte[] afterBytes = c.after().map(StoredRecord::encode).orElse(null);
        if (beforeBytes != null) {
            batch.requireValue(NodeSchema.HANDLES, key, beforeBytes);
        } else {
            batch.requireAbsent(NodeSchema.HANDLES, key);
        }
        if (afterBytes != null) {
            batch.put(NodeSchema.HANDLES, key, afterBytes);
        } else {
            batch.delete(NodeSchema.HANDLES, key);
        }
        if (c.before().isPresent() != c.after().isPresent()) {
            counters.merge(ByteString.wrap(PrefixPolicy.handleCountKey(HandleNames.prefix(c.handle())
                    .toAsciiUpperCase())), c.after().isPresent() ? 1L : -1L, Long::sum);
        }
        Optional<ByteString> oldTemplate = c.before().flatMap(RecordWriter::templateOf);
        Optional<ByteString> newTemplate = c.after().flatMap(RecordWriter::templateOf);
        if (!Objects.equals(oldTemplate, newTemplate)) {
            oldTemplate.ifPresent(t -> counters.merge(ByteString.wrap(templateUseKey(t)), -1L, Long::sum));
            newTemplate.ifPresent(t -> counters.merge(ByteString.wrap(templateUseKey(t)), 1L, Long::sum));
        }
        AuditLog.append(batch, new AuditEntry(ctx.clock().millis(), actor(ctx), source(ctx), action,
                c.handle().utf8(), masked(c.before(), beforeBytes), masked(c.after(), afterBytes)));
    }

    /** What became of one change of {@link #writeAll}: written, lost to a concurrent change, or refused. */
    public record Outcome(boolean written, Optional<HandleException> refusal) {
        static final Outcome WRITTEN = new Outcome(true, Optional.empty());
        static final Outcome CONFLICT = new Outcome(false, Optional.empty());
    }

    /**
     * Writes many independent changes with as few store writes as possible: each is validated (a refused change is
     * reported and left out), the rest go into one batch — counters summed per key — and when a precondition fails
     * (a record created or changed meanwhile), that change alone is dropped and the rest written again.
     */
    public Outcome[] writeAll(OperationContext ctx, String action, List<Change> changes) {
        Outcome[] out = new Outcome[changes.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            try {
                validate(changes.get(i));
                pending.add(i);
            } catch (HandleException e) {
                out[i] = new Outcome(false, Optional.of(e));
            }
        }
        while (!pending.isEmpty()) {
            WriteBatch batch = new WriteBatch();
            Map<ByteString, Long> counters = new HashMap<>();
            for (int i : pending) {
                stageValidated(batch, ctx, action, changes.get(i), counters);
            }
            counters.forEach((k, d) -> batch.add(NodeSchema.USAGE, k.toByteArray(), d));
            try {
                store.write(batch);
                for (int i : pending) {
                    out[i] = Outcome.WRITTEN;
                }
                return out;
            } catch (PreconditionFailedException e) {
                byte[] failed = e.failed().key();
                pending.removeIf(i -> {
                    boolean lost = Arrays.equals(RecordStore.key(changes.get(i).handle()), failed);
                    if (lost) {
                        out[i] = Outcome.CONFLICT;
                    }
                    return lost;
                });
            }
        }
        return out;
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
        return new AuditEntry(ctx.clock().millis(), actor(ctx), source(ctx), action, handle.utf8(),
                before.map(RecordWriter::masked).orElse(ByteString.EMPTY),
                after.map(RecordWriter::masked).orElse(ByteString.EMPTY));
    }

    private static String actor(OperationContext ctx) {
        return ctx.caller().identity().map(Object::toString).orElse("anonymous");
    }

    private static String source(OperationContext ctx) {
        return ctx.caller().remoteAddress() + "/" + ctx.caller().surface();
    }

    private static ByteString masked(Optional<StoredRecord> r, byte[] encoded) {
        if (r.isEmpty()) {
            return ByteString.EMPTY;
        }
        return r.get().values().anyMatch(v -> v.typeIs(ValueTypes.HS_SECKEY)) ? masked(r.get())
                : ByteString.wrap(encoded);
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
