package cn.idnode.node.op.admin;

import cn.idnode.node.error.HandleException;
import cn.idnode.node.error.NotResponsibleException;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.prefix.PrefixTable;
import cn.idnode.node.record.RecordStore;
import cn.idnode.protocol.AdminPermissions;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleNames;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.ValueReference;
import java.util.List;

/**
 * OC_LIST_HANDLES (handle-protocol.md §7.8): the prefix must be homed here (RC 301), the caller authenticated, with
 * LIST_HANDLES from the HS_ADMIN values of the prefix handle. Handles are returned as stored (upper-case), in key
 * order, one page at a time so a prefix of any size is listed in bounded memory.
 */
public final class ListHandlesOperation implements Operation<ListHandles, ListHandles.Page> {
    private final AdminSupport support;
    private final PrefixTable prefixes;
    private final RecordStore records;
    private final boolean enabled;

    ListHandlesOperation(AdminSupport support, PrefixTable prefixes, RecordStore records, boolean enabled) {
        this.support = support;
        this.prefixes = prefixes;
        this.records = records;
        this.enabled = enabled;
    }

    @Override
    public String name() {
        return "list-handles";
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public ListHandles.Page execute(ListHandles in, OperationContext ctx) {
        if (!enabled) {
            throw HandleException.notSupported("listing handles is disabled on this server");
        }
        ByteString prefixHandle = HandleNames.lookupHandle(in.prefix()).toAsciiUpperCase();
        ByteString prefix = HandleNames.prefixOfPrefixHandle(prefixHandle).orElseThrow(() ->
                new HandleException(ResponseCode.INVALID_HANDLE, "not a prefix: " + in.prefix()));
        if (!prefixes.isHomed(prefixHandle)) {
            throw new NotResponsibleException("prefix " + prefix.utf8() + " is not homed here");
        }
        ValueReference identity = AdminSupport.identity(ctx);
        support.authorize(identity, ctx.records().read(prefixHandle), AdminPermissions.LIST_HANDLES,
                "list handles under " + prefix.utf8(), ctx);
        int limit = Math.max(1, in.limit());
        List<ByteString> found = records.listKeys(prefix.concat(ByteString.utf8("/")), in.startAfter(), limit + 1);
        boolean more = found.size() > limit;
        return new ListHandles.Page(more ? found.subList(0, limit) : found, more);
    }
}
