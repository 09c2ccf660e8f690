package cn.idnode.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.idnode.crypto.KeyBlobs;
import cn.idnode.protocol.AdminValue;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ProtocolVersion;
import cn.idnode.protocol.SiteInfo;
import cn.idnode.protocol.ValueList;
import cn.idnode.protocol.ValueReference;
import cn.idnode.testing.JsonFixture;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.KeyPairGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

    static HandleValue roundTrip(HandleValue v) {
        return JsonValues.fromJson(JsonValues.toJson(v), v.timestamp());
    }

    @Test
    void everyFormatRoundTrips() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        ByteString key = KeyBlobs.encodePublicKey(g.generateKeyPair().getPublic());
        SiteInfo site = new SiteInfo(1, ProtocolVersion.V2_10, 7, SiteInfo.PRIMARY, 2, ByteString.EMPTY,
                List.of(SiteInfo.Attribute.of("desc", "test")), List.of(new SiteInfo.Server(1,
                        SiteInfo.Server.encodeAddress(java.net.InetAddress.getByName("192.0.2.10")), key,
                        List.of(new SiteInfo.Interface(3, 1, 2641), new SiteInfo.Interface(2, 0, 2641)))));
        List<HandleValue> values = List.of(
                HandleValue.text(1, "URL", "https://example.cn").withTimestamp(1714550400),
                HandleValue.of(2, "BIN", ByteString.fromHex("00ff10")),
                HandleValue.of(100, "HS_ADMIN", AdminValue.of(0x0FF2, ValueReference.of(200, "0.NA/10.1016")).encode()),
                HandleValue.of(101, "HS_ADMIN", new AdminValue(0x07FF, ValueReference.of(300, "88.888/a"), true).encode()),
                HandleValue.of(200, "HS_VLIST", new ValueList(List.of(ValueReference.of(300, "88.888/u"))).encode()),
                HandleValue.of(300, "HS_PUBKEY", key),
                HandleValue.of(1, "HS_SITE", site.encode()).withTtl(1, 1900000000).withPermissions(0x0F),
                HandleValue.text(3, "URL", "x").withReferences(List.of(ValueReference.of(1, "88.888/ref"))));
        for (HandleValue v : values) {
            assertThat(roundTrip(v)).as(v.toString()).isEqualTo(v);
        }
        assertThat(JsonValues.toJson(values.get(1)).path("data").path("format").asText()).isEqualTo("base64");
        assertThat(JsonValues.toJson(values.get(3)).path("data").path("value").path("legacyByteLength").asBoolean())
                .isTrue();
        assertThat(JsonValues.toJson(values.get(5)).path("data").path("format").asText()).isEqualTo("key");
        assertThat(JsonValues.toJson(values.get(6)).path("data").path("value").path("serialNumber").asInt())
                .isEqualTo(7);
    }

    @Test
    void adminPermissionSpellingsCnriAccepts() {
        assertThat(JsonValues.adminPermissions(JsonFixture.parse("\"111111110010\""))).isEqualTo(0x0FF2);
        assertThat(JsonValues.adminPermissions(JsonFixture.parse("\"10\""))).isEqualTo(0x0002);
        assertThat(JsonValues.adminPermissions(JsonFixture.parse("\"*\""))).isEqualTo(0x0FFF);
        assertThat(JsonValues.adminPermissions(JsonFixture.parse("true"))).isEqualTo(0x0FFF);
        assertThat(JsonValues.adminPermissions(JsonFixture.parse("false"))).isZero();
        assertThat(JsonValues.adminPermissions(JsonFixture.parse("110"))).isEqualTo(0x0006);
        assertThat(JsonValues.adminPermissions(JsonFixture.parse("[true, false, 1]"))).isEqualTo(0x0005);
    }

    @Test
    void inputErrorsNameTheMember() {
        JsonNode noIndex = JsonFixture.parse("{\"type\":\"URL\",\"data\":\"x\"}");
        assertThatThrownBy(() -> JsonValues.fromJson(noIndex, 0)).hasMessageContaining("index");
        JsonNode badTtl = JsonFixture.parse("{\"index\":1,\"type\":\"URL\",\"data\":\"x\",\"ttl\":\"soon\"}");
        assertThatThrownBy(() -> JsonValues.fromJson(badTtl, 0)).hasMessageContaining("ttl");
        JsonNode badPerm = JsonFixture.parse("{\"index\":1,\"type\":\"URL\",\"data\":\"x\",\"permissions\":\"12\"}");
        assertThatThrownBy(() -> JsonValues.fromJson(badPerm, 0)).hasMessageContaining("binary");
        JsonNode badB64 = JsonFixture.parse("{\"index\":1,\"type\":\"X\",\"data\":{\"format\":\"base64\",\"value\":\"***\"}}");
        assertThatThrownBy(() -> JsonValues.fromJson(badB64, 0)).hasMessageContaining("base64");
        JsonNode badKey = JsonFixture.parse("{\"index\":1,\"type\":\"HS_PUBKEY\",\"data\":{\"format\":\"key\",\"value\":{\"kty\":\"EC\"}}}");
        assertThatThrownBy(() -> JsonValues.fromJson(badKey, 0)).hasMessageContaining("EC");
    }
}
