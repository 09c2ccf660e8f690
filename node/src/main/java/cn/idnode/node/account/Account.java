package cn.idnode.node.account;

import cn.idnode.node.business.Role;
import cn.idnode.protocol.ValueReference;
import java.util.Set;

/**
 * An account of the business layer, stored as JSON. Secrets: {@code passwordHash} (Argon2id of the password digest)
 * and {@code sealedDigest} (the digest sealed with the data key) — never shown, never logged.
 *
 * @param enterpriseId  the enterprise this account belongs to; 0 for operators and users not yet onboarded
 * @param identity      the Handle identity it acts as ({@code index:handle})
 * @param tokenVersion  increased to revoke every token issued before (password change, disabling)
 * @param lockedUntil   epoch millis until which logins are refused after repeated failures
 */
public record Account(long id, String username, Set<Role> roles, long enterpriseId, String identity, String email,
                      String mobile, String openId, String openUserName, String remarks, String passwordHash,
                      String sealedDigest, int failedLogins, long lockedUntil, int tokenVersion, long createdMillis,
                      long updatedMillis, boolean disabled) {
    public Account {
        roles = Set.copyOf(roles);
        email = orEmpty(email);
        mobile = orEmpty(mobile);
        openId = orEmpty(openId);
        openUserName = orEmpty(openUserName);
        remarks = orEmpty(remarks);
    }

    public ValueReference identityReference() {
        return ValueReference.parse(identity);
    }

    public boolean has(Role r) {
        return roles.contains(r);
    }

    public Account withFailures(int failures, long locked, long now) {
        return new Account(id, username, roles, enterpriseId, identity, email, mobile, openId, openUserName, remarks,
                passwordHash, sealedDigest, failures, locked, tokenVersion, createdMillis, now, disabled);
    }

    public Account withEnterprise(long enterprise, long now) {
        return new Account(id, username, roles, enterprise, identity, email, mobile, openId, openUserName, remarks,
                passwordHash, sealedDigest, failedLogins, lockedUntil, tokenVersion, createdMillis, now, disabled);
    }

    public Account withIdentity(String newIdentity, long now) {
        return new Account(id, username, roles, enterpriseId, newIdentity, email, mobile, openId, openUserName,
                remarks, passwordHash, sealedDigest, failedLogins, lockedUntil, tokenVersion, createdMillis, now,
                disabled);
    }

    public Account withPassword(String hash, String sealed, long now) {
        return new Account(id, username, roles, enterpriseId, identity, email, mobile, openId, openUserName, remarks,
                hash, sealed, 0, 0, tokenVersion + 1, createdMillis, now, disabled);
    }

    public Account withDisabled(boolean off, long now) {
        return new Account(id, username, roles, enterpriseId, identity, email, mobile, openId, openUserName, remarks,
                passwordHash, sealedDigest, failedLogins, lockedUntil, tokenVersion + 1, createdMillis, now, off);
    }

    /** The account without its secrets, for audit records. */
    public Account masked() {
        return new Account(id, username, roles, enterpriseId, identity, email, mobile, openId, openUserName, remarks,
                "***", "***", failedLogins, lockedUntil, tokenVersion, createdMillis, updatedMillis, disabled);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
