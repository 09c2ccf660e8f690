package cn.idnode.node.account;

/**
 * A password login (snms-api.md §2.1, §2.2).
 *
 * @param hashed true for {@code /identity/token/v1}: {@code password} is {@code hex(SHA-256(hex(SHA-256(pw)) + date))}
 */
public record Login(String username, String password, boolean hashed, String remoteAddress, String surface) {

    /** The result: a token and the account it was issued for. */
    public record Result(String token, Account account) {}
}
