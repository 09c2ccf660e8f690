package cn.idnode.store.rocksdb;

import java.util.TreeMap;

/**
 * Assigns the sequence numbers of one log space and tells how far the log may be read.
 *
 * <p>Numbers are reserved before a batch is written and released once the write has returned or failed. Writers
 * are not serialised, so a batch holding number 7 may commit before the batch holding 6; a reader that saw 7 and
 * then resumed "after 7" would miss 6 forever. {@link #visible()} therefore stops just below the oldest number still
 * in flight: every number up to it is either written or abandoned (a failed write leaves a gap, never a reuse).
 */
final class LogSequencer {
    private long last;
    /** First number of each reservation still in flight, with its count. */
    private final TreeMap<Long, Integer> inFlight = new TreeMap<>();

    /** @param lastPersisted the highest sequence number found in the log at open (0 if empty) */
    LogSequencer(long lastPersisted) {
        if (lastPersisted < 0) {
            throw new IllegalArgumentException("negative sequence number " + lastPersisted);
        }
        this.last = lastPersisted;
    }

    /** Reserves {@code count} consecutive numbers and returns the first; release it with {@link #release}. */
    synchronized long reserve(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        long first = last + 1;
        last += count;
        inFlight.put(first, count);
        return first;
    }

    /** Ends a reservation, whether its write succeeded or not. Its numbers are never handed out again. */
    synchronized void release(long first) {
        if (inFlight.remove(first) == null) {
            throw new IllegalStateException("no reservation starts at " + first);
        }
    }

    /** The highest number below which no write is still in flight: entries up to it can be read in full. */
    synchronized long visible() {
        return inFlight.isEmpty() ? last : inFlight.firstKey() - 1;
    }

    /** The highest number reserved so far. */
    synchronized long lastReserved() {
        return last;
    }
}
