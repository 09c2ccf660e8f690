package cn.idnode.node.op.admin;

import cn.idnode.node.auth.ChangePermissions;
import cn.idnode.node.error.HandleException;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.record.RecordRules;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.AdminPermissions;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.EncodedValues;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.ValueReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * OC_CREATE_HANDLE (handle-protocol.md §7.3), in CNRI's order: mint, responsibility, handle and value checks,
 * existence (RC 101 without OVRW), authentication, authorization, write.
 *
 * <p>Authorization: a new handle needs ADD_HANDLE from the HS_ADMIN values of {@code 0.NA/<prefix>} (ADD_DERIVED_PREFIX
 * from the parent for a derived prefix handle). Overwriting accepts, in order, (a) the permissions the change needs
 * when they do not include ADD_ADMIN, (b) ADD_ADMIN on the existing record, (c) DELETE_HANDLE on the existing record
 * and the creation permission — whose DELETE_HANDLE failure is reported. Unchanged values keep their timestamps.
 */
public final class CreateHandleOperation implements Operation<CreateHandle, CreateHandle.Result> {
    private final AdminSupport support;

    CreateHandleOperation(AdminSupport support) {
        this.support = support;
    }

    @Override
    public String name() {
        return "create-handle";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public CreateHandle.Result execute(CreateHandle in, OperationContext ctx) {
        return AdminSupport.retrying(() -> attempt(in, ctx));
    }

    private CreateHandle.Result attempt(CreateHandle in, OperationContext ctx) {
        ByteString handle = in.mint() ? mint(in.handle(), ctx) : in.handle();
        support.requireMine(handle);
        List<HandleValue> requested = AdminSupport.stamped(in.values(), ctx.nowSeconds());
        RecordRules.check(handle, requested);
        Optional<StoredRecord> existing = ctx.records().read(handle);
        if (existing.isPresent() && !in.overwrite()) {
            throw new HandleException(ResponseCode.HANDLE_ALREADY_EXISTS, "handle already exists: " + handle);
        }
        ValueReference identity = AdminSupport.identity(ctx);
        AdminSupport.CreationAuthority authority = AdminSupport.creationAuthority(handle);
        List<HandleValue> values = requested;
        if (existing.isEmpty()) {
            support.authorize(identity, ctx.records().read(authority.prefixHandle()), authority.permission(),
                    "create handles under " + authority.prefixHandle().utf8(), ctx);
            support.policy.beforeRegistration(handle);
        } else {
            List<HandleValue> old = existing.get().values().decode();
            values = keepUnchangedTimestamps(old, requested);
            authorizeOverwrite(identity, existing, old, values, authority, ctx);
        }
        EncodedValues encoded = RecordRules.check(handle, values);
        ByteString stored = existing.map(StoredRecord::handle).orElse(handle);
        support.writer.write(ctx, "create-handle", handle, existing,
                Optional.of(new StoredRecord(stored, encoded)));
        return new CreateHandle.Result(handle, existing.isPresent());
    }

    private void authorizeOverwrite(ValueReference identity, Optional<StoredRecord> existing, List<HandleValue> old,
                                    List<HandleValue> values, AdminSupport.CreationAuthority authority,
                                    OperationContext ctx) {
        int needed = ChangePermissions.needed(old, values);
        if (needed == 0) {
            return;
        }
        var reads = ctx.records();
        if ((needed & AdminPermissions.ADD_ADMIN) == 0
                && support.authorizer.hasPermission(identity, existing, needed, reads)) {
            return;
        }
        if (support.authorizer.hasPermission(identity, existing, AdminPermissions.ADD_ADMIN, reads)) {
            return;
        }
        support.authorize(identity, existing, AdminPermissions.DELETE_HANDLE, "replace " + existing.get().handle(),
                ctx);
        support.authorize(identity, reads.read(authority.prefixHandle()), authority.permission(),
                "create handles under " + authority.prefixHandle().utf8(), ctx);
    }

    static List<HandleValue> keepUnchangedTimestamps(List<HandleValue> old, List<HandleValue> requested) {
        Map<Integer, HandleValue> before = new HashMap<>();
        old.forEach(v -> before.put(v.index(), v));
        List<HandleValue> out = new ArrayList<>(requested.size());
        for (HandleValue v : requested) {
            HandleValue o = before.get(v.index());
            out.add(o != null && ChangePermissions.sameContent(o, v) ? o : v);
        }
        return out;
    }

    /** The stem plus a version-4 UUID in lower-case hex with dashes, as CNRI mints; unused at the time of reading. */
    private static ByteString mint(ByteString stem, OperationContext ctx) {
        ByteString base = stem.indexOf((byte) '/') < 0 ? stem.concat(ByteString.utf8("/")) : stem;
        for (int i = 0; i < 10; i++) {
            ByteString candidate = base.concat(ByteString.utf8(UUID.randomUUID().toString()));
            if (ctx.records().read(candidate).isEmpty()) {
                return candidate;
            }
        }
        throw new HandleException(ResponseCode.ERROR, "could not mint an unused suffix");
    }

}
