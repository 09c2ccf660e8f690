package cn.idnode.node.op.admin;

import cn.idnode.protocol.ByteString;
import java.util.List;
import java.util.Optional;

/**
 * LIST_HANDLES input: a prefix handle ({@code 0.NA/P} or bare {@code P}), where to resume (exclusive, a stored key)
 * and how many to return at most.
 */
public record ListHandles(ByteString prefix, Optional<ByteString> startAfter, int limit) {
    /** One page: handles as stored (upper-case) and whether more follow. */
    public record Page(List<ByteString> handles, boolean more) {
        public Page {
            handles = List.copyOf(handles);
        }
    }
}
