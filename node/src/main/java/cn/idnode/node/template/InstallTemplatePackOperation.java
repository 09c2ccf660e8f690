package cn.idnode.node.template;

import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.standard.PackItem;
import cn.idnode.node.standard.TemplatePack;
import cn.idnode.node.standard.TemplatePacks;
import java.util.List;
import java.util.Optional;

/**
 * Installs one of the bundled industry template packs (one per industry direction of the Chongqing notice,
 * docs/standards.md) as a new template of a prefix and version, which the enterprise can then adapt with ordinary
 * updates. An idnode extension of the SNMS API.
 */
public final class InstallTemplatePackOperation implements Operation<InstallTemplatePackOperation.Input, Template> {
    private final SaveTemplateOperation save;
    private final TemplatePacks packs;

    public record Input(Principal who, String prefix, String version, String packId) {}

    public InstallTemplatePackOperation(SaveTemplateOperation save, TemplatePacks packs) {
        this.save = save;
        this.packs = packs;
    }

    @Override
    public String name() {
        return "template-install-pack";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public Template execute(Input in, OperationContext ctx) {
        TemplatePack p = packs.byId(in.packId() == null ? "" : in.packId().trim())
                .orElseThrow(() -> BusinessException.notFound("模板包不存在: " + in.packId()));
        List<TemplateDraft.ItemDraft> items = p.items().stream().map(InstallTemplatePackOperation::draft).toList();
        TemplateDraft d = new TemplateDraft(in.prefix(), in.version(), Optional.of(p.name()),
                Optional.of(p.description()), Optional.of(p.industryCategory()), Optional.of(p.industrySpecific()),
                Optional.of(p.industryTrade()), Optional.of(p.industrySubclass()), Optional.of(p.type()), items);
        return save.execute(new SaveTemplateOperation.Input(in.who(), d, true), ctx);
    }

    private static TemplateDraft.ItemDraft draft(PackItem i) {
        return new TemplateDraft.ItemDraft(Optional.of(i.name()), Optional.of(i.idType()), Optional.of(i.idIndex()),
                Optional.of(i.required()), Optional.of(TemplateItem.ENABLED), Optional.of("string"),
                Optional.of(i.minLength()), Optional.of(i.maxLength()));
    }
}
