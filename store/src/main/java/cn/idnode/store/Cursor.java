package cn.idnode.store;

/**
 * A forward iteration over keys in order. Close it (try-with-resources): engines hold snapshots or native
 * iterators while it is open. Not thread-safe.
 */
public interface Cursor extends AutoCloseable {
    /** Moves to the next entry; false at the end. Must be called before the first {@link #key()}. */
    boolean next();

    byte[] key();

    byte[] value();

    @Override
    void close();
}
