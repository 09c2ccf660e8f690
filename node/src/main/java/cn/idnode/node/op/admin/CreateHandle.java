package cn.idnode.node.op.admin;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import java.util.List;

/**
 * CREATE_HANDLE input (handle-protocol.md §7.3).
 *
 * @param overwrite replace an existing record (OVRW)
 * @param mint      {@code handle} is a stem: the node appends a fresh suffix (MINT)
 */
public record CreateHandle(ByteString handle, List<HandleValue> values, boolean overwrite, boolean mint) {
    public CreateHandle {
        values = List.copyOf(values);
    }

    /** The created handle and whether an existing record was replaced. */
    public record Result(ByteString handle, boolean overwritten) {}
}
