package cn.idnode.node.op.admin;

import cn.idnode.protocol.ByteString;
import java.util.List;

/** REMOVE_VALUE input. */
public record RemoveValues(ByteString handle, List<Integer> indexes) {
    public RemoveValues {
        indexes = List.copyOf(indexes);
    }
}
