package cn.idnode.node.prefix;

import cn.idnode.protocol.ByteString;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The status of every enterprise prefix the business layer manages, in memory for the hot path (one hash look-up per
 * resolution). Loaded from the store at start and updated after each committed change. Prefixes not in the table
 * (homed by Handle administrators without the business layer) are not restricted.
 */
public final class PrefixStates {
    private final ConcurrentHashMap<ByteString, PrefixStatus> states = new ConcurrentHashMap<>();

    /** @param prefixUpper the enterprise prefix, ASCII upper-cased ({@code 88.123.4567}) */
    public Optional<PrefixStatus> get(ByteString prefixUpper) {
        return states.isEmpty() ? Optional.empty() : Optional.ofNullable(states.get(prefixUpper));
    }

    public void set(ByteString prefixUpper, PrefixStatus status) {
        states.put(prefixUpper, status);
    }

    public void remove(ByteString prefixUpper) {
        states.remove(prefixUpper);
    }
}
