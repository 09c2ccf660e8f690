package cn.idnode.node.prefix;

/**
 * Limits on one enterprise prefix (idis-extensions.md §9): a daily quota of resolutions (answered RC 603 once
 * spent), a cap on the identifiers registered under it (RC 604), and suspension — the prefix is known but not
 * served (RC 605). IDIS clients get these codes; other clients get RC 2 (603, 604) or RC 301 (605).
 *
 * @param dailyRequests resolutions per day (UTC+8 calendar day), 0 = unlimited
 * @param registrations identifiers under the prefix, 0 = unlimited
 */
public record PrefixLimits(long dailyRequests, long registrations, boolean suspended) {
    public static final PrefixLimits NONE = new PrefixLimits(0, 0, false);

    public PrefixLimits {
        if (dailyRequests < 0 || registrations < 0) {
            throw new IllegalArgumentException("limits are 0 (unlimited) or positive");
        }
    }
}
