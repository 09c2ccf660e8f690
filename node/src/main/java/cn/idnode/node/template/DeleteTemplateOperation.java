package cn.idnode.node.template;

import cn.idnode.node.NodeSchema;
import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessAudit;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.record.RecordWriter;
import cn.idnode.protocol.ByteString;
import cn.idnode.store.PreconditionFailedException;
import cn.idnode.store.WriteBatch;
import java.util.Optional;

/**
 * Deletes a template and its identifier ({@code DELETE /snms/api/v5/template}); refused while records still name it
 * (the count is kept with every record write, {@link RecordWriter#templateUseKey}).
 */
public final class DeleteTemplateOperation implements Operation<DeleteTemplateOperation.Input, Boolean> {
    private final Business b;

    public record Input(Principal who, String prefix, String version) {}

    public DeleteTemplateOperation(Business b) {
        this.b = b;
    }

    @Override
    public String name() {
        return "template-delete";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public Boolean execute(Input in, OperationContext ctx) {
        String prefix = TemplateAccess.require(b, in.who(), in.prefix(), true);
        String version = in.version() == null ? "" : in.version().trim();
        Template t = b.templates().get(prefix, version)
                .orElseThrow(() -> BusinessException.notFound("模板不存在: " + prefix + " 版本 " + version));
        ByteString handle = ByteString.utf8(t.handle());
        long uses = b.store().counter(NodeSchema.USAGE, RecordWriter.templateUseKey(handle));
        if (uses > 0) {
            throw BusinessException.invalid("模板正在被" + uses + "个标识使用，不能删除");
        }
        long now = b.now();
        WriteBatch batch = new WriteBatch();
        b.templates().stage(batch, Optional.of(t), Optional.empty());
        b.records().get(handle).ifPresent(r -> b.writer().stage(batch, b.context(in.who()), "template-delete",
                new RecordWriter.Change(handle, Optional.of(r), Optional.empty())));
        BusinessAudit.stage(batch, in.who(), now, "template-delete", "template/" + prefix + "@" + version,
                Optional.of(t), Optional.empty());
        try {
            b.store().write(batch);
        } catch (PreconditionFailedException e) {
            throw BusinessException.conflict("模板已被并发修改，请重试");
        }
        b.templates().applied(Optional.of(t), Optional.empty());
        return true;
    }
}
