package cn.idnode.node.template;

import cn.idnode.node.business.BusinessException;
import cn.idnode.node.standard.Finding;
import cn.idnode.node.standard.Industries;
import cn.idnode.node.standard.Validation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds a valid template from a draft (snms-api.md §4.2–4.3): new on creation, or the current one updated
 * incrementally — an item is matched by {@code idIndex} (its {@code idType} must then be the same) or, without an
 * index, by {@code idType}; unmatched items are added with the next free index ≥ 2000; items are never removed, only
 * disabled. Indexes 1000, 1001 and 1999 are reserved and everything below 2000 belongs to the Handle layer. Item
 * types are Handle value types, so reserved Handle types ({@code HS_*}) and the template's own types are refused.
 * All problems are reported together.
 */
public final class TemplateRules {
    public static final int FIRST_INDEX = 2000;
    public static final int MAX_VALUE_LENGTH = 255;
    private static final Pattern ID_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]{0,127}");
    private static final Set<String> RESERVED_TYPES = Set.of("TEMPLATE_ID", "TEMPLATE", "TEMPLATE_DEFINITION");

    private final Industries industries;

    public TemplateRules(Industries industries) {
        this.industries = industries;
    }

    /** @param current the stored template (update) or empty (creation: id, handle and times come from the caller) */
    public Template build(TemplateDraft d, Optional<Template> current, long id, String handle, long now, String by) {
        List<String> errors = new ArrayList<>();
        String version = d.version() == null ? "" : d.version().trim();
        if (version.isEmpty() || version.length() > 128) {
            errors.add("version 不能为空且不超过128个字符");
        }
        String name = text(d.name(), current.map(Template::name), 255, "name", errors);
        String description = text(d.description(), current.map(Template::description), 1024, "description", errors);
        String cat = text(d.industryCategory(), current.map(Template::industryCategory), 1, "industryCategory", errors);
        String spec = text(d.industrySpecific(), current.map(Template::industrySpecific), 2, "industrySpecific", errors);
        String trade = text(d.industryTrade(), current.map(Template::industryTrade), 3, "industryTrade", errors);
        String sub = text(d.industrySubclass(), current.map(Template::industrySubclass), 4, "industrySubclass", errors);
        if (!cat.isEmpty() || !spec.isEmpty()) {
            Validation v = industries.check(cat, spec, trade, sub);
            for (Finding f : v.errors()) {
                errors.add("行业分类: " + f.message());
            }
        }
        int type = d.type().or(() -> current.map(Template::type)).orElse(2);
        if (type != 1 && type != 2) {
            errors.add("type 应为 1（主动标识载体）或 2（其他）");
        }
        List<TemplateItem> items = new ArrayList<>(current.map(Template::items).orElse(List.of()));
        if (current.isEmpty() && d.items().isEmpty()) {
            errors.add("模板至少需要一个属性项: items");
        }
        for (int i = 0; i < d.items().size(); i++) {
            merge(items, d.items().get(i), "items[" + i + "]", id, errors);
        }
        Set<String> names = new HashSet<>();
        Set<String> types = new HashSet<>();
        for (TemplateItem it : items) {
            if (!names.add(it.name())) {
                errors.add("属性名称重复: " + it.name());
            }
            if (!types.add(it.idType().toUpperCase(Locale.ROOT))) {
                errors.add("属性类型重复: " + it.idType());
            }
        }
        if (!errors.isEmpty()) {
            throw BusinessException.invalid(String.join("；", errors));
        }
        items.sort((a, b) -> Integer.compare(a.idIndex(), b.idIndex()));
        return new Template(current.map(Template::id).orElse(id), current.map(Template::prefix).orElse(d.prefix()),
                version, name, description, cat, spec, trade, sub, type, current.map(Template::handle).orElse(handle),
                items, current.map(Template::createdMillis).orElse(now), now,
                current.map(Template::createdBy).orElse(by));
    }

    private static void merge(List<TemplateItem> items, TemplateDraft.ItemDraft d, String path, long templateId,
                              List<String> errors) {
        Optional<String> idType = d.idType().map(String::trim);
        int at = -1;
        if (d.idIndex().isPresent()) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).idIndex() == d.idIndex().get()) {
                    at = i;
                }
            }
            if (at >= 0 && idType.isPresent() && !items.get(at).idType().equalsIgnoreCase(idType.get())) {
                errors.add(path + ": 索引" + d.idIndex().get() + "已属于属性 " + items.get(at).idType()
                        + "，不能改为 " + idType.get());
                return;
            }
        } else if (idType.isPresent()) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).idType().equalsIgnoreCase(idType.get())) {
                    at = i;
                }
            }
        }
        Optional<TemplateItem> old = at >= 0 ? Optional.of(items.get(at)) : Optional.empty();
        String name = d.name().map(String::trim).or(() -> old.map(TemplateItem::name)).orElse("");
        String type = idType.or(() -> old.map(TemplateItem::idType)).orElse("");
        int before = errors.size();
        if (name.isEmpty() || name.length() > 64) {
            errors.add(path + ".name 不能为空且不超过64个字符");
        }
        if (!ID_TYPE.matcher(type).matches()) {
            errors.add(path + ".idType 应以字母开头，由字母、数字、_ . - 组成，不超过128个字符: " + type);
        } else if (type.toUpperCase(Locale.ROOT).startsWith("HS_") || RESERVED_TYPES.contains(type.toUpperCase(Locale.ROOT))) {
            errors.add(path + ".idType 为保留类型: " + type);
        }
        int index = d.idIndex().orElseGet(() -> old.map(TemplateItem::idIndex).orElseGet(() -> nextIndex(items)));
        if (index < FIRST_INDEX) {
            errors.add(path + ".idIndex 应不小于2000（1000、1001、1999为保留索引）: " + index);
        }
        String metaType = d.metadataType().map(s -> s.trim()).or(() -> old.map(TemplateItem::metadataType))
                .orElse("string");
        if (!metaType.equals("string")) {
            errors.add(path + ".metadata.type 仅支持 string: " + metaType);
        }
        int min = d.minLength().or(() -> old.map(TemplateItem::minLength)).orElse(0);
        int max = d.maxLength().or(() -> old.map(TemplateItem::maxLength)).orElse(MAX_VALUE_LENGTH);
        if (min < 0 || max < 1 || max > MAX_VALUE_LENGTH || min > max) {
            errors.add(path + ".metadata 长度范围不合法（0 ≤ minLength ≤ maxLength ≤ 255）: " + min + "-" + max);
        }
        int state = d.state().or(() -> old.map(TemplateItem::state)).orElse(TemplateItem.ENABLED);
        if (state != TemplateItem.ENABLED && state != TemplateItem.DISABLED) {
            errors.add(path + ".state 应为 1（启用）或 0（停用）");
        }
        if (errors.size() > before) {
            return;
        }
        boolean required = d.required().or(() -> old.map(TemplateItem::required)).orElse(false);
        TemplateItem item = new TemplateItem(name, type, index, required, state,
                old.map(TemplateItem::metadataId).orElse(templateId * 100_000L + index), metaType, min, max);
        if (at >= 0) {
            items.set(at, item);
        } else {
            items.add(item);
        }
    }

    private static int nextIndex(List<TemplateItem> items) {
        int max = FIRST_INDEX - 1;
        for (TemplateItem i : items) {
            max = Math.max(max, i.idIndex());
        }
        return max + 1;
    }

    private static String text(Optional<String> given, Optional<String> current, int max, String field,
                               List<String> errors) {
        String v = given.map(String::trim).or(() -> current).orElse("");
        if (v.length() > max) {
            errors.add(field + " 不能超过" + max + "个字符");
        }
        return v;
    }
}
