package cn.idnode.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.protocol.AdminPermissions;
import cn.idnode.protocol.AdminValue;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ValuePermissions;
import cn.idnode.protocol.ValueReference;
import cn.idnode.server.EmbeddedNode;
import cn.idnode.server.TestRecords;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.handle.hdllib.AbstractMessage;
import net.handle.hdllib.AbstractResponse;
import net.handle.hdllib.ErrorResponse;
import net.handle.hdllib.GenericRequest;
import net.handle.hdllib.GetSiteInfoResponse;
import net.handle.hdllib.HandleException;
import net.handle.hdllib.HandleResolver;
import net.handle.hdllib.ResolutionRequest;
import net.handle.hdllib.ResolutionResponse;
import net.handle.hdllib.SiteInfo;
import net.handle.hdllib.Util;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CNRI's own client library ({@code net.handle:handle-client:9.3.1}) resolving from idnode over every transport,
 * exactly as it talks to a Handle.Net server.
 */
class CnriClientInteropTest {
    enum Transport { UDP, TCP, HTTP }

    @TempDir
    static Path dir;
    static EmbeddedNode node;
    static HandleResolver resolver;
    static InetAddress loopback;

    @BeforeAll
    static void start() throws Exception {
        node = EmbeddedNode.start(dir);
        resolver = new HandleResolver();
        resolver.setTcpTimeout(10_000);
        loopback = InetAddress.getByName("127.0.0.1");
        TestRecords.put(node, "88.888/demo-1",
                HandleValue.text(1, "URL", "https://example.cn/p/demo-1"),
                HandleValue.text(2, "EMAIL", "ops@example.cn"),
                HandleValue.text(3, "URL.mirror", "https://mirror.example.cn/p/demo-1"),
                HandleValue.of(100, "HS_ADMIN", AdminValue.of(AdminPermissions.ALL,
                        ValueReference.of(300, "0.NA/88.888")).encode()),
                HandleValue.text(2000, "name", "小型机械01"));
        List<HandleValue> big = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            big.add(HandleValue.text(i, "DESC", "value " + i + " " + "x".repeat(150)));
        }
        TestRecords.put(node.server().node(), "88.888/big", big);
        TestRecords.put(node, "88.888/restricted",
                HandleValue.text(1, "URL", "https://example.cn/public"),
                HandleValue.text(2, "SECRET_NOTE", "internal").withPermissions(ValuePermissions.ADMIN_READ
                        | ValuePermissions.ADMIN_WRITE));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static AbstractResponse send(Transport t, net.handle.hdllib.AbstractRequest req) throws HandleException {
        return switch (t) {
            case UDP -> resolver.sendHdlUdpRequest(req, loopback, node.server().udpPort());
            case TCP -> resolver.sendHdlTcpRequest(req, loopback, node.server().tcpPort());
            case HTTP -> resolver.sendHttpRequest(req, loopback, node.server().httpPort());
        };
    }

