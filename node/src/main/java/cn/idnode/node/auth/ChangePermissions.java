package cn.idnode.node.auth;

import cn.idnode.protocol.AdminPermissions;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ValuePermissions;
import cn.idnode.protocol.ValueTypes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HS_ADMIN permissions a change of values needs (handle-protocol.md §7.3 step 8): compare old and new by index.
 * New values need ADD_VALUE (ADD_ADMIN for HS_ADMIN), dropped ones REMOVE_VALUE (REMOVE_ADMIN), changed ones
 * MODIFY_VALUE (MODIFY_ADMIN), conversions admin→value REMOVE_ADMIN + MODIFY_VALUE and value→admin MODIFY_VALUE +
 * ADD_ADMIN. Publicly writable values need no MODIFY_VALUE; unchanged values need nothing.
 */
public final class ChangePermissions {
    private ChangePermissions() {}

    public static int needed(List<HandleValue> oldValues, List<HandleValue> newValues) {
        Map<Integer, HandleValue> before = byIndex(oldValues);
        Map<Integer, HandleValue> after = byIndex(newValues);
        int needed = 0;
        for (HandleValue o : before.values()) {
            if (!after.containsKey(o.index())) {
                needed |= isAdmin(o) ? AdminPermissions.REMOVE_ADMIN : AdminPermissions.REMOVE_VALUE;
            }
        }
        for (HandleValue n : after.values()) {
            HandleValue o = before.get(n.index());
            if (o == null) {
                needed |= isAdmin(n) ? AdminPermissions.ADD_ADMIN : AdminPermissions.ADD_VALUE;
            } else if (!sameContent(o, n)) {
                needed |= modification(o, n);
            }
        }
        return needed;
    }

    /** The permissions replacing {@code o} with {@code n} needs. */
    public static int modification(HandleValue o, HandleValue n) {
        boolean oldAdmin = isAdmin(o);
        boolean newAdmin = isAdmin(n);
        if (oldAdmin && newAdmin) {
            return AdminPermissions.MODIFY_ADMIN;
        }
        if (oldAdmin) {
            return AdminPermissions.REMOVE_ADMIN | AdminPermissions.MODIFY_VALUE;
        }
        if (newAdmin) {
            return AdminPermissions.MODIFY_VALUE | AdminPermissions.ADD_ADMIN;
        }
        return ValuePermissions.publicWrite(o.permissions()) ? 0 : AdminPermissions.MODIFY_VALUE;
    }

    /** Equal apart from the timestamp. */
    public static boolean sameContent(HandleValue a, HandleValue b) {
        return a.withTimestamp(0).equals(b.withTimestamp(0));
    }

    public static boolean isAdmin(HandleValue v) {
        return ValueTypes.is(v.type(), ValueTypes.HS_ADMIN);
    }

    private static Map<Integer, HandleValue> byIndex(List<HandleValue> values) {
        Map<Integer, HandleValue> m = new TreeMap<>();
        for (HandleValue v : values) {
            m.put(v.index(), v);
        }
        return m;
    }
}
