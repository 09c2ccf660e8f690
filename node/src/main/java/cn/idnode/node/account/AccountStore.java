package cn.idnode.node.account;

import cn.idnode.node.NodeSchema;
import cn.idnode.node.business.Json;
import cn.idnode.store.Cursor;
import cn.idnode.store.Store;
import cn.idnode.store.StoreKeys;
import cn.idnode.store.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Accounts in the store. Keys: {@code u/<user name, lower case>} → account JSON; unique indexes {@code i/<id>},
 * {@code e/<email>} and {@code m/<mobile>} → user name. Creation requires every unique key to be absent, updates
 * require the stored JSON unchanged (compare-and-set), so concurrent changes cannot overwrite each other.
 */
public final class AccountStore {
    private final Store store;

    public AccountStore(Store store) {
        this.store = store;
    }

    public Optional<Account> get(String username) {
        return store.get(NodeSchema.ACCOUNTS, userKey(username)).map(b -> Json.read(b, Account.class));
    }

    public Optional<Account> byId(long id) {
        return store.get(NodeSchema.ACCOUNTS, StoreKeys.utf8("i/" + id))
                .flatMap(name -> get(new String(name, java.nio.charset.StandardCharsets.UTF_8)));
    }

    public Optional<String> usernameByEmail(String email) {
        return store.get(NodeSchema.ACCOUNTS, emailKey(email)).map(b -> new String(b,
                java.nio.charset.StandardCharsets.UTF_8));
    }

    public Optional<String> usernameByMobile(String mobile) {
        return store.get(NodeSchema.ACCOUNTS, mobileKey(mobile)).map(b -> new String(b,
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Adds a new account to the batch; the batch fails if the name, id, email or mobile is taken. */
    public void create(WriteBatch batch, Account a) {
        byte[] name = StoreKeys.utf8(a.username());
        batch.requireAbsent(NodeSchema.ACCOUNTS, userKey(a.username()))
                .put(NodeSchema.ACCOUNTS, userKey(a.username()), Json.bytes(a))
                .requireAbsent(NodeSchema.ACCOUNTS, StoreKeys.utf8("i/" + a.id()))
                .put(NodeSchema.ACCOUNTS, StoreKeys.utf8("i/" + a.id()), name);
        if (!a.email().isEmpty()) {
            batch.requireAbsent(NodeSchema.ACCOUNTS, emailKey(a.email())).put(NodeSchema.ACCOUNTS, emailKey(a.email()),
                    name);
        }
        if (!a.mobile().isEmpty()) {
            batch.requireAbsent(NodeSchema.ACCOUNTS, mobileKey(a.mobile()))
                    .put(NodeSchema.ACCOUNTS, mobileKey(a.mobile()), name);
        }
    }

    /** Replaces {@code before} by {@code after} (same user name, email and mobile) if it is still stored. */
    public void update(WriteBatch batch, Account before, Account after) {
        if (!before.username().equals(after.username()) || !before.email().equals(after.email())
                || !before.mobile().equals(after.mobile())) {
            throw new IllegalArgumentException("user name, email and mobile do not change");
        }
        batch.requireValue(NodeSchema.ACCOUNTS, userKey(before.username()), Json.bytes(before))
                .put(NodeSchema.ACCOUNTS, userKey(after.username()), Json.bytes(after));
    }

    /** Every account, in user-name order (operators' lists; there are few). */
    public List<Account> all() {
        List<Account> out = new ArrayList<>();
        try (Cursor c = store.scan(NodeSchema.ACCOUNTS, StoreKeys.utf8("u/"), Optional.empty())) {
            while (c.next()) {
                out.add(Json.read(c.value(), Account.class));
            }
        }
        return out;
    }

    static byte[] userKey(String username) {
        return StoreKeys.utf8("u/" + username.toLowerCase(Locale.ROOT));
    }

    private static byte[] emailKey(String email) {
        return StoreKeys.utf8("e/" + email.toLowerCase(Locale.ROOT));
    }

    private static byte[] mobileKey(String mobile) {
        return StoreKeys.utf8("m/" + mobile);
    }
}
