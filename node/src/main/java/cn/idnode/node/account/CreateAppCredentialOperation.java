package cn.idnode.node.account;

import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Groups;
import cn.idnode.node.business.Principal;
import cn.idnode.node.business.Role;
import cn.idnode.node.enterprise.Enterprise;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.prefix.PrefixStatus;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ValueReference;
import cn.idnode.store.PreconditionFailedException;
import cn.idnode.store.WriteBatch;
import java.util.Locale;

/**
 * Issues an application credential (AK/SK, snms-api.md §2.1) for an onboarded enterprise: an account with the
 * application role, user name = AK, password = SK, acting as the identity {@code 300:<prefix>/App_<AK>}, which joins
 * the enterprise's group and so may register and manage its identifiers. The SK is returned once and kept only
 * hashed and sealed.
 */
public final class CreateAppCredentialOperation
        implements Operation<CreateAppCredentialOperation.Input, CreateAppCredentialOperation.Credential> {
    private final Business b;

    /** @param enterpriseId 0: the caller's enterprise */
    public record Input(Principal who, long enterpriseId, String remarks) {}

    public record Credential(String accessKey, String secretKey, String identity) {}

    public CreateAppCredentialOperation(Business b) {
        this.b = b;
    }

    @Override
    public String name() {
        return "create-app-credential";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public Credential execute(Input in, OperationContext ctx) {
        Principal who = in.who();
        long entId = in.enterpriseId() > 0 ? in.enterpriseId() : who.enterpriseId();
        if (!who.isAdmin() && !(who.has(Role.ENTERPRISE) && entId == who.enterpriseId() && entId > 0)) {
            throw BusinessException.forbidden("只有企业用户或管理员可以创建应用凭证");
        }
        Enterprise e = b.enterprises().get(entId).orElseThrow(() -> BusinessException.notFound("企业不存在: " + entId));
        if (e.status() != PrefixStatus.ENABLED.code() || e.prefix().isEmpty()) {
            throw BusinessException.invalid("企业尚未审核通过，不能创建应用凭证");
        }
        String ak = "AK" + Passwords.randomHex(10).toUpperCase(Locale.ROOT);
        String sk = Passwords.randomHex(20);
        ByteString prefix = ByteString.utf8(e.prefix());
        ValueReference identity = Business.appIdentity(prefix, ak);
        String remarks = in.remarks() == null ? "" : in.remarks();
        if (remarks.length() > 255) {
            throw BusinessException.invalid("备注不能超过255个字符");
        }
        Account a = Accounts.build(b, new NewAccount(ak, Passwords.sha256Hex(sk), "", "", "", "", remarks, Role.APP),
                identity, entId);
        WriteBatch batch = new WriteBatch();
        Accounts.stage(b, batch, who, a);
        Groups.adding(b.records(), Business.enterpriseGroup(prefix), identity, (int) (b.now() / 1000))
                .ifPresent(c -> b.writer().stage(batch, b.context(who), "join-enterprise", c));
        try {
            b.store().write(batch);
        } catch (PreconditionFailedException ex) {
            throw BusinessException.conflict("应用凭证创建冲突，请重试");
        }
        return new Credential(ak, sk, identity.toString());
    }
}
