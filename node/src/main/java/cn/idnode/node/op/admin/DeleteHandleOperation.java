package cn.idnode.node.op.admin;

import cn.idnode.node.error.HandleNotFoundException;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.AdminPermissions;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ValueReference;
import java.util.Optional;

/**
 * OC_DELETE_HANDLE (handle-protocol.md §7.4): authentication, existence (RC 100), DELETE_HANDLE from the record's own
 * HS_ADMIN values. A handle whose prefix is not homed may still be deleted (stray records), as in CNRI.
 */
public final class DeleteHandleOperation implements Operation<ByteString, Boolean> {
    private final AdminSupport support;

    DeleteHandleOperation(AdminSupport support) {
        this.support = support;
    }

    @Override
    public String name() {
        return "delete-handle";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public Boolean execute(ByteString handle, OperationContext ctx) {
        ValueReference identity = AdminSupport.identity(ctx);
        return AdminSupport.retrying(() -> {
            Optional<StoredRecord> existing = ctx.records().read(handle);
            if (existing.isEmpty()) {
                throw new HandleNotFoundException(handle.toString());
            }
            support.authorize(identity, existing, AdminPermissions.DELETE_HANDLE, "delete " + handle, ctx);
            support.writer.write(ctx, "delete-handle", handle, existing, Optional.empty());
            return true;
        });
    }
}
