package cn.idnode.bench;

import cn.idnode.node.Node;
import cn.idnode.node.record.RecordRules;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import cn.idnode.store.WriteBatch;
import java.util.List;

/** Writes records straight into a node's store (copied from the server module's test helper). */
public final class TestRecords {
    private TestRecords() {}

    public static void put(Node node, String handle, List<HandleValue> values) {
        WriteBatch b = new WriteBatch();
        ByteString h = ByteString.utf8(handle);
        node.records().put(b, new StoredRecord(h, RecordRules.check(h, values)));
        node.store().write(b);
    }
}
