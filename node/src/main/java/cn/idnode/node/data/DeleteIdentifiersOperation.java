package cn.idnode.node.data;

import cn.idnode.node.NodeSchema;
import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;
import cn.idnode.node.error.HandleException;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.record.RecordStore;
import cn.idnode.node.record.RecordWriter;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.AdminPermissions;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deletes identifiers ({@code DELETE /identityv2/data} and {@code batchDelete}, snms-api.md §3.6): each needs
 * DELETE_HANDLE through the record's HS_ADMIN (the same check as the Handle protocol's DELETE_HANDLE); results per item.
 */
public final class DeleteIdentifiersOperation implements Operation<DeleteIdentifiersOperation.Input, List<ItemResult>> {
    private final Business b;

    public record Input(Principal who, List<String> handles) {}

    public DeleteIdentifiersOperation(Business b) {
        this.b = b;
    }

    @Override
    public String name() {
        return "identifier-delete";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public List<ItemResult> execute(Input in, OperationContext ctx) {
        int n = in.handles().size();
        if (n == 0) {
            throw BusinessException.invalid("请求中没有标识");
        }
        if (n > b.settings().maxBatch()) {
            throw BusinessException.invalid("单次最多提交" + b.settings().maxBatch() + "个标识，实际" + n + "个");
        }
        ItemResult[] results = new ItemResult[n];
        List<byte[]> keys = new ArrayList<>(n);
        for (String h : in.handles()) {
            keys.add(RecordStore.key(ByteString.utf8(h == null ? "" : h.trim())));
        }
        List<Optional<byte[]>> stored = b.store().multiGet(NodeSchema.HANDLES, keys);
        List<RecordWriter.Change> changes = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        Set<ByteString> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String h = in.handles().get(i) == null ? "" : in.handles().get(i).trim();
            try {
                if (h.isEmpty()) {
                    throw BusinessException.invalid("缺少必要的请求参数: handle");
                }
                ByteString handle = ByteString.utf8(h);
                if (!seen.add(handle.toAsciiUpperCase())) {
                    throw BusinessException.invalid("标识在本次请求中重复");
                }
                if (!b.prefixes().isHomed(Business.prefixHandle(HandleNames.prefix(handle).toAsciiUpperCase()))
                        || stored.get(i).isEmpty()) {
                    throw BusinessException.notFound("标识不存在");
                }
                Optional<StoredRecord> before = stored.get(i).map(StoredRecord::decode);
                if (!b.authorizer().hasPermission(in.who().identity(), before, AdminPermissions.DELETE_HANDLE,
                        ctx.records())) {
                    throw BusinessException.forbidden("没有权限删除标识: " + h);
                }
                changes.add(new RecordWriter.Change(handle, before, Optional.empty()));
                at.add(i);
            } catch (HandleException e) {
                results[i] = RegisterIdentifiersOperation.failure(h, e);
            }
        }
        if (!changes.isEmpty()) {
            RecordWriter.Outcome[] outcomes = b.writer().writeAll(ctx, "snms-delete", changes);
            for (int k = 0; k < outcomes.length; k++) {
                int i = at.get(k);
                results[i] = outcomes[k].written() ? ItemResult.ok(in.handles().get(i).trim())
                        : new ItemResult(in.handles().get(i).trim(), -2, "标识已被并发修改，请重试");
            }
        }
        return List.of(results);
    }
}
