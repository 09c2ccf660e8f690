package cn.idnode.server.http;

import cn.idnode.crypto.Jwk;
import cn.idnode.crypto.KeyBlobs;
import cn.idnode.crypto.KeyFormatException;
import cn.idnode.protocol.AdminPermissions;
import cn.idnode.protocol.AdminValue;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.SiteInfo;
import cn.idnode.protocol.ValueList;
import cn.idnode.protocol.ValuePermissions;
import cn.idnode.protocol.ValueReference;
import cn.idnode.protocol.ValueTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Handle values in the JSON form of the Handle.Net REST API (handle-protocol.md §20.5): output chooses the data
 * format CNRI chooses; input accepts every format and the permission spellings CNRI accepts. Used by the REST API and
 * the {@code idnode load} command.
 */
public final class JsonValues {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonValues() {}

    public static ObjectNode toJson(HandleValue v) {
        ObjectNode o = F.objectNode();
        o.put("index", v.index());
        o.put("type", v.type().utf8());
        o.set("data", dataToJson(v));
        if (v.ttlType() == HandleValue.TTL_ABSOLUTE) {
            o.put("ttl", Instant.ofEpochSecond(Integer.toUnsignedLong(v.ttl())).toString());
        } else {
            o.put("ttl", v.ttl());
        }
        if (v.timestamp() != 0) {
            o.put("timestamp", Instant.ofEpochSecond(v.timestampSeconds()).toString());
        }
        if (v.permissions() != ValuePermissions.DEFAULT) {
            o.put("permissions", ValuePermissions.toText(v.permissions()));
        }
        if (!v.references().isEmpty()) {
            ArrayNode refs = o.putArray("references");
            for (ValueReference r : v.references()) {
                refs.addObject().put("handle", r.handle().utf8()).put("index", r.index());
            }
        }
        return o;
    }

    static ObjectNode dataToJson(HandleValue v) {
        ByteString type = v.type();
        ByteString data = v.data();
        try {
            if (ValueTypes.is(type, ValueTypes.HS_ADMIN)) {
                AdminValue a = AdminValue.decode(data);
                ObjectNode value = F.objectNode().put("handle", a.admin().handle().utf8())
                        .put("index", a.admin().index())
                        .put("permissions", AdminPermissions.toRestText(a.permissions()));
                if (a.legacyTrailingBytes()) {
                    value.put("legacyByteLength", true);
                }
                return format("admin", value);
            }
            if (ValueTypes.is(type, ValueTypes.HS_VLIST)) {
                ArrayNode list = F.arrayNode();
                for (ValueReference m : ValueList.decode(data).members()) {
                    list.addObject().put("handle", m.handle().utf8()).put("index", m.index());
                }
                return format("vlist", list);
            }
            if (isSiteType(type)) {
                return format("site", SiteJson.toJson(SiteInfo.decode(data)));
            }
            if (ValueTypes.is(type, ValueTypes.HS_PUBKEY)) {
                Map<String, String> jwk = Jwk.toJwk(KeyBlobs.decodePublicKey(data));
                ObjectNode key = F.objectNode();
                jwk.forEach(key::put);
                return format("key", key);
            }
        } catch (ProtocolException | KeyFormatException e) {
            // not in the structured form its type suggests: shown as text or base64 below
        }
        if (isText(data)) {
            return format("string", F.textNode(data.utf8()));
        }
        return format("base64", F.textNode(Base64.getEncoder().encodeToString(data.toByteArray())));
    }

    static boolean isSiteType(ByteString type) {
        String t = type.utf8().toUpperCase(java.util.Locale.ROOT);
        return t.equals("HS_SITE") || t.startsWith("HS_SITE.") || t.equals("HS_NA_DELEGATE");
    }

    /** Valid UTF-8 without the control bytes CNRI avoids showing as text. */
    static boolean isText(ByteString data) {
        for (int i = 0; i < data.length(); i++) {
            int b = data.byteAt(i) & 0xFF;
            if (b <= 0x08 || (b >= 0x14 && b <= 0x1F) || b == 0x7F) {
                return false;
            }
        }
        return data.isValidUtf8();
    }

    private static ObjectNode format(String format, JsonNode value) {
        ObjectNode o = F.objectNode();
        o.put("format", format);
        o.set("value", value);
        return o;
    }

