package cn.idnode.server.http;

import cn.idnode.crypto.Jwk;
import cn.idnode.crypto.KeyBlobs;
import cn.idnode.crypto.KeyFormatException;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ProtocolVersion;
import cn.idnode.protocol.SiteInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Site records in their JSON form ({@code siteinfo.json}, {@code /api/site}; handle-protocol.md §9.5). */
public final class SiteJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SiteJson() {}

    public static ObjectNode toJson(SiteInfo s) {
        ObjectNode o = F.objectNode();
        o.put("version", s.dataFormatVersion());
        o.put("protocolVersion", s.protocolVersion().toString());
        o.put("serialNumber", s.serialNumber());
        o.put("primarySite", s.isPrimary());
        o.put("multiPrimary", s.isMultiPrimary());
        if (s.hashOption() != SiteInfo.HASH_BY_HANDLE) {
            o.put("hashOption", s.hashOption());
        }
        if (!s.hashFilter().isEmpty()) {
            o.put("hashFilter", s.hashFilter().utf8());
        }
        ArrayNode attrs = o.putArray("attributes");
        for (SiteInfo.Attribute a : s.attributes()) {
            attrs.addObject().put("name", a.name().utf8()).put("value", a.value().utf8());
        }
        ArrayNode servers = o.putArray("servers");
        for (SiteInfo.Server srv : s.servers()) {
            ObjectNode so = servers.addObject();
            so.put("serverId", srv.serverId());
            so.put("address", srv.inetAddress().getHostAddress());
            ObjectNode key = so.putObject("publicKey");
            try {
                Map<String, String> jwk = Jwk.toJwk(KeyBlobs.decodePublicKey(srv.publicKey()));
                key.put("format", "key");
                ObjectNode v = key.putObject("value");
                jwk.forEach(v::put);
            } catch (KeyFormatException e) {
                key.put("format", "base64");
                key.put("value", Base64.getEncoder().encodeToString(srv.publicKey().toByteArray()));
            }
            ArrayNode ifs = so.putArray("interfaces");
            for (SiteInfo.Interface i : srv.interfaces()) {
                ifs.addObject().put("query", i.query()).put("admin", i.admin())
                        .put("protocol", SiteInfo.Interface.protocolName(i.protocol())).put("port", i.port());
            }
        }
        return o;
    }

    public static SiteInfo fromJson(JsonNode o) {
        if (!o.isObject()) {
            throw new JsonInputException("site must be a JSON object");
        }
        int version = o.path("version").asInt(1);
        ProtocolVersion pv;
        try {
            pv = ProtocolVersion.parse(o.path("protocolVersion").asText("2.10"));
        } catch (IllegalArgumentException e) {
            throw new JsonInputException("site protocolVersion: " + e.getMessage());
        }
        int mask = (o.path("primarySite").asBoolean(false) ? SiteInfo.PRIMARY : 0)
                | (o.path("multiPrimary").asBoolean(false) ? SiteInfo.MULTI_PRIMARY : 0);
        List<SiteInfo.Attribute> attrs = new ArrayList<>();
        for (JsonNode a : o.path("attributes")) {
            attrs.add(SiteInfo.Attribute.of(a.path("name").asText(), a.path("value").asText()));
        }
        JsonNode serverNodes = first(o, "servers", "serverList", "ServerList");
        List<SiteInfo.Server> servers = new ArrayList<>();
        for (JsonNode s : serverNodes) {
            servers.add(server(s));
        }
        return new SiteInfo(version, pv, o.path("serialNumber").asInt(1), mask, o.path("hashOption").asInt(2),
                ByteString.utf8(o.path("hashFilter").asText("")), attrs, servers);
    }

    private static SiteInfo.Server server(JsonNode s) {
        String address = first(s, "address", "Address").asText();
        ByteString addr;
        try {
            addr = SiteInfo.Server.encodeAddress(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new JsonInputException("site server address is not an IP address: " + address);
        }
        ByteString key = ByteString.EMPTY;
        JsonNode pk = s.get("publicKey");
        if (pk != null && pk.isObject()) {
            try {
                if ("key".equals(pk.path("format").asText())) {
                    Map<String, String> jwk = new LinkedHashMap<>();
                    pk.path("value").fields().forEachRemaining(e -> jwk.put(e.getKey(), e.getValue().asText()));
                    key = KeyBlobs.encodePublicKey(Jwk.fromJwk(jwk));
                } else {
                    key = ByteString.wrap(Base64.getDecoder().decode(pk.path("value").asText()));
                }
            } catch (KeyFormatException | IllegalArgumentException e) {
                throw new JsonInputException("site server publicKey: " + e.getMessage());
            }
        }
        List<SiteInfo.Interface> ifs = new ArrayList<>();
        for (JsonNode i : first(s, "interfaces", "interfaceList", "InterfaceList")) {
            boolean query = i.path("query").asBoolean(true);
            boolean admin = i.path("admin").asBoolean(false);
            int type = (query ? SiteInfo.Interface.QUERY : 0) | (admin ? SiteInfo.Interface.ADMIN : 0);
            String proto = first(i, "protocol", "Protocol").asText("TCP").toUpperCase(Locale.ROOT);
            int protocol = switch (proto) {
                case "UDP" -> SiteInfo.Interface.UDP;
                case "TCP" -> SiteInfo.Interface.TCP;
                case "HTTP" -> SiteInfo.Interface.HTTP;
                case "HTTPS" -> SiteInfo.Interface.HTTPS;
                default -> throw new JsonInputException("unknown interface protocol " + proto);
            };
            ifs.add(new SiteInfo.Interface(type, protocol, first(i, "port", "Port").asInt()));
        }
        return new SiteInfo.Server(s.path("serverId").asInt(1), addr, key, ifs);
    }

    private static JsonNode first(JsonNode o, String... names) {
        for (String n : names) {
            if (o.has(n)) {
                return o.get(n);
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
