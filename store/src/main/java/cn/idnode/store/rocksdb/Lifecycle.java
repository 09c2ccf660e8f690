package cn.idnode.store.rocksdb;

import cn.idnode.store.StoreException;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps native objects from being released while an operation uses them: every operation runs between
 * {@link #enter()} and {@link #exit()} (a shared lock), and {@link #close()} takes the lock exclusively, so it waits
 * for running operations and every later one fails with "store is closed" instead of touching freed memory.
 */
final class Lifecycle {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed; // guarded by lock

    void enter() {
        if (!tryEnter()) {
            throw new StoreException("store is closed");
        }
    }

    /** Like {@link #enter()} but answers false instead of throwing when the store is closed. */
    boolean tryEnter() {
        lock.readLock().lock();
        if (closed) {
            lock.readLock().unlock();
            return false;
        }
        return true;
    }

    void exit() {
        lock.readLock().unlock();
    }

    /** Marks the store closed once no operation is running; false if it was closed already. */
    boolean close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }
}
