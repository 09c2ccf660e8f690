package cn.idnode.store.rocksdb;

import cn.idnode.store.Cursor;
import cn.idnode.store.StoreException;
import java.util.Arrays;
import java.util.function.Consumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * A scan over one column family: a native iterator bounded above by the end of the prefix, positioned at the first
 * key to return. The iterator reads the implicit snapshot taken when it was created. The store closes cursors that
 * are still open when it closes; after that, {@link #close()} does nothing and the other methods throw.
 */
final class RocksDbCursor implements Cursor {
    private final Lifecycle lifecycle;
    private final Consumer<RocksDbCursor> onRelease;
    private final String spaceName;
    private final ReadOptions readOptions;
    private final Slice upperBound;
    private final RocksIterator iterator;
    private boolean started;
    private boolean valid;
    private boolean released;

    /**
     * @param upperBound exclusive upper bound of the keys, or null for none
     * @param startAfter return only keys strictly greater than this one, or null
     */
    RocksDbCursor(RocksDB db, ColumnFamilyHandle handle, String spaceName, byte[] prefix, byte[] upperBound,
                  byte[] startAfter, Lifecycle lifecycle, Consumer<RocksDbCursor> onRelease) {
        this.lifecycle = lifecycle;
        this.onRelease = onRelease;
        this.spaceName = spaceName;
        ReadOptions ro = new ReadOptions();
        Slice bound = null;
        RocksIterator it = null;
        try {
            if (upperBound != null) {
                bound = new Slice(upperBound);
                ro.setIterateUpperBound(bound);
            }
            it = db.newIterator(handle, ro);
            if (startAfter != null && Arrays.compareUnsigned(startAfter, prefix) >= 0) {
                it.seek(startAfter);
                if (it.isValid() && Arrays.equals(it.key(), startAfter)) {
                    it.next();
                }
            } else if (prefix.length == 0) {
                it.seekToFirst();
            } else {
                it.seek(prefix);
            }
        } catch (RuntimeException | Error e) {
            closeAll(it, ro, bound);
            throw e;
        }
        this.readOptions = ro;
        this.upperBound = bound;
        this.iterator = it;
    }

    @Override
    public boolean next() {
        lifecycle.enter();
        try {
            requireOpen();
            if (started) {
                if (!valid) {
                    return false;
                }
                iterator.next();
            }
            started = true;
            valid = iterator.isValid();
            if (!valid) {
                iterator.status(); // an invalid iterator is either at the end or failed: tell which
            }
            return valid;
        } catch (RocksDBException e) {
            valid = false;
            throw new StoreException("rocksdb scan of space " + spaceName + " failed: " + e.getMessage(), e);
        } finally {
            lifecycle.exit();
        }
    }

    @Override
    public byte[] key() {
        lifecycle.enter();
        try {
            requirePositioned();
            return iterator.key();
        } finally {
            lifecycle.exit();
        }
    }

    @Override
    public byte[] value() {
        lifecycle.enter();
        try {
            requirePositioned();
            return iterator.value();
        } finally {
            lifecycle.exit();
        }
    }

    @Override
    public void close() {
        if (!lifecycle.tryEnter()) {
            return; // the store is closed and has released this cursor already
        }
        try {
            release();
        } finally {
            lifecycle.exit();
        }
    }

    /** Frees the native objects. Called under the lifecycle lock: by {@link #close()}, or by the closing store. */
    void release() {
        if (released) {
            return;
        }
        released = true;
        valid = false;
        closeAll(iterator, readOptions, upperBound);
        onRelease.accept(this);
    }

    private void requireOpen() {
        if (released) {
            throw new IllegalStateException("cursor is closed");
        }
    }

    private void requirePositioned() {
        requireOpen();
        if (!valid) {
            throw new IllegalStateException(started ? "cursor is past its last entry" : "call next() first");
        }
    }

    private static void closeAll(RocksIterator it, ReadOptions ro, Slice bound) {
        if (it != null) {
            it.close();
        }
        ro.close(); // after the iterator that reads it
        if (bound != null) {
            bound.close(); // after the options that point at it
        }
    }
}
