package cn.idnode.node.account;

import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessAudit;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.ChinaTime;
import cn.idnode.node.business.Principal;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.store.PreconditionFailedException;
import cn.idnode.store.WriteBatch;
import java.util.Optional;

/**
 * Password login for a token (snms-api.md §2). Unknown user and wrong password give the same answer, after the same
 * slow hash, so names cannot be probed. {@code maxLoginFailures} failures in a row lock the account for
 * {@code lockout}; every success and failure is audited. The hashed variant accepts the server's China date, the day
 * before and the day after (clock skew around midnight).
 */
public final class LoginOperation implements Operation<Login, Login.Result> {
    static final String WRONG = "用户名/密码错误！";
    private static final String DUMMY_HASH = Passwords.standard().hash(Passwords.sha256Hex("no such user"));

    private final Business b;

    public LoginOperation(Business b) {
        this.b = b;
    }

    @Override
    public String name() {
        return "login";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public Login.Result execute(Login in, OperationContext ctx) {
        if (in.username() == null || in.username().isBlank() || in.password() == null || in.password().isEmpty()) {
            throw BusinessException.invalid("缺少必要的请求参数: username/password");
        }
        if (in.username().length() > 50 || in.password().length() > 64) {
            throw BusinessException.invalid(WRONG);
        }
        Optional<Account> found = b.accounts().get(in.username());
        if (found.isEmpty()) {
            b.passwords().matches(Passwords.sha256Hex(in.password()), DUMMY_HASH);
            throw BusinessException.invalid(WRONG);
        }
        Account a = found.get();
        long now = b.now();
        if (a.disabled()) {
            throw BusinessException.invalid("账号已停用");
        }
        if (a.lockedUntil() > now) {
            long minutes = Math.max(1, (a.lockedUntil() - now + 59_999) / 60_000);
            throw BusinessException.invalid("登录失败次数过多，账号已锁定，请" + minutes + "分钟后再试");
        }
        boolean ok = in.hashed() ? hashedMatches(a, in.password(), now)
                : b.passwords().matches(Passwords.sha256Hex(in.password()), a.passwordHash());
        Principal who = new Principal(a.id(), a.username(), a.roles(), a.enterpriseId(), a.identityReference(),
                in.remoteAddress(), in.surface());
        if (!ok) {
            int failures = a.failedLogins() + 1;
            boolean lock = failures >= b.settings().maxLoginFailures();
            Account after = a.withFailures(lock ? 0 : failures, lock ? now + b.settings().lockout().toMillis() : 0, now);
            save(who, a, after, lock ? "login-locked" : "login-failed", now);
            throw BusinessException.invalid(lock ? "登录失败次数过多，账号已锁定，请"
                    + b.settings().lockout().toMinutes() + "分钟后再试" : WRONG);
        }
        Account after = a.failedLogins() > 0 || a.lockedUntil() > 0 ? a.withFailures(0, 0, now) : a;
        save(who, a, after, "login", now);
        return new Login.Result(b.tokens().issue(after), after);
    }

    private boolean hashedMatches(Account a, String sent, long now) {
        if (!Passwords.isDigest(sent)) {
            return false;
        }
        String digest = b.secrets().open(a.sealedDigest());
        for (long day = -1; day <= 1; day++) {
            if (Passwords.sameHex(Passwords.dated(digest, ChinaTime.date(now + day * 86_400_000L)), sent)) {
                return true;
            }
        }
        return false;
    }

    private void save(Principal who, Account before, Account after, String action, long now) {
        WriteBatch batch = new WriteBatch();
        if (!before.equals(after)) {
            b.accounts().update(batch, before, after);
        }
        BusinessAudit.stage(batch, who, now, action, "account/" + before.username(), Optional.empty(),
                Optional.empty());
        try {
            b.store().write(batch);
        } catch (PreconditionFailedException e) {
            // a concurrent login changed the account; its outcome stands and this one is still audited
            WriteBatch auditOnly = new WriteBatch();
            BusinessAudit.stage(auditOnly, who, now, action, "account/" + before.username(), Optional.empty(),
                    Optional.empty());
            b.store().write(auditOnly);
        }
    }
}
