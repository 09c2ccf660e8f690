package cn.idnode.node.enterprise;

import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessAudit;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.prefix.PrefixStatus;
import cn.idnode.node.record.RecordWriter;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.ByteString;
import cn.idnode.store.PreconditionFailedException;
import cn.idnode.store.WriteBatch;
import java.util.Optional;

/**
 * How an enabled enterprise prefix is resolved ({@code POST /snms/api/ent/config}, snms-api.md §7):
 * <ul>
 *   <li>self-hosted: the enterprise node's HS_SITE replaces the one in {@code 0.NA/<prefix>} (serial increased) and
 *       the prefix is unhomed here, so this node refers resolutions there (RC 301/303); applied at once;</li>
 *   <li>hosted ({@code proxyServerId} 1, this node): an operator's request applies at once; an enterprise's request
 *       waits for an operator ({@code proxyState} 2, decided by {@link ReviewHostingOperation}).</li>
 * </ul>
 */
public final class ConfigureResolutionOperation implements Operation<ConfigureResolutionOperation.Input, EnterprisePrefix> {
    /** The only hosting group this node offers: its own Handle service. */
    public static final int OWN_SERVICE = 1;
    private final Business b;

    public record Input(Principal who, String prefix, Optional<Integer> proxyServerId,
                        Optional<EnterprisePrefix.NodeAddress> selfHosted) {}

    public ConfigureResolutionOperation(Business b) {
        this.b = b;
    }

    @Override
    public String name() {
        return "prefix-configure-resolution";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public EnterprisePrefix execute(Input in, OperationContext ctx) {
        EnterprisePrefix p = PrefixAccess.readable(b, in.who(), in.prefix());
        if (p.status() != PrefixStatus.ENABLED.code()) {
            throw BusinessException.invalid("前缀状态为" + PrefixStatus.of(p.status()).map(PrefixStatus::label)
                    .orElse("未知") + "，只有已启用的前缀可以配置解析");
        }
        long now = b.now();
        WriteBatch batch = new WriteBatch();
        EnterprisePrefix after;
        if (in.selfHosted().isPresent()) {
            EnterprisePrefix.NodeAddress a = in.selfHosted().get();
            apply(batch, in.who(), p, Optional.of(a), now);
            after = p.withResolution(EnterprisePrefix.NOT_HOSTED, a, null, "", now);
        } else {
            int server = in.proxyServerId().orElseThrow(() ->
                    BusinessException.invalid("缺少必要的参数: proxyServerId 或 entPrefixConfig.ip"));
            if (server != OWN_SERVICE) {
                throw BusinessException.invalid("托管服务器不存在: " + server);
            }
            if (p.proxyState() == EnterprisePrefix.HOSTED) {
                return p;
            }
            if (in.who().isAdmin()) {
                apply(batch, in.who(), p, Optional.empty(), now);
                after = p.withResolution(EnterprisePrefix.HOSTED, null, null, "", now);
            } else {
                after = p.withResolution(EnterprisePrefix.HOSTING_REQUESTED, p.site(), null, "", now);
            }
        }
        b.enterprises().stagePrefix(batch, Optional.of(p), after);
        BusinessAudit.stage(batch, in.who(), now, "prefix-configure-resolution", "prefix/" + p.prefix(),
                Optional.of(p), Optional.of(after));
        try {
            b.store().write(batch);
        } catch (PreconditionFailedException ex) {
            throw BusinessException.conflict("前缀配置已被并发修改，请重试");
        }
        if (after.proxyState() != EnterprisePrefix.HOSTING_REQUESTED) {
            applied(b, p.prefix(), after.proxyState() == EnterprisePrefix.HOSTED);
        }
        return after;
    }

    /** Stages the prefix record's new HS_SITE and the homing change (self-hosted: unhome; hosted: home). */
    static void apply(WriteBatch batch, Principal who, Business b, EnterprisePrefix p,
                      Optional<EnterprisePrefix.NodeAddress> selfHosted, long now) {
        ByteString upper = ByteString.utf8(p.prefix());
        ByteString handle = Business.prefixHandle(upper);
        StoredRecord before = b.records().get(handle)
                .orElseThrow(() -> BusinessException.notFound("前缀句柄不存在: " + handle.utf8()));
        StoredRecord after = PrefixRecords.withSite(before, selfHosted
                .map(a -> EnterpriseSites.site(a, PrefixRecords.siteSerial(before) + 1))
                .orElse(b.site().current()), (int) (now / 1000));
        b.writer().stage(batch, b.context(who), selfHosted.isPresent() ? "publish-enterprise-site" : "host-prefix",
                new RecordWriter.Change(handle, Optional.of(before), Optional.of(after)));
        if (selfHosted.isPresent() && b.prefixes().isHomed(handle)) {
            b.prefixes().unhome(batch, handle);
        } else if (selfHosted.isEmpty() && !b.prefixes().isHomed(handle)) {
            b.prefixes().home(batch, handle);
        }
    }

    private void apply(WriteBatch batch, Principal who, EnterprisePrefix p,
                       Optional<EnterprisePrefix.NodeAddress> selfHosted, long now) {
        apply(batch, who, b, p, selfHosted, now);
    }

    static void applied(Business b, String prefix, boolean hosted) {
        b.prefixes().applied(Business.prefixHandle(ByteString.utf8(prefix)), hosted);
    }
}
