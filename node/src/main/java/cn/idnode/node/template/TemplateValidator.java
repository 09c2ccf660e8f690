package cn.idnode.node.template;

import cn.idnode.node.business.BusinessException;
import cn.idnode.node.record.RecordValidator;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every record that names a metadata template (index 1000 {@code TEMPLATE_ID}) must conform to it, whichever surface
 * writes it — Handle protocol, Handle REST or SNMS API (snms-api.md §3.1, §4.3):
 * <ul>
 *   <li>the template exists and index 1001 {@code TEMPLATE} holds its version;</li>
 *   <li>index 1999 is not used; every value at 2000 or above is an item of the template, with the item's type;</li>
 *   <li>a value of a disabled item may stay as it is but not be added or changed;</li>
 *   <li>values are UTF-8 text within the item's length bounds (characters);</li>
 *   <li>every enabled required item has a value.</li>
 * </ul>
 * Records without index 1000 are not template records and are not checked. All problems are reported together
 * (RC 202 / SNMS -2).
 */
public final class TemplateValidator implements RecordValidator {
    public static final int TEMPLATE_ID = 1000;
    public static final int TEMPLATE_VERSION = 1001;
    public static final int RESERVED = 1999;

    private final Templates templates;

    public TemplateValidator(Templates templates) {
        this.templates = templates;
    }

    @Override
    public void check(ByteString handle, Optional<StoredRecord> before, StoredRecord after) {
        if (!after.values().anyMatch(v -> v.index() == TEMPLATE_ID || v.index() >= RESERVED)) {
            return;
        }
        List<HandleValue> values = after.values().decode();
        HandleValue templateId = null;
        HandleValue version = null;
        for (HandleValue v : values) {
            if (v.index() == TEMPLATE_ID) {
                templateId = v;
            } else if (v.index() == TEMPLATE_VERSION) {
                version = v;
            }
        }
        if (templateId == null) {
            return;
        }
        ByteString named = templateId.data();
        Templates.Compiled t = templates.byHandle(named.toAsciiUpperCase())
                .orElseThrow(() -> BusinessException.invalid("模板不存在: " + handle.utf8() + " 的索引1000指向 "
                        + named.utf8()));
        List<String> errors = new ArrayList<>();
        if (version == null || !version.data().utf8().equals(t.template().version())) {
            errors.add("索引1001应为模板版本 " + t.template().version());
        }
        Map<Integer, HandleValue> old = new HashMap<>();
        before.ifPresent(b -> b.values().decode().forEach(v -> old.put(v.index(), v)));
        Set<Integer> present = new HashSet<>();
        for (HandleValue v : values) {
            if (v.index() == RESERVED) {
                errors.add("索引1999为保留索引，不能使用");
                continue;
            }
            if (v.index() < 2000) {
                continue;
            }
            TemplateItem item = t.items().get(v.index());
            if (item == null) {
                errors.add("非法操作，索引" + v.index() + "在模板中不存在");
                continue;
            }
            present.add(v.index());
            if (!item.idType().equalsIgnoreCase(v.typeName())) {
                errors.add("索引" + v.index() + "的类型应为 " + item.idType() + "，实际为 " + v.typeName());
                continue;
            }
            if (!item.enabled()) {
                HandleValue o = old.get(v.index());
                if (o == null || !o.data().equals(v.data()) || !o.type().equals(v.type())) {
                    errors.add("属性 " + item.name() + "（" + item.idType() + "，索引" + v.index() + "）已停用，不能写入");
                }
                continue;
            }
            if (!v.data().isValidUtf8()) {
                errors.add("属性 " + item.name() + "（" + item.idType() + "）的值不是合法的UTF-8文本");
                continue;
            }
            String text = v.data().utf8();
            int n = text.codePointCount(0, text.length());
            if (n < item.minLength() || n > item.maxLength()) {
                errors.add("属性 " + item.name() + "（" + item.idType() + "）长度应在" + item.minLength() + "-"
                        + item.maxLength() + "个字符之间，实际" + n + "个");
            }
        }
        for (TemplateItem item : t.template().items()) {
            if (item.enabled() && item.required() && !present.contains(item.idIndex())) {
                errors.add("缺少必填项: " + item.name() + "（" + item.idType() + "，索引" + item.idIndex() + "）");
            }
        }
        if (!errors.isEmpty()) {
            throw BusinessException.invalid(String.join("；", errors));
        }
    }
}
