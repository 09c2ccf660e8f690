package cn.idnode.node.account;

import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessException;
import cn.idnode.node.business.Principal;

/**
 * Turns a bearer token into the {@link Principal} of its account. The account is read again on every use, so a
 * disabled account, a changed password (token version) or a changed enterprise takes effect immediately.
 */
public final class TokenAuthenticator {
    private final Business b;

    public TokenAuthenticator(Business b) {
        this.b = b;
    }

    public Principal principal(String token, String remoteAddress, String surface) {
        if (token == null || token.isBlank()) {
            throw BusinessException.unauthenticated("未登录或缺少令牌");
        }
        AccessTokens.Claims claims = b.tokens().verify(token.trim());
        Account a = b.accounts().get(claims.username())
                .filter(x -> x.id() == claims.accountId())
                .orElseThrow(() -> BusinessException.unauthenticated("账号不存在，请重新登录"));
        if (a.disabled()) {
            throw BusinessException.unauthenticated("账号已停用");
        }
        if (a.tokenVersion() != claims.version()) {
            throw BusinessException.unauthenticated("令牌已失效，请重新登录");
        }
        return new Principal(a.id(), a.username(), a.roles(), a.enterpriseId(), a.identityReference(), remoteAddress,
                surface);
    }
}
