package cn.idnode.node.op.admin;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import java.util.List;

/** ADD_VALUE / MODIFY_VALUE input: values for a handle; {@code overwrite} lets ADD_VALUE replace existing indexes. */
public record ValueChange(ByteString handle, List<HandleValue> values, boolean overwrite) {
    public ValueChange {
        values = List.copyOf(values);
    }
}
