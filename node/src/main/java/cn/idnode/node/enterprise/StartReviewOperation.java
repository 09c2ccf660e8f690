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

/** A reviewer takes an application from the queue: pending review (4) → under review (5). */
public final class StartReviewOperation implements Operation<StartReviewOperation.Input, Enterprise> {
    private final Business b;

    public record Input(Principal who, long enterpriseId) {}

    public StartReviewOperation(Business b) {
        this.b = b;
    }

    @Override
    public String name() {
        return "enterprise-start-review";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public Enterprise execute(Input in, OperationContext ctx) {
        in.who().require(Role.ADMIN, Role.REVIEWER);
        Enterprise e = b.enterprises().get(in.enterpriseId())
                .orElseThrow(() -> BusinessException.notFound("企业不存在: " + in.enterpriseId()));
        if (e.status() != PrefixStatus.PENDING_REVIEW.code()) {
            throw BusinessException.invalid("只有待审核的企业可以开始审核");
        }
        long now = b.now();
        Enterprise after = e.withStatus(PrefixStatus.UNDER_REVIEW.code(), "", "", now);
        WriteBatch batch = new WriteBatch();
        b.enterprises().stage(batch, Optional.of(e), after);
        Optional<EnterprisePrefix> p = b.enterprises().prefix(e.requestedPrefix());
        p.filter(x -> x.enterpriseId() == e.id()).ifPresent(x -> b.enterprises().stagePrefix(batch, Optional.of(x),
                x.withStatus(PrefixStatus.UNDER_REVIEW.code(), now)));
        b.enterprises().stageHistory(batch, e.id(), new HistoryEntry(now, in.who().username(), "start-review",
                after.status(), ""));
        BusinessAudit.stage(batch, in.who(), now, "enterprise-start-review", "enterprise/" + e.id(), Optional.of(e),
                Optional.of(after));
        try {
            b.store().write(batch);
        } catch (PreconditionFailedException ex) {
            throw BusinessException.conflict("企业信息已被并发修改，请重试");
        }
        b.policy().states().set(ByteString.utf8(e.requestedPrefix()), PrefixStatus.UNDER_REVIEW);
        return after;
    }
}
