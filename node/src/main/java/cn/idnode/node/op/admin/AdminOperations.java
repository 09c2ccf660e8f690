package cn.idnode.node.op.admin;

import cn.idnode.node.auth.Authorizer;
import cn.idnode.node.op.Operation;
import cn.idnode.node.prefix.PrefixPolicy;
import cn.idnode.node.prefix.PrefixTable;
import cn.idnode.node.prefix.Responsibility;
import cn.idnode.node.record.RecordStore;
import cn.idnode.node.record.RecordWriter;
import cn.idnode.protocol.ByteString;
import cn.idnode.store.Store;
import java.util.List;

/** The administrative operations (handle-protocol.md §7.3–§7.12), built once per node. */
public final class AdminOperations {
    private final CreateHandleOperation create;
    private final DeleteHandleOperation delete;
    private final AddValueOperation add;
    private final RemoveValueOperation remove;
    private final ModifyValueOperation modify;
    private final ListHandlesOperation list;
    private final PrefixOperations prefixOps;

    public AdminOperations(Store store, RecordStore records, PrefixTable prefixes, Responsibility responsibility,
                           Authorizer authorizer, PrefixPolicy policy, boolean listHandlesEnabled) {
        this(store, records, prefixes, responsibility, authorizer, policy, listHandlesEnabled, new RecordWriter(store));
    }

    public AdminOperations(Store store, RecordStore records, PrefixTable prefixes, Responsibility responsibility,
                           Authorizer authorizer, PrefixPolicy policy, boolean listHandlesEnabled,
                           RecordWriter writer) {
        AdminSupport support = new AdminSupport(responsibility, authorizer, writer, policy);
        this.create = new CreateHandleOperation(support);
        this.delete = new DeleteHandleOperation(support);
        this.add = new AddValueOperation(support);
        this.remove = new RemoveValueOperation(support);
        this.modify = new ModifyValueOperation(support);
        this.list = new ListHandlesOperation(support, prefixes, records, listHandlesEnabled);
        this.prefixOps = new PrefixOperations(store, prefixes, authorizer);
    }

    public Operation<CreateHandle, CreateHandle.Result> create() {
        return create;
    }

    public Operation<ByteString, Boolean> delete() {
        return delete;
    }

    public Operation<ValueChange, Boolean> addValues() {
        return add;
    }

    public Operation<RemoveValues, Boolean> removeValues() {
        return remove;
    }

    public Operation<ValueChange, Boolean> modifyValues() {
        return modify;
    }

    public Operation<ListHandles, ListHandles.Page> listHandles() {
        return list;
    }

    public Operation<ByteString, Boolean> homePrefix() {
        return prefixOps.home();
    }

    public Operation<ByteString, Boolean> unhomePrefix() {
        return prefixOps.unhome();
    }

    public Operation<Void, List<ByteString>> listHomedPrefixes() {
        return prefixOps.listHomed();
    }
}
