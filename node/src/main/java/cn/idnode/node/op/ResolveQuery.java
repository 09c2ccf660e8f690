package cn.idnode.node.op;

import cn.idnode.protocol.ByteString;
import java.util.List;

/**
 * A resolution (handle-protocol.md §7.1) as every surface asks for it.
 *
 * @param handle     as the client sent it (echoed back unchanged); a bare prefix is looked up as {@code 0.NA/<PREFIX>}
 * @param indexes    requested indexes; with {@code types}, both empty = all values
 * @param types      requested types; a trailing '.' also matches sub-types
 * @param publicOnly only publicly readable values (the PO flag)
 * @param doNotRefer never answer with a referral (the DNRF flag)
 * @param identityDecides the caller's identity (IDIS login or token) decides which restricted values it sees even
 *                   with PO set — IDIS clients set PO on every request (idis-extensions.md appendix A6)
 */
public record ResolveQuery(ByteString handle, List<Integer> indexes, List<ByteString> types, boolean publicOnly,
                           boolean doNotRefer, boolean identityDecides) {
    public ResolveQuery {
        indexes = List.copyOf(indexes);
        types = List.copyOf(types);
    }

    public ResolveQuery(ByteString handle, List<Integer> indexes, List<ByteString> types, boolean publicOnly,
                        boolean doNotRefer) {
        this(handle, indexes, types, publicOnly, doNotRefer, false);
    }

    public static ResolveQuery all(String handle) {
        return new ResolveQuery(ByteString.utf8(handle), List.of(), List.of(), true, false);
    }
}
