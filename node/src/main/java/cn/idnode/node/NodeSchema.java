package cn.idnode.node;

import cn.idnode.store.KeySpace;
import java.util.List;

/** The key spaces the node keeps in its store. */
public final class NodeSchema {
    private NodeSchema() {}

    /** Handle records, keyed by the ASCII-upper-cased handle; see {@link cn.idnode.node.record.StoredRecord}. */
    public static final KeySpace HANDLES = KeySpace.keyValue("handles");
    /** Homed prefix handles ({@code 0.NA/<PREFIX>} and derived-prefix markers), upper-cased; value empty. */
    public static final KeySpace HOMED_PREFIXES = KeySpace.keyValue("homed_prefixes");
    /** Node metadata: site serial number, schema version, first-start facts. */
    public static final KeySpace NODE_META = KeySpace.keyValue("node_meta");
    /** Audit chain of every change, appended in the same batch as the change. */
    public static final KeySpace AUDIT = KeySpace.log("audit");
    /** Counters kept with the changes they count: identifiers registered per prefix ({@code handles/<PREFIX>}). */
    public static final KeySpace USAGE = KeySpace.counter("usage");

    public static List<KeySpace> all() {
        return List.of(HANDLES, HOMED_PREFIXES, NODE_META, AUDIT, USAGE);
    }
}
