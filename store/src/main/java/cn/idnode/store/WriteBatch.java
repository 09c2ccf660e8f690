package cn.idnode.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Changes applied together by {@link Store#write}: all of them or none. Optional preconditions are checked
 * atomically with the write (the engine's "IF NOT EXISTS" / compare-and-set); if one fails nothing is written
 * and {@link PreconditionFailedException} names it.
 *
 * <p>Not thread-safe; build it on one thread, then hand it to the store. Arrays passed in are not copied: do not
 * modify them afterwards.
 */
public final class WriteBatch {

    /** One change or precondition. {@code value} is null for deletes and absence checks. */
    public record Op(Type type, KeySpace space, byte[] key, byte[] value, long delta) {
        public enum Type { PUT, DELETE, APPEND, INDEX_APPEND, ADD, REQUIRE_ABSENT, REQUIRE_PRESENT, REQUIRE_VALUE }

        @Override
        public String toString() {
            return type + " " + space.name() + " " + StoreKeys.printable(key);
        }
    }

    private final List<Op> ops = new ArrayList<>();

    public WriteBatch put(KeySpace space, byte[] key, byte[] value) {
        require(space, KeySpace.Kind.KEY_VALUE);
        ops.add(new Op(Op.Type.PUT, space, nonEmpty(key), nonNull(value), 0));
        return this;
    }

    public WriteBatch delete(KeySpace space, byte[] key) {
        if (space.kind() == KeySpace.Kind.LOG) {
            throw new IllegalArgumentException("log entries are never deleted one by one: " + space.name());
        }
        ops.add(new Op(Op.Type.DELETE, space, nonEmpty(key), null, 0));
        return this;
    }

    /** Appends an entry to a log space; the store assigns its sequence number (returned by {@link Store#write}). */
    public WriteBatch append(KeySpace space, byte[] entry) {
        require(space, KeySpace.Kind.LOG);
        ops.add(new Op(Op.Type.APPEND, space, null, nonNull(entry), 0));
        return this;
    }

    /**
     * Puts an empty value under {@code keyPrefix} followed by the 8-byte sequence number the store assigns to the
     * latest {@link #append} before this call in the batch: a secondary index of log entries (audit by object, by
     * actor...) written atomically with the entry it points to. Scanning the index space by {@code keyPrefix} then
     * yields the sequence numbers in order ({@link StoreKeys#sequence(byte[])} of the key's last 8 bytes).
     */
    public WriteBatch indexLastAppend(KeySpace space, byte[] keyPrefix) {
        require(space, KeySpace.Kind.KEY_VALUE);
        if (ops.stream().noneMatch(o -> o.type() == Op.Type.APPEND)) {
            throw new IllegalStateException("indexLastAppend needs an append earlier in the batch");
        }
        ops.add(new Op(Op.Type.INDEX_APPEND, space, nonEmpty(keyPrefix), null, 0));
        return this;
    }

    /** Adds {@code delta} (may be negative) to a 64-bit counter; a missing counter counts as 0. */
    public WriteBatch add(KeySpace space, byte[] key, long delta) {
        require(space, KeySpace.Kind.COUNTER);
        ops.add(new Op(Op.Type.ADD, space, nonEmpty(key), null, delta));
        return this;
    }

    /** The write happens only if {@code key} has no value when the batch is applied. */
    public WriteBatch requireAbsent(KeySpace space, byte[] key) {
        require(space, KeySpace.Kind.KEY_VALUE);
        ops.add(new Op(Op.Type.REQUIRE_ABSENT, space, nonEmpty(key), null, 0));
        return this;
    }

    /** The write happens only if {@code key} has some value when the batch is applied. */
    public WriteBatch requirePresent(KeySpace space, byte[] key) {
        require(space, KeySpace.Kind.KEY_VALUE);
        ops.add(new Op(Op.Type.REQUIRE_PRESENT, space, nonEmpty(key), null, 0));
        return this;
    }

    /** The write happens only if {@code key} holds exactly {@code expected} when the batch is applied. */
    public WriteBatch requireValue(KeySpace space, byte[] key, byte[] expected) {
        require(space, KeySpace.Kind.KEY_VALUE);
        ops.add(new Op(Op.Type.REQUIRE_VALUE, space, nonEmpty(key), nonNull(expected), 0));
        return this;
    }

    public List<Op> ops() {
        return List.copyOf(ops);
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    public int size() {
        return ops.size();
    }

    private static void require(KeySpace space, KeySpace.Kind kind) {
        if (space.kind() != kind) {
            throw new IllegalArgumentException(space.name() + " is a " + space.kind() + " space, not " + kind);
        }
    }

    private static byte[] nonEmpty(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("keys are non-empty");
        }
        return key;
    }

    private static byte[] nonNull(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("values are non-null (use delete to remove)");
        }
        return value;
    }

    @Override
    public String toString() {
        return "WriteBatch" + Arrays.toString(ops.toArray());
    }
}
