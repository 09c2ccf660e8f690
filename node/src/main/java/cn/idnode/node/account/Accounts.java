package cn.idnode.node.account;

import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessAudit;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Groups;
import cn.idnode.node.business.Principal;
import cn.idnode.node.business.Role;
import cn.idnode.node.record.RecordWriter;
import cn.idnode.protocol.ValueReference;
import cn.idnode.store.WriteBatch;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Creating accounts, shared by the registry call, the enterprise application that creates its user, application
 * credentials and the first start. Validates the fields, stages the account, its group membership (administrators
 * join the operators' group) and the audit entry into the caller's batch.
 */
public final class Accounts {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,49}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}");
    private static final Pattern MOBILE = Pattern.compile("\\+?[0-9][0-9 -]{4,48}");

    private Accounts() {}

    /** Validates {@code n} and returns the account to create, with a new id; nothing is written. */
    public static Account build(Business b, NewAccount n, ValueReference identity, long enterpriseId) {
        String name = n.username() == null ? "" : n.username().trim();
        if (!USERNAME.matcher(name).matches()) {
            throw BusinessException.invalid("用户名不合法：1-50位字母、数字或 _ . @ -，以字母或数字开头");
        }
        if (!Passwords.isDigest(n.passwordDigest())) {
            throw BusinessException.invalid("密码应为SHA-256摘要（64位十六进制）");
        }
        String email = n.email() == null ? "" : n.email().trim();
        String mobile = n.mobile() == null ? "" : n.mobile().trim();
        boolean contactRequired = n.role() == Role.ENTERPRISE || n.role() == Role.REVIEWER;
        if (contactRequired || !email.isEmpty()) {
            if (!EMAIL.matcher(email).matches() || email.length() > 255) {
                throw BusinessException.invalid(email.isEmpty() ? "缺少必要的参数: email" : "邮箱格式错误: " + email);
            }
        }
        if (contactRequired || !mobile.isEmpty()) {
            if (!MOBILE.matcher(mobile).matches()) {
                throw BusinessException.invalid(mobile.isEmpty() ? "缺少必要的参数: mobile" : "手机号格式错误: " + mobile);
            }
        }
        if (b.accounts().get(name).isPresent()) {
            throw BusinessException.conflict("用户名已存在: " + name);
        }
        if (!email.isEmpty() && b.accounts().usernameByEmail(email).isPresent()) {
            throw BusinessException.conflict("邮箱已被使用: " + email);
        }
        if (!mobile.isEmpty() && b.accounts().usernameByMobile(mobile).isPresent()) {
            throw BusinessException.conflict("手机号已被使用: " + mobile);
        }
        String digest = n.passwordDigest().toLowerCase(java.util.Locale.ROOT);
        long now = b.now();
        return new Account(b.accountIds().next(), name, Set.of(n.role()), enterpriseId, identity.toString(), email,
                mobile, n.openId(), n.openUserName(), n.remarks(), b.passwords().hash(digest), b.secrets().seal(digest),
                0, 0, 1, now, now, false);
    }

    /** Stages a built account: the account, the operators' group for administrators, the audit entry. */
    public static void stage(Business b, WriteBatch batch, Principal who, Account a) {
        b.accounts().create(batch, a);
        if (a.has(Role.ADMIN)) {
            Optional<RecordWriter.Change> join = Groups.adding(b.records(), b.operatorsGroup(), a.identityReference(),
                    (int) (b.now() / 1000));
            join.ifPresent(c -> b.writer().stage(batch, b.context(who), "join-operators", c));
        }
        BusinessAudit.stage(batch, who, b.now(), "create-account", "account/" + a.username(), Optional.empty(),
                Optional.of(a.masked()));
    }
}
