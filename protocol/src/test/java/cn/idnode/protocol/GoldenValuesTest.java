package cn.idnode.protocol;

import static cn.idnode.protocol.Fixtures.value;
import static cn.idnode.protocol.GoldenRequestsTest.rsaBlob;
import static cn.idnode.protocol.GoldenRequestsTest.u;
import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.testing.HexFixture;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden fixtures of value data formats (§8, §9.1, §9.2, §9.5). */
class GoldenValuesTest {

    static SiteInfo primarySite() {
        try {
            return new SiteInfo(1, ProtocolVersion.V2_10, 3, SiteInfo.PRIMARY, SiteInfo.HASH_BY_HANDLE,
                    ByteString.EMPTY, List.of(SiteInfo.Attribute.of("desc", "idnode primary")),
                    List.of(new SiteInfo.Server(1, SiteInfo.Server.encodeAddress(InetAddress.getByName("192.0.2.10")),
                            rsaBlob(), List.of(new SiteInfo.Interface(3, SiteInfo.Interface.TCP, 2641),
                            new SiteInfo.Interface(2, SiteInfo.Interface.UDP, 2641),
                            new SiteInfo.Interface(3, SiteInfo.Interface.HTTP, 8000)))));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void hsAdmin() throws ProtocolException {
        byte[] data = value("hs-admin");
        AdminValue a = AdminValue.decode(ByteString.wrap(data));
        assertThat(a).isEqualTo(AdminValue.of(0x0FF2, ValueReference.of(200, "0.NA/10.1016")));
        assertThat(AdminPermissions.toRestText(a.permissions())).isEqualTo("111111110010");
        assertThat(a.has(AdminPermissions.ADD_HANDLE)).isFalse();
        assertThat(a.has(AdminPermissions.DELETE_HANDLE | AdminPermissions.LIST_HANDLES)).isTrue();
        HexFixture.assertBytesEqual(data, a.encode().toByteArray(), "HS_ADMIN");
    }

    @Test
    void hsAdminLegacyEncodingKeepsItsTwoExtraBytes() throws ProtocolException {
        byte[] data = value("hs-admin-legacy");
        assertThat(data).hasSize(value("hs-admin").length + 2);
        AdminValue a = AdminValue.decode(ByteString.wrap(data));
        assertThat(a.legacyTrailingBytes()).isTrue();
        assertThat(a.permissions()).isEqualTo(0x0FF2);
        assertThat(a.admin()).isEqualTo(ValueReference.of(200, "0.NA/10.1016"));
        HexFixture.assertBytesEqual(data, a.encode().toByteArray(), "legacy HS_ADMIN");
    }

    @Test
    void hsVlist() throws ProtocolException {
        byte[] data = value("hs-vlist");
        ValueList l = ValueList.decode(ByteString.wrap(data));
        assertThat(l.members()).containsExactly(ValueReference.of(300, "88.111.1/user"),
                ValueReference.of(200, "88.123.4567/admins"));
        HexFixture.assertBytesEqual(data, l.encode().toByteArray(), "HS_VLIST");
    }

    @Test
    void hsSite() throws ProtocolException {
        byte[] data = value("hs-site");
        SiteInfo s = SiteInfo.decode(ByteString.wrap(data));
        assertThat(s).isEqualTo(primarySite());
        assertThat(s.isPrimary()).isTrue();
        assertThat(s.isMultiPrimary()).isFalse();
        assertThat(s.servers().get(0).inetAddress().getHostAddress()).isEqualTo("192.0.2.10");
        HexFixture.assertBytesEqual(data, s.encode().toByteArray(), "HS_SITE");
    }

    @Test
    void hsSiteWithIpv6Server() throws ProtocolException {
        byte[] data = value("hs-site-ipv6");
        SiteInfo s = SiteInfo.decode(ByteString.wrap(data));
        assertThat(s.protocolVersion()).isEqualTo(ProtocolVersion.V2_11);
        assertThat(s.serialNumber()).isEqualTo(0x1234);
        assertThat(s.isPrimary()).isFalse();
        assertThat(s.isMultiPrimary()).isTrue();
        assertThat(s.attributes()).isEmpty();
        assertThat(s.servers()).hasSize(2);
        assertThat(s.servers().get(0).inetAddress().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:10");
        assertThat(s.servers().get(1).inetAddress().getHostAddress()).isEqualTo("203.0.113.5");
        assertThat(s.servers().get(1).interfaces()).containsExactly(new SiteInfo.Interface(2, SiteInfo.Interface.UDP, 2641),
                new SiteInfo.Interface(SiteInfo.Interface.ADMIN, SiteInfo.Interface.HTTPS, 8443));
        HexFixture.assertBytesEqual(data, s.encode().toByteArray(), "HS_SITE IPv6");
    }

    @Test
    void handleValue() throws ProtocolException {
        byte[] data = value("handle-value");
        HandleValue v = HandleValue.decode(data);
        assertThat(v).isEqualTo(HandleValue.text(1, "URL", "https://example.cn/p/abc").withTimestamp(1_714_550_400)
                .withReferences(List.of(ValueReference.of(300, "88.123.4567/admin"))));
        assertThat(v.timestampSeconds()).isEqualTo(1_714_550_400L);
        HexFixture.assertBytesEqual(data, v.encode(), "handle value");
    }

    @Test
    void encodedValues() throws ProtocolException {
        byte[] data = value("encoded-values");
        int count = WireReader.getInt(data, 0);
        EncodedValues values = EncodedValues.parse(data, 4, data.length - 4, count);
        assertThat(values.count()).isEqualTo(2);
        assertThat(values.byteLength()).isEqualTo(data.length - 4);
        List<HandleValue> list = values.decode();
        assertThat(list.get(0).type()).isEqualTo(u("URL"));
        assertThat(list.get(1).type()).isEqualTo(ValueTypes.HS_ADMIN);
        assertThat(EncodedValues.of(list)).isEqualTo(values);
        byte[] copy = new byte[values.byteLength()];
        values.copyTo(copy, 0);
        assertThat(copy).isEqualTo(java.util.Arrays.copyOfRange(data, 4, data.length));
    }
}
