package cn.idnode.node.prefix;

import cn.idnode.node.NodeSchema;
import cn.idnode.node.error.HandleException;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleNames;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.store.Store;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Applies per-prefix limits (quotas, registration caps, suspension) to resolutions and registrations, and counts
 * resolutions per prefix. Limits come from configuration, keyed by the enterprise prefix (upper-cased); a handle is
 * governed by the limits of its own prefix.
 */
public final class PrefixPolicy {
    private final Map<ByteString, PrefixLimits> limits;
    private final UsageCounters usage;
    private final Store store;
    private final PrefixStates states;

    public PrefixPolicy(Map<ByteString, PrefixLimits> limits, UsageCounters usage, Store store) {
        this(limits, usage, store, new PrefixStates());
    }

    public PrefixPolicy(Map<ByteString, PrefixLimits> limits, UsageCounters usage, Store store, PrefixStates states) {
        this.limits = Map.copyOf(limits);
        this.usage = usage;
        this.store = store;
        this.states = states;
    }

    /** The business states of enterprise prefixes (disabled prefixes refuse service). */
    public PrefixStates states() {
        return states;
    }

    /** Refuses a prefix whose business state does not allow serving: 605 with the state in the message. */
    private void checkState(ByteString prefix, boolean registering) {
        Optional<PrefixStatus> s = states.get(prefix);
        if (s.isEmpty() || s.get() == PrefixStatus.ENABLED) {
            return;
        }
        if (registering || s.get() == PrefixStatus.DISABLED || s.get() == PrefixStatus.PENDING_DELETION) {
            throw new HandleException(ResponseCode.IDIS_PREFIX_LIMIT, "前缀" + prefix.utf8() + "状态为"
                    + s.get().label() + "，不提供服务 (prefix " + prefix.utf8() + " is "
                    + s.get().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
        }
    }

    public UsageCounters usage() {
        return usage;
    }

    /** The counter key of the identifiers registered under a prefix. */
    public static byte[] handleCountKey(ByteString prefixUpper) {
        return ("handles/" + prefixUpper.utf8()).getBytes(StandardCharsets.UTF_8);
    }

    /** Before a resolution of {@code lookupHandle}: suspension (605) and the daily quota (603); counts it. */
    public void beforeResolution(ByteString lookupHandle) {
        ByteString prefix = HandleNames.prefix(lookupHandle).toAsciiUpperCase();
        long count = usage.countResolution(prefix);
        checkState(prefix, false);
        if (limits.isEmpty()) {
            return;
        }
        PrefixLimits l = limits.get(prefix);
        if (l == null) {
            return;
        }
        if (l.suspended()) {
            throw new HandleException(ResponseCode.IDIS_PREFIX_LIMIT, "prefix " + prefix + " is suspended at this node");
        }
        if (l.dailyRequests() > 0 && count > l.dailyRequests()) {
            throw new HandleException(ResponseCode.IDIS_REQUEST_LIMIT_DAILY, "prefix " + prefix
                    + " has used its daily quota of " + l.dailyRequests() + " resolutions");
        }
    }

    /**
     * How many more identifiers the prefix may register under its cap ({@code Long.MAX_VALUE} if none), after the
     * state check of {@link #beforeRegistration}. May block.
     */
    public long registrationsLeft(ByteString prefixUpper) {
        checkState(prefixUpper, true);
        PrefixLimits l = limits.get(prefixUpper);
        if (l != null && l.suspended()) {
            throw new HandleException(ResponseCode.IDIS_PREFIX_LIMIT, "prefix " + prefixUpper + " is suspended at this node");
        }
        if (l == null || l.registrations() <= 0) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, l.registrations() - store.counter(NodeSchema.USAGE, handleCountKey(prefixUpper)));
    }

    /** Before registering a new identifier under the handle's prefix: suspension (605), the cap (604). May block. */
    public void beforeRegistration(ByteString handle) {
        ByteString prefix = HandleNames.prefix(handle).toAsciiUpperCase();
        checkState(prefix, true);
        if (limits.isEmpty()) {
            return;
        }
        PrefixLimits l = limits.get(prefix);
        if (l == null) {
            return;
        }
        if (l.suspended()) {
            throw new HandleException(ResponseCode.IDIS_PREFIX_LIMIT, "prefix " + prefix + " is suspended at this node");
        }
        if (l.registrations() > 0 && store.counter(NodeSchema.USAGE, handleCountKey(prefix)) >= l.registrations()) {
            throw new HandleException(ResponseCode.IDIS_REGISTER_COUNT_LIMIT, "prefix " + prefix
                    + " has reached its limit of " + l.registrations() + " identifiers");
        }
    }
}
