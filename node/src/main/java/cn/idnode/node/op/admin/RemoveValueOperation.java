package cn.idnode.node.op.admin;

import cn.idnode.node.auth.ChangePermissions;
import cn.idnode.node.error.HandleException;
import cn.idnode.node.error.HandleNotFoundException;
import cn.idnode.node.error.ValuesNotFoundException;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.record.RecordRules;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.AdminPermissions;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.ValueReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * OC_REMOVE_VALUE (handle-protocol.md §7.6): authentication, existence (RC 100), every listed index must exist
 * (else RC 200 and nothing is removed), REMOVE_VALUE and/or REMOVE_ADMIN by the types removed.
 */
public final class RemoveValueOperation implements Operation<RemoveValues, Boolean> {
    private final AdminSupport support;

    RemoveValueOperation(AdminSupport support) {
        this.support = support;
    }

    @Override
    public String name() {
        return "remove-value";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public Boolean execute(RemoveValues in, OperationContext ctx) {
        if (in.indexes().isEmpty()) {
            throw new HandleException(ResponseCode.INVALID_VALUE, "no indexes to remove");
        }
        support.requireMine(in.handle());
        ValueReference identity = AdminSupport.identity(ctx);
        return AdminSupport.retrying(() -> {
            Optional<StoredRecord> existing = ctx.records().read(in.handle());
            if (existing.isEmpty()) {
                throw new HandleNotFoundException(in.handle().toString());
            }
            List<HandleValue> values = new ArrayList<>(existing.get().values().decode());
            int needed = 0;
            for (int index : in.indexes()) {
                int at = AddValueOperation.indexOf(values, index);
                if (at < 0) {
                    throw new ValuesNotFoundException("no value with index " + index);
                }
                needed |= ChangePermissions.isAdmin(values.get(at)) ? AdminPermissions.REMOVE_ADMIN
                        : AdminPermissions.REMOVE_VALUE;
                values.remove(at);
            }
            support.authorize(identity, existing, needed, "remove values from " + in.handle(), ctx);
            support.writer.write(ctx, "remove-value", in.handle(), existing, Optional.of(
                    new StoredRecord(existing.get().handle(), RecordRules.check(in.handle(), values))));
            return true;
        });
    }
}
