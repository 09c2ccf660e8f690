package cn.idnode.node.op.admin;

import cn.idnode.node.auth.ChangePermissions;
import cn.idnode.node.error.AuthenticationRequiredException;
import cn.idnode.node.error.HandleException;
import cn.idnode.node.error.HandleNotFoundException;
import cn.idnode.node.error.PermissionDeniedException;
import cn.idnode.node.error.ValuesNotFoundException;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.record.RecordRules;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.ValuePermissions;
import cn.idnode.protocol.ValueReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * OC_MODIFY_VALUE (handle-protocol.md §7.7): replacements matched by index. Missing handle → RC 100, missing index →
 * RC 200, a stored value without admin-write → RC 401. Anonymous callers may change only publicly writable values, and
 * never HS_ADMIN ones; everyone else needs MODIFY_VALUE / MODIFY_ADMIN (or the conversion permissions).
 */
public final class ModifyValueOperation implements Operation<ValueChange, Boolean> {
    private final AdminSupport support;

    ModifyValueOperation(AdminSupport support) {
        this.support = support;
    }

    @Override
    public String name() {
        return "modify-value";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public Boolean execute(ValueChange in, OperationContext ctx) {
        if (in.values().isEmpty()) {
            throw new HandleException(ResponseCode.INVALID_VALUE, "no values to modify");
        }
        RecordRules.checkValues(in.values());
        support.requireMine(in.handle());
        List<HandleValue> replacements = AdminSupport.stamped(in.values(), ctx.nowSeconds());
        return AdminSupport.retrying(() -> {
            Optional<StoredRecord> existing = ctx.records().read(in.handle());
            if (existing.isEmpty()) {
                throw new HandleNotFoundException(in.handle().toString());
            }
            List<HandleValue> values = new ArrayList<>(existing.get().values().decode());
            int needed = 0;
            boolean anonymousAllowed = true;
            for (HandleValue v : replacements) {
                int at = AddValueOperation.indexOf(values, v.index());
                if (at < 0) {
                    throw new ValuesNotFoundException("no value with index " + v.index());
                }
                HandleValue old = values.get(at);
                if (!ValuePermissions.adminWrite(old.permissions()) && !ValuePermissions.publicWrite(old.permissions())) {
                    throw PermissionDeniedException.insufficient("value " + v.index() + " is read-only");
                }
                anonymousAllowed &= ValuePermissions.publicWrite(old.permissions())
                        && !ChangePermissions.isAdmin(old) && !ChangePermissions.isAdmin(v);
                needed |= ChangePermissions.modification(old, v);
                values.set(at, v);
            }
            Optional<ValueReference> identity = ctx.caller().identity();
            if (identity.isEmpty()) {
                if (!anonymousAllowed) {
                    throw new AuthenticationRequiredException("modifying these values requires authentication");
                }
            } else if (needed != 0) {
                support.authorize(identity.get(), existing, needed, "modify values of " + in.handle(), ctx);
            }
            support.writer.write(ctx, "modify-value", in.handle(), existing, Optional.of(
                    new StoredRecord(existing.get().handle(), RecordRules.check(in.handle(), values))));
            return true;
        });
    }
}
