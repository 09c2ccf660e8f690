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

    /** Audit index: by object and by actor, pointing at audit sequence numbers ({@code AuditLog}). */
    public static final KeySpace AUDIT_INDEX = KeySpace.keyValue("audit_index");
    /** Accounts: {@code u/<lower-case user name>} → account JSON, {@code i/<id>} → user name. */
    public static final KeySpace ACCOUNTS = KeySpace.keyValue("accounts");
    /**
     * Enterprises: {@code e/<id>} → enterprise JSON, {@code c/<crtType>/<CODE>} → id (uniqueness of the credential),
     * {@code h/<id>/<seq>} → history entry.
     */
    public static final KeySpace ENTERPRISES = KeySpace.keyValue("enterprises");
    /** Enterprise prefixes allocated by this node: {@code <PREFIX>} → prefix JSON (state, owner, hosting). */
    public static final KeySpace ENTERPRISE_PREFIXES = KeySpace.keyValue("enterprise_prefixes");
    /** Metadata templates: {@code t/<PREFIX>\0<version>} → template JSON, {@code h/<HANDLE>} → template key. */
    public static final KeySpace TEMPLATES = KeySpace.keyValue("templates");
    /** Uploaded files: {@code m/<id>} → metadata JSON, {@code d/<id>} → content. */
    public static final KeySpace FILES = KeySpace.keyValue("files");

    public static List<KeySpace> all() {
        return List.of(HANDLES, HOMED_PREFIXES, NODE_META, AUDIT, USAGE, AUDIT_INDEX, ACCOUNTS, ENTERPRISES,
                ENTERPRISE_PREFIXES, TEMPLATES, FILES);
    }
}
