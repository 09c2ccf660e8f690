package cn.idnode.server.snms;

import static cn.idnode.server.snms.SnmsReply.F;

import cn.idnode.node.account.Account;
import cn.idnode.node.account.ChangePasswordOperation;
import cn.idnode.node.account.CreateAppCredentialOperation;
import cn.idnode.node.account.Login;
import cn.idnode.node.account.NewAccount;
import cn.idnode.node.account.RegisterAccountOperation;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Role;
import cn.idnode.node.op.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** {@code /identity/*}: logins (snms-api.md §2.1–2.2), user creation (§2.4), and idnode's account extensions. */
final class IdentityEndpoints {
    private IdentityEndpoints() {}

    static JsonNode token(SnmsCall c) {
        return login(c, false);
    }

    static JsonNode hashedToken(SnmsCall c) {
        return login(c, true);
    }

    private static JsonNode login(SnmsCall c, boolean hashed) {
        JsonNode b = c.objectBody();
        String user = SnmsInput.text(b, "username");
        if (user.isEmpty()) {
            user = SnmsInput.text(b, "userName");
        }
        Login.Result r = c.node().runner().run(c.ops().login(), new Login(user, SnmsInput.text(b, "password"), hashed,
                c.remoteAddress(), "snms"), Caller.anonymous(c.remoteAddress(), "snms"));
        ObjectNode data = F.objectNode();
        data.put("token", r.token());
        return data;
    }

    static JsonNode registry(SnmsCall c) {
        JsonNode b = c.objectBody();
        Account a = c.run(c.ops().registerAccount(), new RegisterAccountOperation.Input(c.who(), newAccount(b,
                role(SnmsInput.text(b, "role")))));
        return SnmsViews.account(a);
    }

    /** A {@code sysUser} / registry body; {@code userName} and {@code username} both accepted. */
    static NewAccount newAccount(JsonNode b, Role role) {
        String user = SnmsInput.text(b, "username");
        if (user.isEmpty()) {
            user = SnmsInput.text(b, "userName");
        }
        return new NewAccount(user, SnmsInput.text(b, "password"), SnmsInput.text(b, "email"),
                SnmsInput.text(b, "mobile"), SnmsInput.text(b, "openId"), SnmsInput.text(b, "openUserName"),
                SnmsInput.text(b, "remarks"), role);
    }

    private static Role role(String text) {
        if (text.isEmpty()) {
            return Role.ENTERPRISE;
        }
        try {
            Role r = Role.valueOf(text.trim().toUpperCase(Locale.ROOT));
            if (r == Role.APP) {
                throw BusinessException.invalid("应用身份请通过 /identity/app-credential 创建");
            }
            return r;
        } catch (IllegalArgumentException e) {
            throw BusinessException.invalid("role 应为 ENTERPRISE、REVIEWER 或 ADMIN: " + text);
        }
    }

    static JsonNode password(SnmsCall c) {
        JsonNode b = c.objectBody();
        c.run(c.ops().changePassword(), new ChangePasswordOperation.Input(c.who(), SnmsInput.text(b, "oldPassword"),
                SnmsInput.text(b, "newPassword")));
        return F.booleanNode(true);
    }

    static JsonNode appCredential(SnmsCall c) {
        JsonNode b = c.body() == null || c.body().isNull() ? F.objectNode() : c.objectBody();
        long ent = SnmsInput.optionalInt(b, "enterpriseId").orElse(0);
        CreateAppCredentialOperation.Credential cr = c.run(c.ops().createAppCredential(),
                new CreateAppCredentialOperation.Input(c.who(), ent, SnmsInput.text(b, "remarks")));
        ObjectNode data = F.objectNode();
        data.put("ak", cr.accessKey());
        data.put("sk", cr.secretKey());
        data.put("identity", cr.identity());
        return data;
    }

    static JsonNode me(SnmsCall c) {
        Account a = c.ops().business().accounts().get(c.who().username())
                .orElseThrow(() -> BusinessException.unauthenticated("账号不存在"));
        return SnmsViews.account(a);
    }
}
