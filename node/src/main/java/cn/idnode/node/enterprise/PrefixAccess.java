package cn.idnode.node.enterprise;

import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;
import java.util.Locale;

/** Who may see or configure an enterprise prefix: operators, and the users of the enterprise that holds it. */
public final class PrefixAccess {
    private PrefixAccess() {}

    public static EnterprisePrefix readable(Business b, Principal who, String prefix) {
        String p = prefix == null ? "" : prefix.trim().toUpperCase(Locale.ROOT);
        if (p.isEmpty()) {
            throw BusinessException.invalid("缺少必要的请求参数: prefix");
        }
        EnterprisePrefix found = b.enterprises().prefix(p)
                .orElseThrow(() -> BusinessException.notFound("前缀不存在: " + p));
        if (!who.isOperator() && (who.enterpriseId() == 0 || found.enterpriseId() != who.enterpriseId())) {
            throw BusinessException.forbidden("没有权限访问前缀 " + p);
        }
        return found;
    }
}
