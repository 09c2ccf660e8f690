package cn.idnode.crypto;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Session counter replay protection (handle-protocol.md §14.4): remembers the last {@value #SIZE} counters of one
 * session and rejects a counter already seen or not above the floor. Counter 0 is not checked.
 *
 * <p>Design note. The floor is the largest counter ever evicted from the window, so an evicted counter can never be
 * accepted again even when counters arrive out of order (CNRI's floor, the oldest remembered counter in arrival
 * order, can move down in that case). For counters arriving in order this is exactly the spec's "≤ the oldest
 * remembered one". The floor starts at 0, so negative counters are always rejected. Thread-safe.
 */
public final class ReplayWindow {
    public static final int SIZE = 200;

    private final ArrayDeque<Integer> order = new ArrayDeque<>(SIZE);
    private final Set<Integer> seen = new HashSet<>(SIZE * 2);
    private int floor;

    /** Records {@code counter} and returns true if it is fresh; false means replay (RC 505). */
    public synchronized boolean accept(int counter) {
        if (counter == 0) {
            return true;
        }
        if (counter <= floor || seen.contains(counter)) {
            return false;
        }
        if (order.size() == SIZE) {
            int evicted = order.removeFirst();
            seen.remove(evicted);
            floor = Math.max(floor, evicted);
        }
        order.addLast(counter);
        seen.add(counter);
        return true;
    }
}
