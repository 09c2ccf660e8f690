package cn.idnode.node.enterprise;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects the problems of one submitted application, field by field, with the field's path in each message. */
final class ApplicationCheck {
    final List<String> errors = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    /** A required text member, at most {@code max} characters; returns it trimmed, or "" after recording the error. */
    String text(JsonNode block, String path, String field, int max) {
        String v = optionalText(block, path, field, max);
        if (v.isEmpty()) {
            errors.add("缺少必要的参数: " + path + "." + field);
        }
        return v;
    }

    String optionalText(JsonNode block, String path, String field, int max) {
        JsonNode n = block == null ? null : block.get(field);
        if (n == null || n.isNull()) {
            return "";
        }
        if (!n.isValueNode()) {
            errors.add(path + "." + field + " 应为文本");
            return "";
        }
        String v = n.asText().trim();
        if (v.length() > max) {
            errors.add(path + "." + field + " 长度不能超过" + max + "个字符");
            return "";
        }
        return v;
    }

    /** A required integer member among {@code allowed}; 0 after recording the error. */
    int choice(JsonNode block, String path, String field, int... allowed) {
        Optional<Integer> v = optionalChoice(block, path, field, allowed);
        if (v.isEmpty() && errors.stream().noneMatch(e -> e.contains(path + "." + field))) {
            errors.add("缺少必要的参数: " + path + "." + field);
        }
        return v.orElse(0);
    }

    Optional<Integer> optionalChoice(JsonNode block, String path, String field, int... allowed) {
        JsonNode n = block == null ? null : block.get(field);
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
            return Optional.empty();
        }
        int v;
        if (n.isInt()) {
            v = n.asInt();
        } else if (n.isTextual() && n.asText().trim().matches("-?\\d{1,9}")) {
            v = Integer.parseInt(n.asText().trim());
        } else {
            errors.add(path + "." + field + " 应为整数");
            return Optional.empty();
        }
        for (int a : allowed) {
            if (a == v) {
                return Optional.of(v);
            }
        }
        errors.add(path + "." + field + " 取值不合法: " + v);
        return Optional.empty();
    }

    /** A file id member (number or numeric text); empty if absent, recording an error if malformed. */
    Optional<Long> fileId(JsonNode block, String path, String field, boolean required) {
        JsonNode n = block == null ? null : block.get(field);
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
            if (required) {
                errors.add("缺少必要的参数: " + path + "." + field);
            }
            return Optional.empty();
        }
        if (n.canConvertToLong() && n.isIntegralNumber()) {
            return Optional.of(n.asLong());
        }
        if (n.isTextual() && n.asText().trim().matches("\\d{1,18}")) {
            return Optional.of(Long.parseLong(n.asText().trim()));
        }
        errors.add(path + "." + field + " 应为文件ID");
        return Optional.empty();
    }

    void error(String message) {
        errors.add(message);
    }

    void warning(String message) {
        warnings.add(message);
    }
}
