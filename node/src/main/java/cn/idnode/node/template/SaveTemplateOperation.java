package cn.idnode.node.template;

import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessAudit;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.record.RecordWriter;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.ByteString;
import cn.idnode.store.PreconditionFailedException;
import cn.idnode.store.WriteBatch;
import java.util.Optional;

/**
 * Creates a template ({@code POST /snms/api/v5/template}) or updates one incrementally ({@code PUT}), with its
 * identifier record, in one batch (snms-api.md §4.3). (prefix, version) is unique; the version never changes.
 */
public final class SaveTemplateOperation implements Operation<SaveTemplateOperation.Input, Template> {
    private final Business b;
    private final TemplateRules rules;

    public record Input(Principal who, TemplateDraft draft, boolean create) {}

    public SaveTemplateOperation(Business b, TemplateRules rules) {
        this.b = b;
        this.rules = rules;
    }

    @Override
    public String name() {
        return "template-save";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public Template execute(Input in, OperationContext ctx) {
        String prefix = TemplateAccess.require(b, in.who(), in.draft().prefix(), true);
        String version = in.draft().version() == null ? "" : in.draft().version().trim();
        Optional<Template> current = b.templates().get(prefix, version);
        if (in.create() && current.isPresent()) {
            throw BusinessException.conflict("模板已存在: " + prefix + " 版本 " + version);
        }
        if (!in.create() && current.isEmpty()) {
            throw BusinessException.notFound("模板不存在: " + prefix + " 版本 " + version);
        }
        long now = b.now();
        long id = current.map(Template::id).orElseGet(() -> b.templateIds().next());
        TemplateDraft d = new TemplateDraft(prefix, version, in.draft().name(), in.draft().description(),
                in.draft().industryCategory(), in.draft().industrySpecific(), in.draft().industryTrade(),
                in.draft().industrySubclass(), in.draft().type(), in.draft().items());
        Template t = rules.build(d, current, id, prefix + "/META_" + id, now, in.who().username());
        WriteBatch batch = new WriteBatch();
        b.templates().stage(batch, current, Optional.of(t));
        ByteString handle = ByteString.utf8(t.handle());
        Optional<StoredRecord> before = b.records().get(handle);
        if (current.isEmpty() && before.isPresent()) {
            throw BusinessException.conflict("模板标识已存在: " + t.handle());
        }
        b.writer().stage(batch, b.context(in.who()), in.create() ? "template-create" : "template-update",
                new RecordWriter.Change(handle, before, Optional.of(TemplateRecords.of(t,
                        TemplateAccess.admin(b, prefix), (int) (now / 1000)))));
        BusinessAudit.stage(batch, in.who(), now, in.create() ? "template-create" : "template-update",
                "template/" + prefix + "@" + version, current, Optional.of(t));
        try {
            b.store().write(batch);
        } catch (PreconditionFailedException e) {
            throw BusinessException.conflict("模板已被并发修改，请重试");
        }
        b.templates().applied(current, Optional.of(t));
        return t;
    }
}
