package cn.idnode.node.enterprise;

import cn.idnode.node.business.Business;
import cn.idnode.node.business.Page;
import cn.idnode.node.business.Principal;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Enterprise prefixes with their enterprises (snms-api.md §5): one by name, or a filtered page. Operators see every
 * prefix, other users only their enterprise's.
 */
public final class PrefixQueryOperation implements Operation<PrefixQueryOperation.Input, Page<PrefixQueryOperation.Row>> {
    private final Business b;

    /** Filters; empty strings and absent times match everything. {@code exact} looks up one prefix. */
    public record Input(Principal who, String entName, String entPrefix, Optional<Long> from, Optional<Long> to,
                        int page, int size, boolean exact) {}

    /** A prefix and its enterprise (absent for prefixes whose enterprise record is gone). */
    public record Row(EnterprisePrefix prefix, Optional<Enterprise> enterprise) {}

    public PrefixQueryOperation(Business b) {
        this.b = b;
    }

    @Override
    public String name() {
        return "prefix-query";
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Page<Row> execute(Input in, OperationContext ctx) {
        if (in.exact()) {
            EnterprisePrefix p = PrefixAccess.readable(b, in.who(), in.entPrefix());
            return Page.of(List.of(new Row(p, b.enterprises().get(p.enterpriseId()))), 1, 1);
        }
        String name = in.entName() == null ? "" : in.entName().trim();
        String prefix = in.entPrefix() == null ? "" : in.entPrefix().trim().toUpperCase(Locale.ROOT);
        List<Row> rows = new ArrayList<>();
        for (EnterprisePrefix p : b.enterprises().prefixes()) {
            if (!in.who().isOperator() && p.enterpriseId() != in.who().enterpriseId()) {
                continue;
            }
            if (!prefix.isEmpty() && !p.prefix().contains(prefix)) {
                continue;
            }
            if (in.from().isPresent() && p.createdMillis() < in.from().get()
                    || in.to().isPresent() && p.createdMillis() > in.to().get()) {
                continue;
            }
            Optional<Enterprise> e = b.enterprises().get(p.enterpriseId());
            if (!name.isEmpty() && e.map(x -> !x.orgName().contains(name)).orElse(true)) {
                continue;
            }
            rows.add(new Row(p, e));
        }
        return Page.of(rows, in.page(), in.size());
    }
}
