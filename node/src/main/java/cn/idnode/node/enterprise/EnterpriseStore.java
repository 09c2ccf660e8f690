package cn.idnode.node.enterprise;

import cn.idnode.node.NodeSchema;
import cn.idnode.node.business.Json;
import cn.idnode.store.Cursor;
import cn.idnode.store.Store;
import cn.idnode.store.StoreKeys;
import cn.idnode.store.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Enterprises, their history and their prefixes in the store. Keys of {@link NodeSchema#ENTERPRISES}:
 * {@code e/<id, 8 bytes>} → {@link Enterprise}, {@code c/<crtType>/<CODE>} → id (one enterprise per credential),
 * {@code h/<id, 8 bytes><time, 8 bytes><n, 8 bytes>} → {@link HistoryEntry}. {@link NodeSchema#ENTERPRISE_PREFIXES}:
 * {@code <PREFIX>} → {@link EnterprisePrefix}. Changes are compare-and-set on the stored JSON.
 */
public final class EnterpriseStore {
    private final Store store;
    private final AtomicLong historyCounter = new AtomicLong();

    public EnterpriseStore(Store store) {
        this.store = store;
    }

    public Optional<Enterprise> get(long id) {
        return store.get(NodeSchema.ENTERPRISES, enterpriseKey(id)).map(b -> Json.read(b, Enterprise.class));
    }

    public Optional<Long> credentialOwner(int crtType, String code) {
        return store.get(NodeSchema.ENTERPRISES, credentialKey(crtType, code))
                .map(b -> Long.parseLong(new String(b, StandardCharsets.US_ASCII)));
    }

    /** Stages a new or changed enterprise; a new one also claims its credential (type, code). */
    public void stage(WriteBatch batch, Optional<Enterprise> before, Enterprise after) {
        byte[] key = enterpriseKey(after.id());
        if (before.isPresent()) {
            batch.requireValue(NodeSchema.ENTERPRISES, key, Json.bytes(before.get()));
        } else {
            batch.requireAbsent(NodeSchema.ENTERPRISES, key)
                    .requireAbsent(NodeSchema.ENTERPRISES, credentialKey(after.orgCrtType(), after.orgCrtCode()))
                    .put(NodeSchema.ENTERPRISES, credentialKey(after.orgCrtType(), after.orgCrtCode()),
                            StoreKeys.utf8(Long.toString(after.id())));
        }
        batch.put(NodeSchema.ENTERPRISES, key, Json.bytes(after));
    }

    public void stageHistory(WriteBatch batch, long enterpriseId, HistoryEntry entry) {
        byte[] key = StoreKeys.concat(StoreKeys.concat(historyPrefix(enterpriseId), StoreKeys.sequence(entry.timeMillis())),
                StoreKeys.sequence(historyCounter.incrementAndGet()));
        batch.put(NodeSchema.ENTERPRISES, key, Json.bytes(entry));
    }

    public List<HistoryEntry> history(long enterpriseId) {
        List<HistoryEntry> out = new ArrayList<>();
        try (Cursor c = store.scan(NodeSchema.ENTERPRISES, historyPrefix(enterpriseId), Optional.empty())) {
            while (c.next()) {
                out.add(Json.read(c.value(), HistoryEntry.class));
            }
        }
        return out;
    }

    /** Every enterprise in id order. */
    public List<Enterprise> all() {
        List<Enterprise> out = new ArrayList<>();
        try (Cursor c = store.scan(NodeSchema.ENTERPRISES, StoreKeys.utf8("e/"), Optional.empty())) {
            while (c.next()) {
                out.add(Json.read(c.value(), Enterprise.class));
            }
        }
        return out;
    }

    public Optional<EnterprisePrefix> prefix(String prefix) {
        return store.get(NodeSchema.ENTERPRISE_PREFIXES, prefixKey(prefix))
                .map(b -> Json.read(b, EnterprisePrefix.class));
    }

    public void stagePrefix(WriteBatch batch, Optional<EnterprisePrefix> before, EnterprisePrefix after) {
        byte[] key = prefixKey(after.prefix());
        if (before.isPresent()) {
            batch.requireValue(NodeSchema.ENTERPRISE_PREFIXES, key, Json.bytes(before.get()));
        } else {
            batch.requireAbsent(NodeSchema.ENTERPRISE_PREFIXES, key);
        }
        batch.put(NodeSchema.ENTERPRISE_PREFIXES, key, Json.bytes(after));
    }

    public void stagePrefixRemoval(WriteBatch batch, EnterprisePrefix before) {
        byte[] key = prefixKey(before.prefix());
        batch.requireValue(NodeSchema.ENTERPRISE_PREFIXES, key, Json.bytes(before))
                .delete(NodeSchema.ENTERPRISE_PREFIXES, key);
    }

    /** Every enterprise prefix, in prefix order. */
    public List<EnterprisePrefix> prefixes() {
        List<EnterprisePrefix> out = new ArrayList<>();
        try (Cursor c = store.scan(NodeSchema.ENTERPRISE_PREFIXES, new byte[0], Optional.empty())) {
            while (c.next()) {
                out.add(Json.read(c.value(), EnterprisePrefix.class));
            }
        }
        return out;
    }

    private static byte[] enterpriseKey(long id) {
        return StoreKeys.concat(StoreKeys.utf8("e/"), StoreKeys.sequence(id));
    }

    private static byte[] historyPrefix(long id) {
        return StoreKeys.concat(StoreKeys.utf8("h/"), StoreKeys.sequence(id));
    }

    private static byte[] credentialKey(int type, String code) {
        return StoreKeys.utf8("c/" + type + "/" + code.toUpperCase(Locale.ROOT));
    }

    static byte[] prefixKey(String prefix) {
        return StoreKeys.utf8(prefix.toUpperCase(Locale.ROOT));
    }
}
