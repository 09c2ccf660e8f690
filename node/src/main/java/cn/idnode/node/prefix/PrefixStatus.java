package cn.idnode.node.prefix;

import java.util.Optional;

/**
 * The states of an enterprise prefix allocated by this node, numbered as the SNMS API reports them (snms-api.md §5.1).
 * Only {@link #ENABLED} serves: a disabled prefix or one pending deletion refuses registration and resolution; a
 * prefix still under review or rejected has no records to serve and refuses registration.
 */
public enum PrefixStatus {
    DISABLED(0, "停用"),
    ENABLED(1, "启用"),
    PENDING_DELETION(2, "待删除"),
    REJECTED(3, "被驳回"),
    PENDING_REVIEW(4, "待审核"),
    UNDER_REVIEW(5, "审核中");

    private final int code;
    private final String label;

    PrefixStatus(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    /** The Chinese name used in messages. */
    public String label() {
        return label;
    }

    public static Optional<PrefixStatus> of(int code) {
        for (PrefixStatus s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
