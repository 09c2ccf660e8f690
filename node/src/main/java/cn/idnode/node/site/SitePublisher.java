package cn.idnode.node.site;

import cn.idnode.node.NodeSchema;
import cn.idnode.node.audit.AuditEntry;
import cn.idnode.node.audit.AuditLog;
import cn.idnode.node.prefix.PrefixTable;
import cn.idnode.node.record.RecordStore;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.AdminPermissions;
import cn.idnode.protocol.AdminValue;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.EncodedValues;
import cn.idnode.protocol.HandleNames;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.SiteInfo;
import cn.idnode.protocol.ValueReference;
import cn.idnode.protocol.ValueTypes;
import cn.idnode.store.Store;
import cn.idnode.store.StoreKeys;
import cn.idnode.store.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the node's own records in line with its configuration at every start.
 *
 * <ul>
 *   <li>The site record: if the configured site (addresses, ports, key) differs from the one published last time,
 *       its serial number is increased, so clients that cached it notice (handle-protocol.md §9.5).</li>
 *   <li>The node's prefix handle {@code 0.NA/<prefix>}: created on first start with HS_SITE (index 1), HS_ADMIN
 *       (index 100, all permissions, for the administrator identity {@code 300:0.NA/<prefix>}) and that identity's
 *       HS_PUBKEY (index 300). Later starts only refresh HS_SITE; administrators may have changed the rest.</li>
 *   <li>Homing: {@code 0.NA/<prefix>} (identifiers under the prefix) and {@code 0.NA/0.NA/<prefix>} (the prefix
 *       handles of enterprise prefixes allocated under it, §11.2).</li>
 * </ul>
 */
public final class SitePublisher {
    public static final int SITE_INDEX = 1;
    public static final int ADMIN_INDEX = 100;
    public static final int PUBKEY_INDEX = 300;
    private static final byte[] SITE_KEY = StoreKeys.utf8("site");

    private final Store store;
    private final RecordStore records;
    private final PrefixTable prefixes;

    public SitePublisher(Store store, RecordStore records, PrefixTable prefixes) {
        this.store = store;
        this.records = records;
        this.prefixes = prefixes;
    }

    /** The administrator identity of a node with this prefix: {@code 300:0.NA/<prefix>}. */
    public static ValueReference adminIdentity(ByteString prefix) {
        return new ValueReference(HandleNames.ZERO_NA_PREFIX.concat(prefix), PUBKEY_INDEX);
    }

    /**
     * Publishes {@code configured} (its serial number is ignored and chosen here) and makes sure the prefix handle
     * and homings exist. Returns the site as published.
     *
     * @param adminKeyBlob the administrator's HS_PUBKEY blob, used only when the prefix handle is created
     */
    public SiteInfo publish(LocalSite site, ByteString prefix, SiteInfo configured, ByteString adminKeyBlob,
                            long nowMillis) {
        Optional<SiteInfo> previous = store.get(NodeSchema.NODE_META, SITE_KEY).map(SitePublisher::decodeSite);
        int serial = previous.map(p -> sameIgnoringSerial(p, configured)
                ? p.serialNumber() : (p.serialNumber() + 1) & 0x7FFF).orElse(1);
        SiteInfo published = configured.withSerialNumber(serial);
        int now = (int) (nowMillis / 1000);

        ByteString prefixHandle = HandleNames.ZERO_NA_PREFIX.concat(prefix.toAsciiUpperCase());
        HandleValue siteValue = HandleValue.of(SITE_INDEX, "HS_SITE", published.encode()).withTimestamp(now);
        Optional<StoredRecord> existing = records.get(prefixHandle);
        WriteBatch batch = new WriteBatch();
        boolean changed = false;
        String action = null;
        if (existing.isEmpty()) {
            ValueReference admin = adminIdentity(prefix.toAsciiUpperCase());
            List<HandleValue> values = List.of(siteValue,
                    HandleValue.of(ADMIN_INDEX, "HS_ADMIN", AdminValue.of(AdminPermissions.ALL, admin).encode())
                            .withTimestamp(now),
                    HandleValue.of(PUBKEY_INDEX, "HS_PUBKEY", adminKeyBlob).withTimestamp(now));
            records.put(batch, new StoredRecord(prefixHandle, EncodedValues.of(values)));
            changed = true;
            action = "bootstrap";
        } else {
            List<HandleValue> values = new ArrayList<>(existing.get().values().decode());
            int at = -1;
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i).index() == SITE_INDEX) {
                    at = i;
                }
            }
            if (at < 0 || !values.get(at).data().equals(siteValue.data())
                    || !ValueTypes.is(values.get(at).type(), ValueTypes.HS_SITE)) {
                if (at < 0) {
                    values.add(0, siteValue);
                } else {
                    values.set(at, siteValue);
                }
                records.put(batch, new StoredRecord(existing.get().handle(), EncodedValues.of(values)));
                changed = true;
                action = "publish-site";
            }
        }
        List<ByteString> homings = List.of(prefixHandle,
                HandleNames.ZERO_NA_PREFIX.concat(HandleNames.ZERO_NA_PREFIX).concat(prefix.toAsciiUpperCase()));
        for (ByteString h : homings) {
            if (!prefixes.isHomed(h)) {
                prefixes.home(batch, h);
                changed = true;
                action = action == null ? "home-prefix" : action;
            }
        }
        if (previous.isEmpty() || previous.get().serialNumber() != serial || changed) {
            batch.put(NodeSchema.NODE_META, SITE_KEY, published.encode().toByteArray());
        }
        if (changed) {
            AuditLog.append(batch, new AuditEntry(nowMillis, "system", "start", action, prefixHandle.utf8(),
                    ByteString.EMPTY, published.encode()));
        }
        if (!batch.isEmpty()) {
            store.write(batch);
            homings.forEach(h -> prefixes.applied(h, true));
        }
        site.replace(published);
        return published;
    }

    private static boolean sameIgnoringSerial(SiteInfo a, SiteInfo b) {
        return a.withSerialNumber(0).encode().equals(b.withSerialNumber(0).encode());
    }

    private static SiteInfo decodeSite(byte[] b) {
        try {
            return SiteInfo.decode(ByteString.wrap(b));
        } catch (ProtocolException e) {
            throw new IllegalStateException("corrupt stored site record: " + e.getMessage(), e);
        }
    }
}
