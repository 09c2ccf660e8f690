package cn.idnode.server.snms;

import cn.idnode.node.business.BusinessException;
import cn.idnode.node.data.DataValue;
import cn.idnode.node.data.IdentifierInput;
import cn.idnode.node.template.TemplateDraft;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads SNMS request bodies into business inputs, leniently where real clients vary (numbers sent as strings,
 * {@code userName} for {@code username}) and strictly where the meaning would otherwise be guessed.
 */
final class SnmsInput {
    private SnmsInput() {}

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : "";
    }

    static Optional<String> optionalText(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? Optional.empty() : Optional.of(v.asText());
    }

    /** An integer member sent as a number or a numeric string; empty if absent or blank. */
    static Optional<Integer> optionalInt(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull() || v.isTextual() && v.asText().isBlank()) {
            return Optional.empty();
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return Optional.of(v.asInt());
        }
        if (v.isTextual() && v.asText().trim().matches("-?\\d{1,9}")) {
            return Optional.of(Integer.parseInt(v.asText().trim()));
        }
        throw BusinessException.invalid(field + " 应为整数: " + v);
    }

    static Optional<Boolean> optionalBoolean(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isBoolean()) {
            return Optional.of(v.asBoolean());
        }
        if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
            return Optional.of(Boolean.parseBoolean(v.asText()));
        }
        if (v.isIntegralNumber() && (v.asInt() == 0 || v.asInt() == 1)) {
            return Optional.of(v.asInt() == 1);
        }
        throw BusinessException.invalid(field + " 应为布尔值: " + v);
    }

    static IdentifierInput identifier(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw BusinessException.invalid("标识数据应为JSON对象");
        }
        List<DataValue> values = new ArrayList<>();
        JsonNode arr = n.get("value");
        if (arr != null && !arr.isNull()) {
            if (!arr.isArray()) {
                throw BusinessException.invalid("value 应为数组");
            }
            for (JsonNode v : arr) {
                int index = optionalInt(v, "index").orElseThrow(() -> BusinessException.invalid("缺少 value[].index"));
                JsonNode data = v.get("data");
                String format = data == null ? "" : text(data, "format");
                JsonNode value = data == null ? null : data.get("value");
                values.add(new DataValue(index, text(v, "type"), text(v, "auth"), format,
                        value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString()));
            }
        }
        return new IdentifierInput(text(n, "handle"), text(n, "templateVersion"), values);
    }

    /** A template body (snms-api.md §4.1–4.2); {@code idIndex} may be a number or a numeric string. */
    static TemplateDraft template(JsonNode n) {
        List<TemplateDraft.ItemDraft> items = new ArrayList<>();
        JsonNode arr = n.get("items");
        if (arr != null && !arr.isNull()) {
            if (!arr.isArray()) {
                throw BusinessException.invalid("items 应为数组");
            }
            for (JsonNode i : arr) {
                JsonNode meta = i.get("metadata");
                items.add(new TemplateDraft.ItemDraft(optionalText(i, "name"), optionalText(i, "idType"),
                        optionalInt(i, "idIndex"), optionalBoolean(i, "required"), optionalInt(i, "state"),
                        optionalText(meta, "type"), optionalInt(meta, "minLength"), optionalInt(meta, "maxLength")));
            }
        }
        return new TemplateDraft(text(n, "prefix"), text(n, "version"), optionalText(n, "name"),
                optionalText(n, "description"), optionalText(n, "industryCategory"), optionalText(n, "industrySpecific"),
                optionalText(n, "industryTrade"), optionalText(n, "industrySubclass"), optionalInt(n, "type"), items);
    }
}
