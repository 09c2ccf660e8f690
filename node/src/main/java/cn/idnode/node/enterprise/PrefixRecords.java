package cn.idnode.node.enterprise;

import cn.idnode.node.business.Business;
import cn.idnode.node.business.Groups;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.AdminPermissions;
import cn.idnode.protocol.AdminValue;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.EncodedValues;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.SiteInfo;
import cn.idnode.protocol.ValueReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The prefix handle {@code 0.NA/<prefix>} of an allocated enterprise prefix (idis-extensions.md §10.2): HS_SITE at
 * index 1 (this node's site when hosted, the enterprise node's when self-hosted), HS_ADMIN at 100 granting every
 * permission to the enterprise's group, and that group (HS_VLIST) at 200 listing the enterprise's accounts.
 */
public final class PrefixRecords {
    public static final int SITE_INDEX = 1;
    public static final int ADMIN_INDEX = 100;

    private PrefixRecords() {}

    public static StoredRecord create(ByteString prefixUpper, SiteInfo site, List<ValueReference> members, int now) {
        List<HandleValue> values = new ArrayList<>();
        values.add(HandleValue.of(SITE_INDEX, "HS_SITE", site.encode()).withTimestamp(now));
        values.add(HandleValue.of(ADMIN_INDEX, "HS_ADMIN",
                AdminValue.of(AdminPermissions.ALL, Business.enterpriseGroup(prefixUpper)).encode()).withTimestamp(now));
        values.add(Groups.value(Business.GROUP_INDEX, members, now));
        return new StoredRecord(Business.prefixHandle(prefixUpper), EncodedValues.of(values));
    }

    /** The record with its HS_SITE (index 1) replaced. */
    public static StoredRecord withSite(StoredRecord r, SiteInfo site, int now) {
        List<HandleValue> values = new ArrayList<>(r.values().decode());
        HandleValue v = HandleValue.of(SITE_INDEX, "HS_SITE", site.encode()).withTimestamp(now);
        boolean replaced = false;
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).index() == SITE_INDEX) {
                values.set(i, v);
                replaced = true;
            }
        }
        if (!replaced) {
            values.add(0, v);
        }
        return new StoredRecord(r.handle(), EncodedValues.of(values));
    }

    /** The serial number of the HS_SITE at index 1, or 0. */
    public static int siteSerial(StoredRecord r) {
        for (HandleValue v : r.values().decode()) {
            if (v.index() == SITE_INDEX) {
                try {
                    return SiteInfo.decode(v.data()).serialNumber();
                } catch (cn.idnode.protocol.ProtocolException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
