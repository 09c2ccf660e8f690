package cn.idnode.node.audit;

import cn.idnode.node.NodeSchema;
import cn.idnode.store.StoreKeys;
import cn.idnode.store.WriteBatch;
import java.util.Locale;

/**
 * Appends audit entries to a batch together with their two index entries — by object and by actor — so that the
 * history of one identifier, enterprise or account, or everything one identity did, is a key-range scan
 * ({@link AuditQuery}). Index keys: {@code o\0<OBJECT>\0<seq>} and {@code a\0<ACTOR>\0<seq>}, upper-cased so
 * look-ups ignore ASCII case as handles do.
 */
public final class AuditLog {
    private AuditLog() {}

    public static void append(WriteBatch batch, AuditEntry entry) {
        batch.append(NodeSchema.AUDIT, entry.encode());
        batch.indexLastAppend(NodeSchema.AUDIT_INDEX, objectKey(entry.object()));
        batch.indexLastAppend(NodeSchema.AUDIT_INDEX, actorKey(entry.actor()));
    }

    public static byte[] objectKey(String object) {
        return StoreKeys.utf8("o\0" + object.toUpperCase(Locale.ROOT) + "\0");
    }

    public static byte[] actorKey(String actor) {
        return StoreKeys.utf8("a\0" + actor.toUpperCase(Locale.ROOT) + "\0");
    }
}