    /** Parses a value; {@code now} becomes its timestamp. */
    public static HandleValue fromJson(JsonNode o, int now) {
        if (!o.isObject()) {
            throw new JsonInputException("a value must be a JSON object");
        }
        JsonNode index = o.get("index");
        if (index == null || !index.canConvertToInt()) {
            throw new JsonInputException("value \"index\" must be an integer");
        }
        JsonNode type = o.get("type");
        if (type == null || !type.isTextual()) {
            throw new JsonInputException("value " + index.asInt() + ": \"type\" must be a string");
        }
        JsonNode data = o.get("data");
        if (data == null) {
            throw new JsonInputException("value " + index.asInt() + ": \"data\" is required");
        }
        int ttlType = HandleValue.TTL_RELATIVE;
        int ttl = HandleValue.DEFAULT_TTL;
        JsonNode ttlNode = o.get("ttl");
        if (ttlNode != null && !ttlNode.isNull()) {
            if (ttlNode.canConvertToInt()) {
                ttl = ttlNode.asInt();
            } else if (ttlNode.isTextual()) {
                try {
                    ttl = (int) Instant.parse(ttlNode.asText()).getEpochSecond();
                    ttlType = HandleValue.TTL_ABSOLUTE;
                } catch (DateTimeParseException e) {
                    throw new JsonInputException("value " + index.asInt() + ": \"ttl\" must be seconds or an ISO-8601 time");
                }
            } else {
                throw new JsonInputException("value " + index.asInt() + ": \"ttl\" must be seconds or an ISO-8601 time");
            }
        }
        int permissions = ValuePermissions.DEFAULT;
        JsonNode perms = o.get("permissions");
        if (perms != null && !perms.isNull()) {
            try {
                permissions = ValuePermissions.parse(perms.asText());
            } catch (IllegalArgumentException e) {
                throw new JsonInputException("value " + index.asInt() + ": " + e.getMessage());
            }
        }
        List<ValueReference> refs = new ArrayList<>();
        JsonNode refNodes = o.get("references");
        if (refNodes != null && refNodes.isArray()) {
            for (JsonNode r : refNodes) {
                refs.add(reference(r, "reference"));
            }
        }
        ByteString typeBytes = ByteString.utf8(type.asText());
        ByteString bytes = dataFromJson(typeBytes, data, index.asInt());
        return new HandleValue(index.asInt(), now, ttlType, ttl, permissions, typeBytes, bytes, refs);
    }

    static ByteString dataFromJson(ByteString type, JsonNode data, int index) {
        if (data.isTextual()) {
            return ByteString.utf8(data.asText());
        }
        if (!data.isObject() || !data.has("format")) {
            throw new JsonInputException("value " + index + ": \"data\" must be a string or {\"format\",\"value\"}");
        }
        String format = data.get("format").asText();
        JsonNode value = data.get("value");
        if (value == null) {
            throw new JsonInputException("value " + index + ": data \"value\" is required");
        }
        try {
            return switch (format) {
                case "string" -> ByteString.utf8(value.asText());
                case "base64" -> ByteString.wrap(Base64.getDecoder().decode(value.asText()));
                case "hex" -> ByteString.wrap(HexFormat.of().parseHex(value.asText()));
                case "admin" -> new AdminValue(adminPermissions(value.get("permissions")),
                        reference(value, "admin"), value.path("legacyByteLength").asBoolean(false)).encode();
                case "vlist" -> {
                    List<ValueReference> members = new ArrayList<>();
                    for (JsonNode m : value) {
                        members.add(reference(m, "vlist member"));
                    }
                    yield new ValueList(members).encode();
                }
                case "site" -> SiteJson.fromJson(value).encode();
                case "key" -> {
                    Map<String, String> jwk = new LinkedHashMap<>();
                    value.fields().forEachRemaining(e -> jwk.put(e.getKey(), e.getValue().asText()));
                    yield KeyBlobs.encodePublicKey(Jwk.fromJwk(jwk));
                }
                default -> throw new JsonInputException("value " + index + ": unknown data format \"" + format + "\"");
            };
        } catch (IllegalArgumentException e) {
            throw new JsonInputException("value " + index + ": bad " + format + " data: " + e.getMessage());
        } catch (KeyFormatException e) {
            throw new JsonInputException("value " + index + ": bad key: " + e.getMessage());
        }
    }

    private static ValueReference reference(JsonNode r, String what) {
        if (r == null || !r.isObject() || !r.has("handle") || !r.has("index") || !r.get("index").canConvertToInt()) {
            throw new JsonInputException(what + " must be {\"handle\":…, \"index\":…}");
        }
        return new ValueReference(ByteString.utf8(r.get("handle").asText()), r.get("index").asInt());
    }

    /** REST admin permissions: 12-bit text from the right, "*", boolean, integer digits, or an array in bit order. */
    static int adminPermissions(JsonNode p) {
        if (p == null || p.isNull()) {
            throw new JsonInputException("admin \"permissions\" is required");
        }
        if (p.isBoolean()) {
            return p.asBoolean() ? AdminPermissions.ALL : 0;
        }
        if (p.isArray()) {
            int mask = 0;
            for (int i = 0; i < p.size() && i < 12; i++) {
                JsonNode b = p.get(i);
                if (b.asBoolean() || b.asInt() != 0 || "1".equals(b.asText()) || "true".equalsIgnoreCase(b.asText())) {
                    mask |= 1 << i;
                }
            }
            return mask;
        }
        String text = p.isNumber() ? p.asText() : p.asText().trim();
        if (text.equals("*")) {
            return AdminPermissions.ALL;
        }
        return AdminPermissions.parseRestText(text);
    }
}
