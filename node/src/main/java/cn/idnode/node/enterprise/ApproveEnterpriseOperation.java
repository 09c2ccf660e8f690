package cn.idnode.node.enterprise;

import cn.idnode.node.account.Account;
import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessAudit;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;
import cn.idnode.node.business.Role;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.prefix.PrefixStatus;
import cn.idnode.node.record.RecordWriter;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.SiteInfo;
import cn.idnode.protocol.ValueReference;
import cn.idnode.store.PreconditionFailedException;
import cn.idnode.store.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A reviewer approves an application (national-system.md §4.2 step 5): allocates the enterprise prefix — the one
 * requested, one the reviewer names, or the next free number ({@code auto}) — creates its prefix handle with HS_SITE,
 * HS_ADMIN for the enterprise's group and the group itself, and homes it here; for a self-hosted enterprise node it
 * publishes that node's HS_SITE instead and does not home it, so resolution here is referred there. Enterprise,
 * prefix, record, homing, history and audit are one batch.
 */
public final class ApproveEnterpriseOperation implements Operation<ApproveEnterpriseOperation.Input, Enterprise> {
    private static final Pattern CODE = Pattern.compile("[0-9]{1,20}");
    private final Business b;

    /**
     * @param prefix     empty: the requested prefix; {@code auto}: the next free number; otherwise this prefix
     * @param selfHosted the enterprise node's address if it runs its own node
     */
    public record Input(Principal who, long enterpriseId, String prefix,
                        Optional<EnterprisePrefix.NodeAddress> selfHosted, String note) {}

    public ApproveEnterpriseOperation(Business b) {
        this.b = b;
    }

    @Override
    public String name() {
        return "enterprise-approve";
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
        if (e.status() != PrefixStatus.PENDING_REVIEW.code() && e.status() != PrefixStatus.UNDER_REVIEW.code()) {
            throw BusinessException.invalid("企业当前状态为"
                    + PrefixStatus.of(e.status()).map(PrefixStatus::label).orElse("未知") + "，不能审核通过");
        }
        long now = b.now();
        int nowSeconds = (int) (now / 1000);
        String prefix = choosePrefix(in.prefix(), e);
        ByteString prefixUpper = ByteString.utf8(prefix);
        Optional<EnterprisePrefix> existing = b.enterprises().prefix(prefix);
        if (existing.isPresent() && existing.get().enterpriseId() != e.id()) {
            throw BusinessException.conflict("前缀已被占用: " + prefix);
        }
        ByteString handle = Business.prefixHandle(prefixUpper);
        if (b.prefixes().isHomed(handle) || b.records().get(handle).isPresent()) {
            throw BusinessException.conflict("前缀已在本节点存在: " + prefix);
        }
        List<ValueReference> members = new ArrayList<>();
        b.accounts().byId(e.accountId()).map(Account::identityReference).ifPresent(members::add);
        SiteInfo site = in.selfHosted().map(a -> EnterpriseSites.site(a, 1)).orElse(b.site().current());
        StoredRecord record = PrefixRecords.create(prefixUpper, site, members, nowSeconds);

        WriteBatch batch = new WriteBatch();
        b.writer().stage(batch, b.context(in.who()), "allocate-prefix",
                new RecordWriter.Change(handle, Optional.empty(), Optional.of(record)));
        if (in.selfHosted().isEmpty()) {
            b.prefixes().home(batch, handle);
        }
        if (!prefix.equals(e.requestedPrefix())) {
            Optional<EnterprisePrefix> requested = b.enterprises().prefix(e.requestedPrefix());
            if (requested.isPresent() && requested.get().enterpriseId() == e.id()) {
                b.enterprises().stagePrefixRemoval(batch, requested.get());
            }
        }
        EnterprisePrefix allocated = new EnterprisePrefix(existing.map(EnterprisePrefix::id)
                .orElseGet(() -> b.enterpriseIds().next()), prefix, e.id(), PrefixStatus.ENABLED.code(),
                in.selfHosted().isPresent() ? EnterprisePrefix.NOT_HOSTED : EnterprisePrefix.HOSTED,
                existing.map(EnterprisePrefix::createdMillis).orElse(now), now,
                in.selfHosted().orElse(EnterprisePrefix.NodeAddress.NONE), null, "");
        b.enterprises().stagePrefix(batch, existing, allocated);
        Enterprise after = e.withStatus(PrefixStatus.ENABLED.code(), prefix, "", now);
        b.enterprises().stage(batch, Optional.of(e), after);
        b.enterprises().stageHistory(batch, e.id(), new HistoryEntry(now, in.who().username(), "approve",
                after.status(), "前缀 " + prefix + (in.note() == null || in.note().isBlank() ? "" : "；" + in.note())));
        BusinessAudit.stage(batch, in.who(), now, "enterprise-approve", "enterprise/" + e.id(), Optional.of(e),
                Optional.of(after));
        BusinessAudit.stage(batch, in.who(), now, "prefix-allocate", "prefix/" + prefix, existing,
                Optional.of(allocated));
        try {
            b.store().write(batch);
        } catch (PreconditionFailedException ex) {
            throw BusinessException.conflict("企业或前缀已被并发修改，请重试");
        }
        if (in.selfHosted().isEmpty()) {
            b.prefixes().applied(handle, true);
        }
        if (!prefix.equals(e.requestedPrefix())) {
            b.policy().states().remove(ByteString.utf8(e.requestedPrefix()));
        }
        b.policy().states().set(prefixUpper, PrefixStatus.ENABLED);
        return after;
    }

    private String choosePrefix(String chosen, Enterprise e) {
        String c = chosen == null ? "" : chosen.trim().toUpperCase(Locale.ROOT);
        if (c.isEmpty()) {
            return e.requestedPrefix();
        }
        String head = b.nodePrefix().utf8() + ".";
        if (c.equals("AUTO")) {
            long max = 0;
            for (EnterprisePrefix p : b.enterprises().prefixes()) {
                String tail = p.prefix().startsWith(head) ? p.prefix().substring(head.length()) : "";
                if (CODE.matcher(tail).matches() && tail.length() < 19) {
                    max = Math.max(max, Long.parseLong(tail));
                }
            }
            for (long n = max + 1; ; n++) {
                String candidate = head + n;
                if (!b.prefixes().isHomed(Business.prefixHandle(ByteString.utf8(candidate)))) {
                    return candidate;
                }
            }
        }
        if (!c.startsWith(head) || !CODE.matcher(c.substring(head.length())).matches()) {
            throw BusinessException.invalid("前缀应为本节点前缀下的企业前缀，形如 " + head + "数字（1-20位）: " + chosen);
        }
        return c;
    }
}