    static ResolutionRequest resolution(String handle, String[] types, int[] indexes) {
        byte[][] t = types == null ? null : Arrays.stream(types).map(Util::encodeString).toArray(byte[][]::new);
        return new ResolutionRequest(Util.encodeString(handle), t, indexes, null);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void resolvesAllValues(Transport t) throws Exception {
        AbstractResponse r = send(t, resolution("88.888/demo-1", null, null));
        assertThat(r.responseCode).isEqualTo(AbstractMessage.RC_SUCCESS);
        net.handle.hdllib.HandleValue[] values = ((ResolutionResponse) r).getHandleValues();
        assertThat(values).extracting(net.handle.hdllib.HandleValue::getIndex).containsExactly(1, 2, 3, 100, 2000);
        assertThat(values[0].getTypeAsString()).isEqualTo("URL");
        assertThat(values[0].getDataAsString()).isEqualTo("https://example.cn/p/demo-1");
        assertThat(values[4].getDataAsString()).isEqualTo("小型机械01");
        assertThat(values[3].getTypeAsString()).isEqualTo("HS_ADMIN");
        assertThat(new String(((ResolutionResponse) r).handle, StandardCharsets.UTF_8)).isEqualTo("88.888/demo-1");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void filtersByTypeWithSubtypesAndByIndex(Transport t) throws Exception {
        ResolutionResponse byType = (ResolutionResponse) send(t, resolution("88.888/demo-1", new String[] {"URL."}, null));
        assertThat(byType.getHandleValues()).extracting(net.handle.hdllib.HandleValue::getIndex).containsExactly(1, 3);
        ResolutionResponse exact = (ResolutionResponse) send(t, resolution("88.888/demo-1", new String[] {"url"}, null));
        assertThat(exact.getHandleValues()).extracting(net.handle.hdllib.HandleValue::getIndex).containsExactly(1);
        ResolutionResponse byIndex = (ResolutionResponse) send(t, resolution("88.888/demo-1", null, new int[] {2, 2000}));
        assertThat(byIndex.getHandleValues()).extracting(net.handle.hdllib.HandleValue::getIndex).containsExactly(2, 2000);
        ResolutionResponse either = (ResolutionResponse) send(t,
                resolution("88.888/DEMO-1", new String[] {"EMAIL"}, new int[] {100}));
        assertThat(either.getHandleValues()).extracting(net.handle.hdllib.HandleValue::getIndex).containsExactly(2, 100);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void errorCodes(Transport t) throws Exception {
        assertThat(send(t, resolution("88.888/missing", null, null)).responseCode)
                .isEqualTo(AbstractMessage.RC_HANDLE_NOT_FOUND);
        AbstractResponse notHomed = send(t, resolution("88.999/x", null, null));
        assertThat(notHomed.responseCode).isEqualTo(AbstractMessage.RC_SERVER_NOT_RESP);
        assertThat(new String(((ErrorResponse) notHomed).message, StandardCharsets.UTF_8)).contains("not homed");
        assertThat(send(t, resolution("88.888/demo-1", new String[] {"NOPE"}, null)).responseCode)
                .isEqualTo(AbstractMessage.RC_VALUES_NOT_FOUND);
    }

    @Test
    void recordLargerThanOneUdpPacket() throws Exception {
        AbstractResponse r = send(Transport.UDP, resolution("88.888/big", null, null));
        assertThat(r.responseCode).isEqualTo(AbstractMessage.RC_SUCCESS);
        net.handle.hdllib.HandleValue[] values = ((ResolutionResponse) r).getHandleValues();
        assertThat(values).hasSize(20);
        assertThat(values[19].getDataAsString()).startsWith("value 20 xxx");
    }

    @Test
    void recordNearTheMessageLimitOverTcp() throws Exception {
        byte[] blob = new byte[cn.idnode.node.record.RecordRules.MAX_VALUES_BYTES - 64];
        new java.util.Random(7).nextBytes(blob);
        TestRecords.put(node, "88.888/huge", HandleValue.of(1, "BLOB", ByteString.wrap(blob)));
        ResolutionResponse r = (ResolutionResponse) send(Transport.TCP, resolution("88.888/huge", null, null));
        assertThat(r.getHandleValues()[0].getData()).isEqualTo(blob);
        ResolutionResponse h = (ResolutionResponse) send(Transport.HTTP, resolution("88.888/huge", null, null));
        assertThat(h.getHandleValues()[0].getData()).isEqualTo(blob);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void getSiteInfo(Transport t) throws Exception {
        AbstractResponse r = send(t, new GenericRequest(Util.encodeString("/"), AbstractMessage.OC_GET_SITE_INFO, null));
        assertThat(r.responseCode).isEqualTo(AbstractMessage.RC_SUCCESS);
        SiteInfo site = ((GetSiteInfoResponse) r).siteInfo;
        assertThat(site.isPrimary).isTrue();
        assertThat(site.servers).hasSize(1);
        assertThat(site.servers[0].interfaces[0].port).isEqualTo(node.server().tcpPort());
        assertThat(site.servers[0].interfaces[0].protocol).isEqualTo(net.handle.hdllib.Interface.SP_HDL_TCP);
        assertThat(site.servers[0].getPublicKey()).isNotNull();
        assertThat(r.siteInfoSerial).isEqualTo(site.serialNumber);
    }

    @Test
    void clientFollowsTheSiteRecordItFetched() throws Exception {
        SiteInfo site = ((GetSiteInfoResponse) send(Transport.TCP,
                new GenericRequest(Util.encodeString("/"), AbstractMessage.OC_GET_SITE_INFO, null))).siteInfo;
        AbstractResponse r = resolver.sendRequestToSite(resolution("88.888/demo-1", null, null), site);
        assertThat(r.responseCode).isEqualTo(AbstractMessage.RC_SUCCESS);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void prefixHandlesAndBarePrefixes(Transport t) throws Exception {
        ResolutionResponse r = (ResolutionResponse) send(t, resolution("0.NA/88.888", new String[] {"HS_SITE"}, null));
        SiteInfo site = new SiteInfo();
        net.handle.hdllib.Encoder.decodeSiteInfoRecord(r.getHandleValues()[0].getData(), 0, site);
        assertThat(site.servers[0].interfaces[0].port).isEqualTo(node.server().tcpPort());
        ResolutionResponse bare = (ResolutionResponse) send(t, resolution("88.888", new String[] {"HS_ADMIN"}, null));
        assertThat(new String(bare.handle, StandardCharsets.UTF_8)).isEqualTo("88.888");
        assertThat(bare.getHandleValues()).hasSize(1);
    }

    @Test
    void restrictedValuesAreNeverSentUnauthenticated() throws Exception {
        ResolutionResponse po = (ResolutionResponse) send(Transport.TCP, resolution("88.888/restricted", null, null));
        assertThat(po.getHandleValues()).extracting(net.handle.hdllib.HandleValue::getIndex).containsExactly(1);
        ResolutionRequest all = resolution("88.888/restricted", null, null);
        all.ignoreRestrictedValues = false;
        AbstractResponse r = send(Transport.TCP, all);
        assertThat(r.responseCode).isNotEqualTo(AbstractMessage.RC_SUCCESS);
    }

    @Test
    void requestDigestIsReturnedWhenAsked() throws Exception {
        ResolutionRequest req = resolution("88.888/demo-1", null, null);
        req.returnRequestDigest = true;
        AbstractResponse r = send(Transport.UDP, req);
        assertThat(r.responseCode).isEqualTo(AbstractMessage.RC_SUCCESS);
        assertThat(r.requestDigest).isNotNull();
        assertThat(r.rdHashType).isEqualTo(net.handle.hdllib.Common.HASH_CODE_SHA256);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void certifiedAnswersVerifyWithTheSiteKey(Transport t) throws Exception {
        byte[] encodedSite = net.handle.hdllib.Encoder.encodeSiteInfoRecord(((GetSiteInfoResponse) send(t,
                new GenericRequest(Util.encodeString("/"), AbstractMessage.OC_GET_SITE_INFO, null))).siteInfo);
        SiteInfo site = net.handle.hdllib.Encoder.decodeSiteInfoRecord(encodedSite, 0);
        byte protocol = switch (t) {
            case UDP -> net.handle.hdllib.Interface.SP_HDL_UDP;
            case TCP -> net.handle.hdllib.Interface.SP_HDL_TCP;
            case HTTP -> net.handle.hdllib.Interface.SP_HDL_HTTP;
        };
        site.servers[0].interfaces = Arrays.stream(site.servers[0].interfaces).filter(i -> i.protocol == protocol)
                .toArray(net.handle.hdllib.Interface[]::new);
        ResolutionRequest req = resolution("88.888/demo-1", null, null);
        req.certify = true;
        AbstractResponse r = resolver.sendRequestToSite(req, site);
        assertThat(r.responseCode).isEqualTo(AbstractMessage.RC_SUCCESS);
        assertThat(r.certify).isTrue();
        assertThat(r.signature).isNotNull();
        assertThat(r.verifyMessage(site.servers[0].getPublicKey())).isTrue();
    }
}
