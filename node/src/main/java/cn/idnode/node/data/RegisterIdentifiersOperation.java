package cn.idnode.node.data;

import cn.idnode.node.NodeSchema;
import cn.idnode.node.auth.ChangePermissions;
import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;
import cn.idnode.node.error.HandleException;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.record.RecordRules;
import cn.idnode.node.record.RecordStore;
import cn.idnode.node.record.RecordWriter;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.node.template.Template;
import cn.idnode.protocol.AdminPermissions;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.EncodedValues;
import cn.idnode.protocol.HandleNames;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ValueReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Registers or updates identifiers through the SNMS API ({@code POST}/{@code PUT /identityv2/data} and their batch
 * forms, snms-api.md §3.3–3.5). Each item is all-or-nothing and gets its own result; the call as a whole never half
 * writes an item.
 *
 * <p>Design note. Per item, in order: request rules ({@link IdentifierRecords#checkRequest}); handle syntax and
 * length; the prefix homed here and in a serving state ({@code PrefixPolicy}: disabled prefixes refuse); permission —
 * ADD_HANDLE on {@code 0.NA/<prefix>} for creation, the permissions the change needs on the record's own HS_ADMIN for
 * an update — decided once per prefix for creation; the template (prefix of the handle, {@code templateVersion}); the
 * record itself through {@link RecordRules} and the record validator every surface shares (the template's rules), applied by
 * {@link RecordWriter#writeAll}, which writes the items that pass together: one store batch for the
 * whole call unless a record appears meanwhile, so 2000 identifiers cost one durable write.
 */
public final class RegisterIdentifiersOperation
        implements Operation<RegisterIdentifiersOperation.Input, List<ItemResult>> {
    private static final int MAX_HANDLE_BYTES = 255;
    private final Business b;

    /** @param update replace the template values of existing identifiers instead of creating new ones */
    public record Input(Principal who, List<IdentifierInput> items, boolean update) {}

    public RegisterIdentifiersOperation(Business b) {
        this.b = b;
    }

    @Override
    public String name() {
        return "identifier-register";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public List<ItemResult> execute(Input in, OperationContext ctx) {
        int n = in.items().size();
        if (n == 0) {
            throw BusinessException.invalid("请求中没有标识数据");
        }
        if (n > b.settings().maxBatch()) {
            throw BusinessException.invalid("单次最多提交" + b.settings().maxBatch() + "个标识，实际" + n + "个");
        }
        ItemResult[] results = new ItemResult[n];
        ByteString[] handles = new ByteString[n];
        Set<ByteString> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            IdentifierInput item = in.items().get(i);
            String h = item.handle() == null ? "" : item.handle().trim();
            try {
                handles[i] = checkHandle(h);
                if (!seen.add(handles[i].toAsciiUpperCase())) {
                    throw BusinessException.conflict("标识在本次请求中重复");
                }
                IdentifierRecords.checkRequest(item.values());
            } catch (HandleException e) {
                results[i] = failure(h, e);
            }
        }
        List<Optional<byte[]>> stored = existing(handles, results);
        Map<ByteString, Prefix> prefixes = new HashMap<>();
        List<RecordWriter.Change> changes = new ArrayList<>();
        List<Integer> changeItems = new ArrayList<>();
        int now = (int) (b.now() / 1000);
        ValueReference identity = in.who().identity();
        for (int i = 0; i < n; i++) {
            if (results[i] != null) {
                continue;
            }
            IdentifierInput item = in.items().get(i);
            ByteString handle = handles[i];
            try {
                Prefix p = prefixes.computeIfAbsent(HandleNames.prefix(handle).toAsciiUpperCase(),
                        k -> prefix(k, in, ctx));
                p.check();
                Template t = b.templates().get(p.name.utf8(), item.templateVersion() == null ? ""
                        : item.templateVersion().trim()).orElseThrow(() -> BusinessException.invalid(
                        "模板不存在: 前缀 " + p.name.utf8() + " 版本 " + item.templateVersion()));
                Optional<StoredRecord> before = stored.get(i).map(StoredRecord::decode);
                List<HandleValue> values;
                if (in.update()) {
                    StoredRecord old = before.orElseThrow(() -> BusinessException.notFound("没有找到标识"));
                    List<HandleValue> oldValues = old.values().decode();
                    values = IdentifierRecords.update(oldValues, t, item.values(), now);
                    int needed = ChangePermissions.needed(oldValues, values);
                    if (needed != 0 && !b.authorizer().hasPermission(identity, before, needed, ctx.records())) {
                        throw BusinessException.forbidden("没有权限修改标识: " + handle.utf8());
                    }
                } else {
                    if (before.isPresent()) {
                        throw BusinessException.conflict("标识已存在");
                    }
                    if (p.left <= 0) {
                        throw BusinessException.invalid("前缀 " + p.name.utf8() + " 已达到标识注册数量上限");
                    }
                    p.left--;
                    values = IdentifierRecords.create(t, p.admin, item.values(), now);
                }
                EncodedValues encoded = RecordRules.check(handle, values);
                RecordWriter.Change c = new RecordWriter.Change(handle, before,
                        Optional.of(new StoredRecord(before.map(StoredRecord::handle).orElse(handle), encoded)));
                changes.add(c);
                changeItems.add(i);
            } catch (HandleException e) {
                results[i] = failure(handle.utf8(), e);
            }
        }
        if (!changes.isEmpty()) {
            RecordWriter.Outcome[] outcomes = b.writer().writeAll(ctx, in.update() ? "snms-update" : "snms-create",
                    changes);
            for (int k = 0; k < outcomes.length; k++) {
                int i = changeItems.get(k);
                RecordWriter.Outcome o = outcomes[k];
                results[i] = o.written() ? ItemResult.ok(handles[i].utf8())
                        : o.refusal().map(e -> failure(handles[i].utf8(), e)).orElseGet(() -> new ItemResult(
                                handles[i].utf8(), -2, in.update() ? "标识已被并发修改，请重试" : "标识已存在"));
            }
        }
        return List.of(results);
    }

    private static ByteString checkHandle(String h) {
        if (h.isEmpty()) {
            throw BusinessException.invalid("缺少必要的请求参数: handle");
        }
        if (h.getBytes(StandardCharsets.UTF_8).length > MAX_HANDLE_BYTES) {
            throw BusinessException.invalid("标识长度不能超过255字节");
        }
        int slash = h.indexOf('/');
        if (slash <= 0 || slash == h.length() - 1 || h.startsWith("0.NA/")) {
            throw BusinessException.invalid("标识格式应为 前缀/后缀: " + h);
        }
        ByteString handle = ByteString.utf8(h);
        try {
            RecordRules.checkHandle(handle);
        } catch (HandleException e) {
            throw BusinessException.invalid("标识格式不合法: " + e.getMessage());
        }
        return handle;
    }

    private List<Optional<byte[]>> existing(ByteString[] handles, ItemResult[] results) {
        List<byte[]> keys = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < handles.length; i++) {
            if (results[i] == null) {
                keys.add(RecordStore.key(handles[i]));
                at.add(i);
            }
        }
        List<Optional<byte[]>> out = new ArrayList<>();
        for (int i = 0; i < handles.length; i++) {
            out.add(Optional.empty());
        }
        if (!keys.isEmpty()) {
            List<Optional<byte[]>> found = b.store().multiGet(NodeSchema.HANDLES, keys);
            for (int k = 0; k < found.size(); k++) {
                out.set(at.get(k), found.get(k));
            }
        }
        return out;
    }

    /** What is decided once per prefix in a call: responsibility, state, permission, cap, administrator. */
    private final class Prefix {
        final ByteString name;
        final ValueReference admin;
        final HandleException refusal;
        long left;

        Prefix(ByteString name, ValueReference admin, HandleException refusal, long left) {
            this.name = name;
            this.admin = admin;
            this.refusal = refusal;
            this.left = left;
        }

        void check() {
            if (refusal != null) {
                throw refusal;
            }
        }
    }

    private Prefix prefix(ByteString upper, Input in, OperationContext ctx) {
        ByteString prefixHandle = Business.prefixHandle(upper);
        ValueReference admin = b.enterprises().prefix(upper.utf8()).isPresent() ? Business.enterpriseGroup(upper)
                : b.operatorsGroup();
        try {
            if (!b.prefixes().isHomed(prefixHandle)) {
                throw BusinessException.invalid("标识前缀不在本节点托管: " + upper.utf8());
            }
            long left = b.policy().registrationsLeft(upper);
            if (!in.update() && !b.authorizer().hasPermission(in.who().identity(), b.records().get(prefixHandle),
                    AdminPermissions.ADD_HANDLE, ctx.records())) {
                throw BusinessException.forbidden("没有权限在前缀 " + upper.utf8() + " 下注册标识");
            }
            return new Prefix(upper, admin, null, left);
        } catch (HandleException e) {
            return new Prefix(upper, admin, e, 0);
        }
    }

    static ItemResult failure(String handle, HandleException e) {
        int status = e instanceof BusinessException be ? be.kind().snmsStatus() : -2;
        return new ItemResult(handle, status, e.getMessage());
    }
}
