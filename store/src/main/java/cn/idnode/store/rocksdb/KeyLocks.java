package cn.idnode.store.rocksdb;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks over (space, key): a batch locks every key-value key it touches before checking its preconditions
 * and keeps the locks until its write has returned, so a check and the write it guards cannot interleave with
 * another batch on the same keys. Stripes are taken in ascending index order, which rules out deadlocks between
 * batches that share several stripes.
 */
final class KeyLocks {
    private final ReentrantLock[] stripes;
    private final int mask;

    KeyLocks(int count) {
        if (count < 1 || Integer.bitCount(count) != 1) {
            throw new IllegalArgumentException("stripe count must be a power of two: " + count);
        }
        stripes = new ReentrantLock[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new ReentrantLock();
        }
        mask = count - 1;
    }

    int stripe(String space, byte[] key) {
        int h = space.hashCode() * 31 + Arrays.hashCode(key);
        h *= 0x9E3779B9; // spread the low bits, which select the stripe
        return (h ^ (h >>> 16)) & mask;
    }

    /**
     * Locks the given stripes (any order, duplicates allowed) and returns the held set, to be released with
     * {@link Held#close()}.
     */
    Held lock(int[] wanted) {
        int[] sorted = sortedDistinct(wanted);
        int locked = 0;
        try {
            for (int s : sorted) {
                stripes[s].lock();
                locked++;
            }
        } catch (RuntimeException | Error e) {
            unlock(sorted, locked);
            throw e;
        }
        return new Held(sorted);
    }

    private static int[] sortedDistinct(int[] wanted) {
        int[] sorted = wanted.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (n == 0 || sorted[i] != sorted[n - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
    }

    private void unlock(int[] sorted, int count) {
        for (int i = count - 1; i >= 0; i--) {
            stripes[sorted[i]].unlock();
        }
    }

    /** Stripes held by one batch. */
    final class Held implements AutoCloseable {
        private final int[] sorted;
        private boolean released;

        private Held(int[] sorted) {
            this.sorted = sorted;
        }

        int count() {
            return sorted.length;
        }

        /** Unlocks every stripe; further calls do nothing. Call on the thread that locked. */
        @Override
        public void close() {
            if (!released) {
                released = true;
                unlock(sorted, sorted.length);
            }
        }
    }
}
