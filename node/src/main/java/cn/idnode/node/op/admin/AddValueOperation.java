package cn.idnode.node.op.admin;

import cn.idnode.node.auth.ChangePermissions;
import cn.idnode.node.error.HandleException;
import cn.idnode.node.error.HandleNotFoundException;
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
 * OC_ADD_VALUE (handle-protocol.md §7.5): empty list or index ≤ 0 → RC 202, duplicate index → RC 201, then
 * authentication, existence (RC 100), an existing index → RC 201 unless OVRW; ADD_VALUE / ADD_ADMIN for new values
 * and the modification rules for overwritten ones. Returns whether something was overwritten.
 */
public final class AddValueOperation implements Operation<ValueChange, Boolean> {
    private final AdminSupport support;

    AddValueOperation(AdminSupport support) {
        this.support = support;
    }

    @Override
    public String name() {
        return "add-value";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public Boolean execute(ValueChange in, OperationContext ctx) {
        if (in.values().isEmpty()) {
            throw new HandleException(ResponseCode.INVALID_VALUE, "no values to add");
        }
        RecordRules.checkValues(in.values());
        support.requireMine(in.handle());
        ValueReference identity = AdminSupport.identity(ctx);
        List<HandleValue> added = AdminSupport.stamped(in.values(), ctx.nowSeconds());
        return AdminSupport.retrying(() -> {
            Optional<StoredRecord> existing = ctx.records().read(in.handle());
            if (existing.isEmpty()) {
                throw new HandleNotFoundException(in.handle().toString());
            }
            List<HandleValue> values = new ArrayList<>(existing.get().values().decode());
            int needed = 0;
            boolean overwrote = false;
            for (HandleValue v : added) {
                int at = indexOf(values, v.index());
                if (at < 0) {
                    values.add(v);
                    needed |= ChangePermissions.isAdmin(v) ? AdminPermissions.ADD_ADMIN : AdminPermissions.ADD_VALUE;
                } else if (!in.overwrite()) {
                    throw new HandleException(ResponseCode.VALUE_ALREADY_EXISTS,
                            "a value with index " + v.index() + " already exists");
                } else {
                    needed |= ChangePermissions.modification(values.get(at), v);
                    values.set(at, v);
                    overwrote = true;
                }
            }
            if (needed != 0) {
                support.authorize(identity, existing, needed, "add values to " + in.handle(), ctx);
            }
            support.writer.write(ctx, "add-value", in.handle(), existing, Optional.of(
                    new StoredRecord(existing.get().handle(), RecordRules.check(in.handle(), values))));
            return overwrote;
        });
    }

    static int indexOf(List<HandleValue> values, int index) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).index() == index) {
                return i;
            }
        }
        return -1;
    }
}
