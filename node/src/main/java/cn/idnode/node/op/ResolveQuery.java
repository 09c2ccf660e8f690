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
 */
public record ResolveQuery(ByteString handle, List<Integer> indexes, List<ByteString> types, boolean publicOnly,
                           boolean doNotRefer) {
    public ResolveQuery {
        indexes = List.copyOf(indexes);
        types = List.copyOf(types);
    }

    public static ResolveQuery all(String handle) {
        return new ResolveQuery(ByteString.utf8(handle), List.of(), List.of(), true, false);
    }
}
