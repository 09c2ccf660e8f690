package cn.idnode.node.enterprise;

import cn.idnode.node.account.Account;
import cn.idnode.node.account.Accounts;
import cn.idnode.node.account.NewAccount;
import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessAudit;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;
import cn.idnode.node.business.Role;
import cn.idnode.node.file.StoredFile;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.prefix.PrefixStatus;
import cn.idnode.protocol.ByteString;
import cn.idnode.store.PreconditionFailedException;
import cn.idnode.store.WriteBatch;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An enterprise applies for onboarding and a prefix (snms-api.md §6.2 {@code apply}: an administrator creates the
 * user and the enterprise; §6.3 {@code upgrade-apply}: for an existing user — administrators for anyone, a user for
 * itself). The application is validated ({@link ApplicationValidator}), its credential must be unused, its prefix
 * free, its files uploaded by the applicant (or the administrator acting for it) and not linked to another user.
 * Enterprise, prefix (pending review), account, file links, history and audit are written in one batch. A rejected
 * application may be submitted again; it keeps its id and history.
 */
public final class ApplyEnterpriseOperation implements Operation<ApplyEnterpriseOperation.Input, Enterprise> {
    private final Business b;
    private final ApplicationValidator validator;

    /**
     * @param newUser  the user to create ({@code apply}); empty for {@code upgrade-apply}
     * @param username the existing user ({@code upgrade-apply})
     */
    public record Input(Principal who, Optional<NewAccount> newUser, String username, JsonNode basic,
                        JsonNode manage, JsonNode hosting) {}

    public ApplyEnterpriseOperation(Business b, ApplicationValidator validator) {
        this.b = b;
        this.validator = validator;
    }

    @Override
    public String name() {
        return "enterprise-apply";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public Enterprise execute(Input in, OperationContext ctx) {
        Principal who = in.who();
        long now = b.now();
        WriteBatch batch = new WriteBatch();
        Account applicant;
        Optional<Account> existingAccount;
        if (in.newUser().isPresent()) {
            who.require(Role.ADMIN);
            NewAccount n = in.newUser().get();
            NewAccount asEnterprise = new NewAccount(n.username(), n.passwordDigest(), n.email(), n.mobile(),
                    n.openId(), n.openUserName(), n.remarks(), Role.ENTERPRISE);
            applicant = Accounts.build(b, asEnterprise, b.userIdentity(n.username() == null ? "" : n.username().trim()),
                    0);
            existingAccount = Optional.empty();
        } else {
            String name = in.username() == null ? "" : in.username().trim();
            if (name.isEmpty()) {
                throw BusinessException.invalid("缺少必要的参数: username");
            }
            if (!who.isAdmin() && !name.equalsIgnoreCase(who.username())) {
                throw BusinessException.forbidden("只能为本人账号提交企业信息");
            }
            applicant = b.accounts().get(name).orElseThrow(() -> BusinessException.notFound("用户不存在: " + name));
            if (!applicant.has(Role.ENTERPRISE)) {
                throw BusinessException.invalid("只有企业用户可以提交企业信息");
            }
            existingAccount = Optional.of(applicant);
        }
        ApplicationValidator.Valid v = validator.check(in.basic(), in.manage(), in.hosting());

        Optional<Enterprise> previous = applicant.enterpriseId() > 0 ? b.enterprises().get(applicant.enterpriseId())
                : Optional.empty();
        if (previous.isPresent() && previous.get().status() != PrefixStatus.REJECTED.code()) {
            throw BusinessException.conflict("该用户已提交企业信息，当前状态："
                    + PrefixStatus.of(previous.get().status()).map(PrefixStatus::label).orElse("未知"));
        }
        long id = previous.map(Enterprise::id).orElseGet(() -> b.enterpriseIds().next());
        Optional<Long> owner = b.enterprises().credentialOwner(v.crtType(), v.crtCode());
        if (owner.isPresent() && owner.get() != id) {
            throw BusinessException.conflict("该证件号码已被其他企业使用: " + v.crtCode());
        }
        Optional<EnterprisePrefix> prefix = b.enterprises().prefix(v.entPrefix());
        if (prefix.isPresent() && (prefix.get().enterpriseId() != id
                || prefix.get().status() != PrefixStatus.REJECTED.code())) {
            throw BusinessException.conflict("前缀已被占用: " + v.entPrefix());
        }
        if (b.prefixes().isHomed(Business.prefixHandle(ByteString.utf8(v.entPrefix())))) {
            throw BusinessException.conflict("前缀已在本节点启用: " + v.entPrefix());
        }
        linkFiles(batch, who, applicant, v.fileIds());

        Account stored = applicant.withEnterprise(id, now);
        if (existingAccount.isEmpty()) {
            Accounts.stage(b, batch, who, stored);
        } else if (!existingAccount.get().equals(stored)) {
            b.accounts().update(batch, existingAccount.get(), stored);
        }
        Enterprise e = new Enterprise(id, stored.id(), stored.username(), PrefixStatus.PENDING_REVIEW.code(),
                v.orgName(), v.crtType(), v.crtCode(), v.entPrefix(), "", previous.map(Enterprise::createdMillis)
                .orElse(now), now, in.basic(), in.manage(), in.hosting(), v.warnings(), "");
        if (previous.isPresent() && (previous.get().orgCrtType() != v.crtType()
                || !previous.get().orgCrtCode().equalsIgnoreCase(v.crtCode()))) {
            throw BusinessException.invalid("重新提交时不能更改证件类型和号码");
        }
        b.enterprises().stage(batch, previous, e);
        EnterprisePrefix p = new EnterprisePrefix(prefix.map(EnterprisePrefix::id)
                .orElseGet(() -> b.enterpriseIds().next()), v.entPrefix(), id, PrefixStatus.PENDING_REVIEW.code(),
                EnterprisePrefix.NOT_HOSTED, prefix.map(EnterprisePrefix::createdMillis).orElse(now), now, null, null,
                "");
        b.enterprises().stagePrefix(batch, prefix, p);
        String action = previous.isPresent() ? "resubmit" : "apply";
        b.enterprises().stageHistory(batch, id, new HistoryEntry(now, who.username(), action, e.status(),
                String.join("；", v.warnings())));
        BusinessAudit.stage(batch, who, now, "enterprise-" + action, "enterprise/" + id, previous, Optional.of(e));
        try {
            b.store().write(batch);
        } catch (PreconditionFailedException ex) {
            throw BusinessException.conflict("企业信息、证件号码、前缀或用户已被并发修改或占用，请重试");
        }
        b.policy().states().set(ByteString.utf8(v.entPrefix()), PrefixStatus.PENDING_REVIEW);
        return e;
    }

    private void linkFiles(WriteBatch batch, Principal who, Account applicant, List<Long> ids) {
        Set<Long> seen = new HashSet<>();
        for (long fileId : ids) {
            if (!seen.add(fileId)) {
                continue;
            }
            StoredFile f = b.files().meta(fileId).orElseThrow(() -> BusinessException.invalid("文件不存在: " + fileId));
            boolean mine = f.ownerAccount() == applicant.id() || f.ownerAccount() == who.accountId();
            if (!mine || (f.linkedAccount() != 0 && f.linkedAccount() != applicant.id())) {
                throw BusinessException.invalid("文件 " + fileId + " 不属于该用户");
            }
            if (f.linkedAccount() == 0) {
                b.files().stageUpdate(batch, f, f.linkedTo(applicant.id()));
            }
        }
    }
}
