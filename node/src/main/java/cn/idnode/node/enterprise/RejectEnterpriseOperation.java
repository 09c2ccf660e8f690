package cn.idnode.node.enterprise;

import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessAudit;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;
import cn.idnode.node.business.Role;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.prefix.PrefixStatus;
import cn.idnode.protocol.ByteString;
import cn.idnode.store.PreconditionFailedException;
import cn.idnode.store.WriteBatch;
import java.util.Optional;

/**
 * A reviewer rejects an application with a reason (status 3). The requested prefix stays reserved for the enterprise,
 * which may correct and resubmit the application.
 */
public final class RejectEnterpriseOperation implements Operation<RejectEnterpriseOperation.Input, Enterprise> {
    private final Business b;

    public record Input(Principal who, long enterpriseId, String reason) {}

    public RejectEnterpriseOperation(Business b) {
        this.b = b;
    }

    @Override
    public String name() {
        return "enterprise-reject";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public Enterprise execute(Input in, OperationContext ctx) {
        in.who().require(Role.ADMIN, Role.REVIEWER);
        String reason = in.reason() == null ? "" : in.reason().trim();
        if (reason.isEmpty()) {
            throw BusinessException.invalid("驳回时必须填写原因: reason");
        }
        if (reason.length() > 1024) {
            throw BusinessException.invalid("驳回原因不能超过1024个字符");
        }
        Enterprise e = b.enterprises().get(in.enterpriseId())
                .orElseThrow(() -> BusinessException.notFound("企业不存在: " + in.enterpriseId()));
        if (e.status() != PrefixStatus.PENDING_REVIEW.code() && e.status() != PrefixStatus.UNDER_REVIEW.code()) {
            throw BusinessException.invalid("企业当前状态为"
                    + PrefixStatus.of(e.status()).map(PrefixStatus::label).orElse("未知") + "，不能驳回");
        }
        long now = b.now();
        Enterprise after = e.withStatus(PrefixStatus.REJECTED.code(), "", reason, now);
        WriteBatch batch = new WriteBatch();
        b.enterprises().stage(batch, Optional.of(e), after);
        Optional<EnterprisePrefix> p = b.enterprises().prefix(e.requestedPrefix());
        p.filter(x -> x.enterpriseId() == e.id()).ifPresent(x ->
                b.enterprises().stagePrefix(batch, Optional.of(x), x.withStatus(PrefixStatus.REJECTED.code(), now)));
        b.enterprises().stageHistory(batch, e.id(), new HistoryEntry(now, in.who().username(), "reject",
                after.status(), reason));
        BusinessAudit.stage(batch, in.who(), now, "enterprise-reject", "enterprise/" + e.id(), Optional.of(e),
                Optional.of(after));
        try {
            b.store().write(batch);
        } catch (PreconditionFailedException ex) {
            throw BusinessException.conflict("企业信息已被并发修改，请重试");
        }
        b.policy().states().set(ByteString.utf8(e.requestedPrefix()), PrefixStatus.REJECTED);
        return after;
    }
}
