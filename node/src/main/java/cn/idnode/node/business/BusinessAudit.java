package cn.idnode.node.business;

import cn.idnode.node.audit.AuditEntry;
import cn.idnode.node.audit.AuditLog;
import cn.idnode.protocol.ByteString;
import cn.idnode.store.WriteBatch;
import java.util.Optional;

/**
 * Audit entries of business actions: actor (the account's identity), source (user name, address and surface),
 * action, object ({@code enterprise/12}, {@code prefix/88.123.45}, {@code template/88.123.45@1.0},
 * {@code account/alice}) and the object's JSON before and after, secrets masked by the caller. Staged in the batch
 * of the change itself.
 */
public final class BusinessAudit {
    private BusinessAudit() {}

    public static void stage(WriteBatch batch, Principal who, long now, String action, String object,
                             Optional<?> before, Optional<?> after) {
        AuditLog.append(batch, new AuditEntry(now, who.identity().toString(),
                who.username() + "@" + who.remoteAddress() + "/" + who.surface(), action, object,
                before.map(b -> ByteString.wrap(Json.bytes(b))).orElse(ByteString.EMPTY),
                after.map(a -> ByteString.wrap(Json.bytes(a))).orElse(ByteString.EMPTY)));
    }
}
