package cn.idnode.node.template;

import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import java.util.List;

/**
 * Reads templates ({@code GET /snms/api/v5/template}): one (prefix and version) or all versions of a prefix (version
 * empty). The prefix's owners and the operators may read them.
 */
public final class TemplateQueryOperation implements Operation<TemplateQueryOperation.Input, List<Template>> {
    private final Business b;

    public record Input(Principal who, String prefix, String version) {}

    public TemplateQueryOperation(Business b) {
        this.b = b;
    }

    @Override
    public String name() {
        return "template-query";
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public List<Template> execute(Input in, OperationContext ctx) {
        String prefix = TemplateAccess.require(b, in.who(), in.prefix(), false);
        String version = in.version() == null ? "" : in.version().trim();
        if (version.isEmpty()) {
            return b.templates().ofPrefix(prefix);
        }
        return List.of(b.templates().get(prefix, version)
                .orElseThrow(() -> BusinessException.notFound("模板不存在: " + prefix + " 版本 " + version)));
    }
}
