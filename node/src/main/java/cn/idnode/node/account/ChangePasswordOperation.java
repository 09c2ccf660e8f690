package cn.idnode.node.account;

import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessAudit;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.store.PreconditionFailedException;
import cn.idnode.store.WriteBatch;
import java.util.Optional;

/**
 * Changes the caller's own password, given the current one (both as SHA-256 digests). Raises the token version, so
 * every token issued before stops working.
 */
public final class ChangePasswordOperation implements Operation<ChangePasswordOperation.Input, Boolean> {
    private final Business b;

    public record Input(Principal who, String oldDigest, String newDigest) {}

    public ChangePasswordOperation(Business b) {
        this.b = b;
    }

    @Override
    public String name() {
        return "change-password";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public Boolean execute(Input in, OperationContext ctx) {
        if (!Passwords.isDigest(in.oldDigest()) || !Passwords.isDigest(in.newDigest())) {
            throw BusinessException.invalid("密码应为SHA-256摘要（64位十六进制）");
        }
        Account a = b.accounts().get(in.who().username())
                .orElseThrow(() -> BusinessException.unauthenticated("账号不存在"));
        if (!b.passwords().matches(in.oldDigest().toLowerCase(java.util.Locale.ROOT), a.passwordHash())) {
            throw BusinessException.invalid("原密码错误");
        }
        String digest = in.newDigest().toLowerCase(java.util.Locale.ROOT);
        Account after = a.withPassword(b.passwords().hash(digest), b.secrets().seal(digest), b.now());
        WriteBatch batch = new WriteBatch();
        b.accounts().update(batch, a, after);
        BusinessAudit.stage(batch, in.who(), b.now(), "change-password", "account/" + a.username(),
                Optional.empty(), Optional.empty());
        try {
            b.store().write(batch);
        } catch (PreconditionFailedException e) {
            throw BusinessException.conflict("账号信息已变更，请重试");
        }
        return true;
    }
}
