package cn.idnode.node.data;

import cn.idnode.node.business.BusinessException;
import cn.idnode.node.template.Template;
import cn.idnode.node.template.TemplateValidator;
import cn.idnode.protocol.AdminPermissions;
import cn.idnode.protocol.AdminValue;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ValuePermissions;
import cn.idnode.protocol.ValueReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Maps SNMS identifier data to Handle values and back (snms-api.md §3.1): one value per attribute (UTF-8 text,
 * relative TTL 86 400, permissions 1110 or, for {@code auth} "0", 1100), plus the reserved values idnode writes
 * itself — HS_ADMIN at 100 for the prefix's owners, TEMPLATE_ID at 1000 and TEMPLATE at 1001. An update replaces the
 * template values (1000, 1001, ≥ 2000) and keeps everything else (administration values, keys, signatures).
 */
public final class IdentifierRecords {
    public static final int ADMIN_INDEX = 100;
    public static final int MAX_VALUE_LENGTH = 255;

    private IdentifierRecords() {}

    /** Checks the request's own rules (before the template's): format, reserved indexes, duplicates, auth codes. */
    public static void checkRequest(List<DataValue> values) {
        List<String> errors = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (DataValue v : values) {
            if (v.index() == TemplateValidator.TEMPLATE_ID || v.index() == TemplateValidator.TEMPLATE_VERSION
                    || v.index() == TemplateValidator.RESERVED) {
                errors.add("非法操作，索引" + v.index() + "为保留索引，不允许写入");
                continue;
            }
            if (!seen.add(v.index())) {
                errors.add("索引" + v.index() + "重复");
            }
            if (v.type() == null || v.type().isEmpty() || v.type().length() > 128) {
                errors.add("索引" + v.index() + "缺少类型: type");
            }
            if (v.format() != null && !v.format().isEmpty() && !v.format().equals("string")) {
                errors.add("索引" + v.index() + "的数据格式仅支持 string");
            }
            if (v.value() == null) {
                errors.add("索引" + v.index() + "缺少值: data.value");
            } else if (v.value().codePointCount(0, v.value().length()) > MAX_VALUE_LENGTH) {
                errors.add("索引" + v.index() + "的值不能超过255个字符");
            }
            String auth = v.auth() == null ? "" : v.auth();
            if (!auth.isEmpty() && !auth.equals("0") && !auth.equals("1")) {
                errors.add("索引" + v.index() + "的 auth 取值不合法: " + auth);
            }
        }
        if (!errors.isEmpty()) {
            throw BusinessException.invalid(String.join("；", errors));
        }
    }

    /** The values of a new record. */
    public static List<HandleValue> create(Template t, ValueReference admin, List<DataValue> data, int now) {
        List<HandleValue> out = new ArrayList<>(data.size() + 3);
        out.add(HandleValue.of(ADMIN_INDEX, "HS_ADMIN", AdminValue.of(AdminPermissions.ALL, admin).encode())
                .withTimestamp(now));
        addTemplateValues(out, t, data, now);
        return out;
    }

    /** The values after an update: non-template values kept, template values replaced. */
    public static List<HandleValue> update(List<HandleValue> old, Template t, List<DataValue> data, int now) {
        List<HandleValue> out = new ArrayList<>(old.size() + data.size());
        for (HandleValue v : old) {
            if (!isTemplateValue(v.index())) {
                out.add(v);
            }
        }
        addTemplateValues(out, t, data, now);
        return out;
    }

    public static boolean isTemplateValue(int index) {
        return index == TemplateValidator.TEMPLATE_ID || index == TemplateValidator.TEMPLATE_VERSION || index >= 2000;
    }

    private static void addTemplateValues(List<HandleValue> out, Template t, List<DataValue> data, int now) {
        out.add(HandleValue.text(TemplateValidator.TEMPLATE_ID, "TEMPLATE_ID", t.handle()).withTimestamp(now));
        out.add(HandleValue.text(TemplateValidator.TEMPLATE_VERSION, "TEMPLATE", t.version()).withTimestamp(now));
        for (DataValue d : data) {
            HandleValue v = HandleValue.of(d.index(), d.type(), ByteString.utf8(d.value())).withTimestamp(now);
            out.add("0".equals(d.auth()) ? v.withPermissions(ValuePermissions.SECRET) : v);
        }
    }

    /** The SNMS {@code auth} code of a stored value: "1" public, "0" restricted. */
    public static String auth(HandleValue v) {
        return ValuePermissions.publicRead(v.permissions()) ? "1" : "0";
    }
}
