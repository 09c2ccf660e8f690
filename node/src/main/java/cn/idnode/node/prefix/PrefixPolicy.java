package cn.idnode.node.prefix;

import cn.idnode.node.NodeSchema;
import cn.idnode.node.error.HandleException;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleNames;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.store.Store;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Applies per-prefix limits (quotas, registration caps, suspension) to resolutions and registrations, and counts
 * resolutions per prefix. Limits come from configuration, keyed by the enterprise prefix (upper-cased); a handle is
 * governed by the limits of its own prefix.
 */
public final class PrefixPolicy {
    private final Map<ByteString, PrefixLimits> limits;
    private final UsageCounters usage;
    private final Store store;

    public PrefixPolicy(Map<ByteString, PrefixLimits> limits, UsageCounters usage, Store store) {
        this.limits = Map.copyOf(limits);
        this.usage = usage;
        this.store = store;
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

    /** Before registering a new identifier under the handle's prefix: suspension (605), the cap (604). May block. */
    public void beforeRegistration(ByteString handle) {
        if (limits.isEmpty()) {
            return;
        }
        ByteString prefix = HandleNames.prefix(handle).toAsciiUpperCase();
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
