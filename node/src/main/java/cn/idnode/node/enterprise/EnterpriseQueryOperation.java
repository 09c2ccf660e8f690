package cn.idnode.node.enterprise;

import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Page;
import cn.idnode.node.business.Principal;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Enterprises (snms-api.md §6.4): a filtered page, or one enterprise with its history. Operators see all (the review
 * queue is the page filtered by status), enterprise users only their own.
 */
public final class EnterpriseQueryOperation
        implements Operation<EnterpriseQueryOperation.Input, Page<EnterpriseQueryOperation.Row>> {
    private final Business b;

    /**
     * @param id     0 for a page, else one enterprise
     * @param status -1 for any status
     */
    public record Input(Principal who, long id, String orgName, Optional<Long> from, Optional<Long> to, int status,
                        int page, int size) {}

    public record Row(Enterprise enterprise, List<HistoryEntry> history) {}

    public EnterpriseQueryOperation(Business b) {
        this.b = b;
    }

    @Override
    public String name() {
        return "enterprise-query";
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Page<Row> execute(Input in, OperationContext ctx) {
        if (in.id() > 0) {
            Enterprise e = b.enterprises().get(in.id())
                    .orElseThrow(() -> BusinessException.notFound("企业不存在: " + in.id()));
            if (!in.who().isOperator() && e.id() != in.who().enterpriseId()) {
                throw BusinessException.forbidden("没有权限查看该企业");
            }
            return Page.of(List.of(new Row(e, b.enterprises().history(e.id()))), 1, 1);
        }
        String name = in.orgName() == null ? "" : in.orgName().trim();
        List<Row> rows = new ArrayList<>();
        for (Enterprise e : b.enterprises().all()) {
            if (!in.who().isOperator() && e.id() != in.who().enterpriseId()) {
                continue;
            }
            if (!name.isEmpty() && !e.orgName().contains(name) || in.status() >= 0 && e.status() != in.status()) {
                continue;
            }
            if (in.from().isPresent() && e.createdMillis() < in.from().get()
                    || in.to().isPresent() && e.createdMillis() > in.to().get()) {
                continue;
            }
            rows.add(new Row(e, List.of()));
        }
        return Page.of(rows, in.page(), in.size());
    }
}
