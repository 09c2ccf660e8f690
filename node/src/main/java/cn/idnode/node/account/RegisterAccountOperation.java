package cn.idnode.node.account;

import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;
import cn.idnode.node.business.Role;
import cn.idnode.node.op.Operation;
import cn.idnode.node.op.OperationContext;
import cn.idnode.store.PreconditionFailedException;
import cn.idnode.store.WriteBatch;

/**
 * Creates an account ({@code POST /identity/registry}, snms-api.md §2.4): administrators only. Enterprise users are
 * the default; administrators may create further operators (administrator or reviewer roles).
 */
public final class RegisterAccountOperation implements Operation<RegisterAccountOperation.Input, Account> {
    private final Business b;

    public record Input(Principal who, NewAccount account) {}

    public RegisterAccountOperation(Business b) {
        this.b = b;
    }

    @Override
    public String name() {
        return "register-account";
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public Account execute(Input in, OperationContext ctx) {
        in.who().require(Role.ADMIN);
        if (in.account().role() == Role.APP) {
            throw BusinessException.invalid("应用身份请通过应用凭证接口创建");
        }
        Account a = Accounts.build(b, in.account(), b.userIdentity(in.account().username().trim()), 0);
        WriteBatch batch = new WriteBatch();
        Accounts.stage(b, batch, in.who(), a);
        try {
            b.store().write(batch);
        } catch (PreconditionFailedException e) {
            throw BusinessException.conflict("用户名、邮箱或手机号已被使用");
        }
        return a;
    }
}
