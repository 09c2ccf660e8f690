package cn.idnode.node.enterprise;

import cn.idnode.node.NodeSchema;
import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessAudit;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;
import cn.idnode.node.business.Role;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.prefix.PrefixPolicy;
import cn.idnode.node.prefix.PrefixStatus;
import cn.idnode.node.record.RecordWriter;
import cn.idnode.protocol.ByteString;
import cn.idnode.store.PreconditionFailedException;
import cn.idnode.store.WriteBatch;
import java.util.Optional;

/**
 * The lifecycle of an allocated prefix, by administrators: enabled (1) ⇄ disabled (0) → pending deletion (2) →
 * deleted. Disabled and pending-deletion prefixes refuse registration and resolution ({@link PrefixPolicy}: RC 605
 * for IDIS clients, its CNRI equivalent otherwise, HTTP 403). Deleting removes the prefix handle, the homing and the
 * prefix record, and is refused while identifiers remain under the prefix.
 */
public final class ChangePrefixStateOperation implements Operation<ChangePrefixStateOperation.Input, Optional<EnterprisePrefix>> {
    private final Business b;

    /** @param target the new state's code, or -1 to delete a prefix pending deletion */
    public record Input(Principal who, String prefix, int target, String reason) {}

    public static final int DELETE = -1;

    public ChangePrefixStateOperation(Business b) {
        this.b = b;
    }

    @Override
    public String name() {
        return "prefix-change-state";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public Optional<EnterprisePrefix> execute(Input in, OperationContext ctx) {
        in.who().require(Role.ADMIN);
        EnterprisePrefix p = PrefixAccess.readable(b, in.who(), in.prefix());
        PrefixStatus from = PrefixStatus.of(p.status()).orElseThrow();
        long now = b.now();
        WriteBatch batch = new WriteBatch();
        ByteString upper = ByteString.utf8(p.prefix());
        if (in.target() == DELETE) {
            if (from != PrefixStatus.PENDING_DELETION) {
                throw BusinessException.invalid("只有待删除状态的前缀可以删除");
            }
            long left = b.store().counter(NodeSchema.USAGE, PrefixPolicy.handleCountKey(upper));
            if (left > 0) {
                throw BusinessException.invalid("前缀下仍有" + left + "个标识，不能删除");
            }
            ByteString handle = Business.prefixHandle(upper);
            b.records().get(handle).ifPresent(r -> b.writer().stage(batch, b.context(in.who()), "delete-prefix",
                    new RecordWriter.Change(handle, Optional.of(r), Optional.empty())));
            if (b.prefixes().isHomed(handle)) {
                b.prefixes().unhome(batch, handle);
            }
            b.enterprises().stagePrefixRemoval(batch, p);
            BusinessAudit.stage(batch, in.who(), now, "prefix-delete", "prefix/" + p.prefix(), Optional.of(p),
                    Optional.empty());
            write(batch);
            b.prefixes().applied(handle, false);
            b.policy().states().remove(upper);
            return Optional.empty();
        }
        PrefixStatus to = PrefixStatus.of(in.target()).orElseThrow(() -> BusinessException.invalid(
                in.target() == Integer.MIN_VALUE ? "缺少必要的参数: status" : "前缀状态不合法: " + in.target()));
        boolean allowed = switch (from) {
            case ENABLED -> to == PrefixStatus.DISABLED || to == PrefixStatus.PENDING_DELETION;
            case DISABLED -> to == PrefixStatus.ENABLED || to == PrefixStatus.PENDING_DELETION;
            case PENDING_DELETION -> to == PrefixStatus.DISABLED;
            default -> false;
        };
        if (!allowed) {
            throw BusinessException.invalid("前缀状态不能从" + from.label() + "变更为" + to.label());
        }
        EnterprisePrefix after = p.withStatus(to.code(), now);
        b.enterprises().stagePrefix(batch, Optional.of(p), after);
        BusinessAudit.stage(batch, in.who(), now, "prefix-" + to.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', '-'), "prefix/" + p.prefix(), Optional.of(p), Optional.of(after));
        write(batch);
        b.policy().states().set(upper, to);
        return Optional.of(after);
    }

    private void write(WriteBatch batch) {
        try {
            b.store().write(batch);
        } catch (PreconditionFailedException ex) {
            throw BusinessException.conflict("前缀已被并发修改，请重试");
        }
    }
}
