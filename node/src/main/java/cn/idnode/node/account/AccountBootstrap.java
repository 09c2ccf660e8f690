package cn.idnode.node.account;

import cn.idnode.node.business.Business;
import cn.idnode.node.business.Principal;
import cn.idnode.node.business.Role;
import cn.idnode.store.PreconditionFailedException;
import cn.idnode.store.WriteBatch;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * First start: creates the administrator account {@code admin} with a random password, which the server writes to
 * a file readable only by its owner (never to the log). Later starts do nothing.
 */
public final class AccountBootstrap {
    public static final String ADMIN = "admin";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private AccountBootstrap() {}

    public static Optional<String> ensureAdministrator(Business b) {
        if (b.accounts().get(ADMIN).isPresent() || b.accounts().all().stream().anyMatch(a -> a.has(Role.ADMIN))) {
            return Optional.empty();
        }
        String password = randomPassword(20);
        Account a = Accounts.build(b, new NewAccount(ADMIN, Passwords.sha256Hex(password), "", "", "", "",
                "created at first start", Role.ADMIN), b.userIdentity(ADMIN), 0);
        WriteBatch batch = new WriteBatch();
        Accounts.stage(b, batch, Principal.system(b.nodeAdmin()), a);
        try {
            b.store().write(batch);
        } catch (PreconditionFailedException e) {
            return Optional.empty();
        }
        return Optional.of(password);
    }

    static String randomPassword(int length) {
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
