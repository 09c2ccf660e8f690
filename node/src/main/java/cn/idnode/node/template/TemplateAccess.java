package cn.idnode.node.template;

import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;
import cn.idnode.node.business.Role;
import cn.idnode.node.enterprise.EnterprisePrefix;
import cn.idnode.node.prefix.PrefixStatus;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ValueReference;
import java.util.Locale;
import java.util.Optional;

/**
 * Whose templates are whose: the templates of an enterprise prefix belong to its enterprise (its users and
 * applications) and to the operators; administrators may also keep templates for other prefixes homed here.
 */
final class TemplateAccess {
    private TemplateAccess() {}

    /** The prefix, upper-cased, if {@code who} may manage its templates; {@code forWrite} also needs it enabled. */
    static String require(Business b, Principal who, String prefix, boolean forWrite) {
        String p = prefix == null ? "" : prefix.trim().toUpperCase(Locale.ROOT);
        if (p.isEmpty() || p.length() > 64) {
            throw BusinessException.invalid("缺少必要的请求参数: prefix");
        }
        Optional<EnterprisePrefix> ep = b.enterprises().prefix(p);
        if (ep.isEmpty()) {
            if (who.isAdmin() && b.prefixes().isHomed(Business.prefixHandle(ByteString.utf8(p)))) {
                return p;
            }
            throw BusinessException.invalid("前缀不存在或不是本节点的企业前缀: " + p);
        }
        boolean member = who.enterpriseId() > 0 && ep.get().enterpriseId() == who.enterpriseId()
                && (who.has(Role.ENTERPRISE) || who.has(Role.APP));
        if (!member && !who.isAdmin() && !(who.has(Role.REVIEWER) && !forWrite)) {
            throw BusinessException.forbidden("没有权限管理前缀 " + p + " 的模板");
        }
        if (forWrite && ep.get().status() != PrefixStatus.ENABLED.code()) {
            throw BusinessException.invalid("前缀状态为" + PrefixStatus.of(ep.get().status()).map(PrefixStatus::label)
                    .orElse("未知") + "，不能修改模板");
        }
        return p;
    }

    /** Who administers the template identifier: the enterprise's group, or the operators for other prefixes. */
    static ValueReference admin(Business b, String prefixUpper) {
        return b.enterprises().prefix(prefixUpper).isPresent()
                ? Business.enterpriseGroup(ByteString.utf8(prefixUpper)) : b.operatorsGroup();
    }
}
