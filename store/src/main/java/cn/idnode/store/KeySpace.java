package cn.idnode.store;

import java.util.regex.Pattern;

/**
 * A named, separate key space: a column family in RocksDB, a table in a distributed engine.
 *
 * <p>The store does not know what the spaces mean; the node declares the ones it uses when it opens the store.
 * A space is either a plain key/value space, an append-only log (keys are sequence numbers assigned by the store)
 * or a counter space (values are 64-bit sums).
 */
public record KeySpace(String name, Kind kind) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,47}");

    public enum Kind { KEY_VALUE, LOG, COUNTER }

    public KeySpace {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("key space name must match " + NAME + ": " + name);
        }
        if (kind == null) {
            throw new IllegalArgumentException("key space kind is required");
        }
    }

    public static KeySpace keyValue(String name) {
        return new KeySpace(name, Kind.KEY_VALUE);
    }

    public static KeySpace log(String name) {
        return new KeySpace(name, Kind.LOG);
    }

    public static KeySpace counter(String name) {
        return new KeySpace(name, Kind.COUNTER);
    }
}
