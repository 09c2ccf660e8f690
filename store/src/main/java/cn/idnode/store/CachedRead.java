package cn.idnode.store;

/**
 * The answer of a read that must not wait for I/O ({@link Store#getIfCached}): the value, its certain absence,
 * or "unknown without I/O" — in which case the caller repeats the read with {@link Store#get} off the I/O thread.
 */
public sealed interface CachedRead {
    record Hit(byte[] value) implements CachedRead {}

    record Absent() implements CachedRead {}

    record Unknown() implements CachedRead {}

    CachedRead ABSENT = new Absent();
    CachedRead UNKNOWN = new Unknown();
}
