package cn.idnode.node.enterprise;

import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessAudit;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;
import cn.idnode.node.business.Role;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.store.PreconditionFailedException;
import cn.idnode.store.WriteBatch;
import java.util.Optional;

/** An operator decides an enterprise's hosting request: hosted here (4, prefix homed) or rejected (3). */
public final class ReviewHostingOperation implements Operation<ReviewHostingOperation.Input, EnterprisePrefix> {
    private final Business b;

    public record Input(Principal who, String prefix, boolean approve, String reason) {}

    public ReviewHostingOperation(Business b) {
        this.b = b;
    }

    @Override
    public String name() {
        return "prefix-review-hosting";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public EnterprisePrefix execute(Input in, OperationContext ctx) {
        in.who().require(Role.ADMIN, Role.REVIEWER);
        EnterprisePrefix p = PrefixAccess.readable(b, in.who(), in.prefix());
        if (p.proxyState() != EnterprisePrefix.HOSTING_REQUESTED) {
            throw BusinessException.invalid("该前缀没有待审核的托管申请");
        }
        String reason = in.reason() == null ? "" : in.reason().trim();
        if (!in.approve() && reason.isEmpty()) {
            throw BusinessException.invalid("驳回时必须填写原因: reason");
        }
        long now = b.now();
        WriteBatch batch = new WriteBatch();
        EnterprisePrefix after;
        if (in.approve()) {
            ConfigureResolutionOperation.apply(batch, in.who(), b, p, Optional.empty(), now);
            after = p.withResolution(EnterprisePrefix.HOSTED, null, null, "", now);
        } else {
            after = p.withResolution(EnterprisePrefix.HOSTING_REJECTED, p.site(), null, reason, now);
        }
        b.enterprises().stagePrefix(batch, Optional.of(p), after);
        BusinessAudit.stage(batch, in.who(), now, in.approve() ? "prefix-hosting-approve" : "prefix-hosting-reject",
                "prefix/" + p.prefix(), Optional.of(p), Optional.of(after));
        try {
            b.store().write(batch);
        } catch (PreconditionFailedException ex) {
            throw BusinessException.conflict("前缀配置已被并发修改，请重试");
        }
        if (in.approve()) {
            ConfigureResolutionOperation.applied(b, p.prefix(), true);
        }
        return after;
    }
}
