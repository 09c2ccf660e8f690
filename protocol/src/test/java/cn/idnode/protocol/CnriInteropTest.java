package cn.idnode.protocol;

import static cn.idnode.protocol.Fixtures.decode;
import static cn.idnode.protocol.Fixtures.message;
import static cn.idnode.protocol.GoldenRequestsTest.dhBlob;
import static cn.idnode.protocol.GoldenRequestsTest.range;
import static cn.idnode.protocol.GoldenRequestsTest.rsaBlob;
import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.testing.HexFixture;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.handle.hdllib.AbstractMessage;
import net.handle.hdllib.AdminRecord;
import net.handle.hdllib.Attribute;
import net.handle.hdllib.Encoder;
import net.handle.hdllib.MessageEnvelope;
import net.handle.hdllib.ServerInfo;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks against CNRI's own encoder and decoder ({@code net.handle:handle-client:9.3.1}): messages built with
 * CNRI's classes encode to exactly our golden bytes and decode with our codec to the same fields, and everything we
 * encode decodes with CNRI's decoder to the same fields. This is what real Handle.Net clients run.
 */
class CnriInteropTest {

    // ---------------------------------------------------------------- plumbing

    /** Copies envelope and header fields of our decoded message into a CNRI message (as a CNRI peer would set them). */
    static <M extends AbstractMessage> M withHeaderOf(M c, Message ours) {
        Envelope e = ours.envelope();
        Header h = ours.header();
        c.majorProtocolVersion = (byte) e.version().major();
        c.minorProtocolVersion = (byte) e.version().minor();
        c.suggestMajorProtocolVersion = (byte) e.suggestedVersion().major();
        c.suggestMinorProtocolVersion = (byte) e.suggestedVersion().minor();
        c.sessionId = e.sessionId();
        c.requestId = e.requestId();
        c.opCode = h.opCode().code();
        c.responseCode = h.responseCode().code();
        c.siteInfoSerial = h.siteInfoSerial();
        c.recursionCount = (short) h.recursionCount();
        c.expiration = h.expirationTime();
        Encoder.decodeOpFlagsInToMessage(c, h.opFlags());
        ours.digest().ifPresent(d -> {
            c.requestDigest = d.digest().toByteArray();
            c.rdHashType = (byte) d.algorithm();
        });
        return c;
    }

    /** Envelope and message exactly as CNRI writes them. */
    static byte[] cnriFrame(AbstractMessage c) throws Exception {
        byte[] msg = c.getEncodedMessage();
        MessageEnvelope env = new MessageEnvelope();
        env.protocolMajorVersion = c.majorProtocolVersion;
        env.protocolMinorVersion = c.minorProtocolVersion;
        env.suggestMajorProtocolVersion = c.suggestMajorProtocolVersion;
        env.suggestMinorProtocolVersion = c.suggestMinorProtocolVersion;
        env.sessionId = c.sessionId;
        env.requestId = c.requestId;
        env.messageLength = msg.length;
        byte[] out = new byte[20 + msg.length];
        Encoder.encodeEnvelope(env, out);
        System.arraycopy(msg, 0, out, 20, msg.length);
        return out;
    }

    static AbstractMessage cnriDecode(byte[] frame) throws Exception {
        MessageEnvelope env = new MessageEnvelope();
        Encoder.decodeEnvelope(frame, env);
        assertThat(env.messageLength).isEqualTo(frame.length - 20);
        return Encoder.decodeMessage(frame, 20, env);
    }

    static int cnriFlags(AbstractMessage c) {
        int f = 0;
        f |= c.authoritative ? OpFlags.AUTHORITATIVE : 0;
        f |= c.certify ? OpFlags.CERTIFY : 0;
        f |= c.encrypt ? OpFlags.ENCRYPT : 0;
        f |= c.recursive ? OpFlags.RECURSIVE : 0;
        f |= c.cacheCertify ? OpFlags.CACHE_CERTIFY : 0;
        f |= c.continuous ? OpFlags.CONTINUOUS : 0;
        f |= c.keepAlive ? OpFlags.KEEP_ALIVE : 0;
        f |= c.ignoreRestrictedValues ? OpFlags.PUBLIC_ONLY : 0;
        f |= c.returnRequestDigest ? OpFlags.RETURN_REQUEST_DIGEST : 0;
        f |= c.overwriteWhenExists ? OpFlags.OVERWRITE : 0;
        f |= c.mintNewSuffix ? OpFlags.MINT_NEW_SUFFIX : 0;
        f |= c.doNotRefer ? OpFlags.DO_NOT_REFER : 0;
        return f;
    }

    /** Every envelope and header field CNRI exposes equals ours. */
    static void assertSameHeader(AbstractMessage c, Message ours) {
        Envelope e = ours.envelope();
        Header h = ours.header();
        assertThat(c.majorProtocolVersion).isEqualTo((byte) e.version().major());
        assertThat(c.minorProtocolVersion).isEqualTo((byte) e.version().minor());
        assertThat(c.suggestMajorProtocolVersion).isEqualTo((byte) e.effectiveSuggestedVersion().major());
        assertThat(c.suggestMinorProtocolVersion).isEqualTo((byte) e.effectiveSuggestedVersion().minor());
        assertThat(c.sessionId).isEqualTo(e.sessionId());
        assertThat(c.requestId).isEqualTo(e.requestId());
        assertThat(c.opCode).isEqualTo(h.opCode().code());
        assertThat(c.responseCode).as("response code").isEqualTo(h.responseCode().code());
        assertThat(c.siteInfoSerial).isEqualTo(h.siteInfoSerial());
        assertThat((int) c.recursionCount).isEqualTo(h.recursionCount());
        assertThat(c.expiration).isEqualTo(h.expirationTime());
        // CNRI has no name for the IDIS token bit 0x00000004
        assertThat(cnriFlags(c)).as("flags").isEqualTo(h.opFlags() & ~OpFlags.IDIS_IDENTITY_TOKEN);
        if (ours.digest().isPresent()) {
            assertThat(c.rdHashType).isEqualTo((byte) ours.digest().get().algorithm());
            assertThat(c.requestDigest).isEqualTo(ours.digest().get().digest().toByteArray());
        } else {
            assertThat(c.requestDigest).isNull();
        }
        assertThat(c.messageBody).as("header+body").isEqualTo(ours.headerAndBody().toByteArray());
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- CNRI equivalents of our fixtures

    static net.handle.hdllib.SiteInfo cnriPrimarySite() throws Exception {
        net.handle.hdllib.SiteInfo site = new net.handle.hdllib.SiteInfo();
        site.dataFormatVersion = 1;
        site.majorProtocolVersion = 2;
        site.minorProtocolVersion = 10;
        site.serialNumber = 3;
        site.isPrimary = true;
        site.multiPrimary = false;
        site.hashOption = net.handle.hdllib.SiteInfo.HASH_TYPE_BY_ALL;
        site.hashFilter = new byte[0];
        site.attributes = new Attribute[] {new Attribute(b("desc"), b("idnode primary"))};
        ServerInfo server = new ServerInfo();
        server.serverId = 1;
        server.ipAddress = InetAddress.getByName("192.0.2.10").getAddress(); // 4 bytes: CNRI right-aligns them
        server.publicKey = rsaBlob().toByteArray();
        server.interfaces = new net.handle.hdllib.Interface[] {
            new net.handle.hdllib.Interface(net.handle.hdllib.Interface.ST_ADMIN_AND_QUERY,
                    net.handle.hdllib.Interface.SP_HDL_TCP, 2641),
            new net.handle.hdllib.Interface(net.handle.hdllib.Interface.ST_QUERY,
                    net.handle.hdllib.Interface.SP_HDL_UDP, 2641),
            new net.handle.hdllib.Interface(net.handle.hdllib.Interface.ST_ADMIN_AND_QUERY,
                    net.handle.hdllib.Interface.SP_HDL_HTTP, 8000)};
        site.servers = new ServerInfo[] {server};
        return site;
    }

    static AdminRecord cnriAdmin(String handle, int index, int mask) {
        AdminRecord a = new AdminRecord();
        a.adminId = b(handle);
        a.adminIdIndex = index;
        int[][] bits = {
            {AdminRecord.ADD_HANDLE, AdminPermissions.ADD_HANDLE},
            {AdminRecord.DELETE_HANDLE, AdminPermissions.DELETE_HANDLE},
            {AdminRecord.ADD_DERIVED_PREFIX, AdminPermissions.ADD_DERIVED_PREFIX},
            {AdminRecord.DELETE_DERIVED_PREFIX, AdminPermissions.DELETE_DERIVED_PREFIX},
            {AdminRecord.MODIFY_VALUE, AdminPermissions.MODIFY_VALUE},
            {AdminRecord.REMOVE_VALUE, AdminPermissions.REMOVE_VALUE},
            {AdminRecord.ADD_VALUE, AdminPermissions.ADD_VALUE},
            {AdminRecord.MODIFY_ADMIN, AdminPermissions.MODIFY_ADMIN},
            {AdminRecord.REMOVE_ADMIN, AdminPermissions.REMOVE_ADMIN},
            {AdminRecord.ADD_ADMIN, AdminPermissions.ADD_ADMIN},
            {AdminRecord.READ_VALUE, AdminPermissions.READ_VALUE},
            {AdminRecord.LIST_HANDLES, AdminPermissions.LIST_HANDLES}};
        for (int[] bit : bits) {
            a.perms[bit[0]] = (mask & bit[1]) != 0;
        }
        return a;
    }

    static net.handle.hdllib.HandleValue cnriValue(int index, String type, byte[] data, int perms,
                                                    net.handle.hdllib.ValueReference... refs) {
        return new net.handle.hdllib.HandleValue(index, b(type), data, (byte) 0, 86_400, 1_714_550_400, refs,
                (perms & 8) != 0, (perms & 4) != 0, (perms & 2) != 0, (perms & 1) != 0);
    }

    static void assertSameValue(net.handle.hdllib.HandleValue c, HandleValue ours) {
        assertThat(c.getIndex()).isEqualTo(ours.index());
        assertThat(c.getTimestamp()).isEqualTo(ours.timestamp());
        assertThat(c.getTTLType() & 0xFF).isEqualTo(ours.ttlType());
        assertThat(c.getTTL()).isEqualTo(ours.ttl());
        int perms = (c.getAdminCanRead() ? 8 : 0) | (c.getAdminCanWrite() ? 4 : 0) | (c.getAnyoneCanRead() ? 2 : 0)
                | (c.getAnyoneCanWrite() ? 1 : 0);
        assertThat(perms).isEqualTo(ours.permissions());
        assertThat(c.getType()).isEqualTo(ours.type().toByteArray());
        assertThat(c.getData()).isEqualTo(ours.data().toByteArray());
        assertThat(c.getReferences()).hasSameSizeAs(ours.references());
        for (int i = 0; i < ours.references().size(); i++) {
            assertThat(c.getReferences()[i].handle).isEqualTo(ours.references().get(i).handle().toByteArray());
            assertThat(c.getReferences()[i].index).isEqualTo(ours.references().get(i).index());
        }
    }

    static void assertSameSite(net.handle.hdllib.SiteInfo c, SiteInfo ours) {
        assertThat(c.dataFormatVersion).isEqualTo(ours.dataFormatVersion());
        assertThat(c.majorProtocolVersion & 0xFF).isEqualTo(ours.protocolVersion().major());
        assertThat(c.minorProtocolVersion & 0xFF).isEqualTo(ours.protocolVersion().minor());
        assertThat(c.serialNumber).isEqualTo(ours.serialNumber());
        assertThat(c.isPrimary).isEqualTo(ours.isPrimary());
        assertThat(c.multiPrimary).isEqualTo(ours.isMultiPrimary());
        assertThat(c.hashOption & 0xFF).isEqualTo(ours.hashOption());
        assertThat(c.hashFilter).isEqualTo(ours.hashFilter().toByteArray());
        assertThat(c.attributes).hasSameSizeAs(ours.attributes());
        for (int i = 0; i < c.attributes.length; i++) {
            assertThat(c.attributes[i].name).isEqualTo(ours.attributes().get(i).name().toByteArray());
            assertThat(c.attributes[i].value).isEqualTo(ours.attributes().get(i).value().toByteArray());
        }
        assertThat(c.servers).hasSameSizeAs(ours.servers());
        for (int i = 0; i < c.servers.length; i++) {
            ServerInfo cs = c.servers[i];
            SiteInfo.Server os = ours.servers().get(i);
            assertThat(cs.serverId).isEqualTo(os.serverId());
            assertThat(cs.ipAddress).isEqualTo(os.address().toByteArray());
            assertThat(cs.getInetAddress()).isEqualTo(os.inetAddress());
            assertThat(cs.publicKey).isEqualTo(os.publicKey().toByteArray());
            assertThat(cs.interfaces).hasSameSizeAs(os.interfaces());
            for (int j = 0; j < cs.interfaces.length; j++) {
                assertThat(cs.interfaces[j].type & 0xFF).isEqualTo(os.interfaces().get(j).type());
                assertThat(cs.interfaces[j].protocol & 0xFF).isEqualTo(os.interfaces().get(j).protocol());
                assertThat(cs.interfaces[j].port).isEqualTo(os.interfaces().get(j).port());
            }
        }
    }

    /** CNRI encodes its message to the bytes of our fixture, and decodes the fixture to the same header. */
    static AbstractMessage assertCnriAgrees(AbstractMessage built, String fixture) throws Exception {
        Message ours = decode(fixture);
        HexFixture.assertBytesEqual(message(fixture), cnriFrame(withHeaderOf(built, ours)), "CNRI encoding of " + fixture);
        AbstractMessage decoded = cnriDecode(message(fixture));
        assertSameHeader(decoded, ours);
        return decoded;
    }

    // ---------------------------------------------------------------- the representative set

    @Test
    void resolutionRequests() throws Exception {
        net.handle.hdllib.ResolutionRequest plain = (net.handle.hdllib.ResolutionRequest) assertCnriAgrees(
                new net.handle.hdllib.ResolutionRequest(b("20.500.12345/abc"), null, null, null),
                "req-resolution-plain");
        assertThat(s(plain.handle)).isEqualTo("20.500.12345/abc");
        assertThat(plain.requestedIndexes).isEmpty();
        assertThat(plain.requestedTypes).isEmpty();

        AbstractMessage c = assertCnriAgrees(new net.handle.hdllib.ResolutionRequest(b("88.123.4567/abc"),
                new byte[][] {b("URL."), b("HS_ADMIN")}, new int[] {1, 100}, null), "req-resolution-filters");
        net.handle.hdllib.ResolutionRequest filters = (net.handle.hdllib.ResolutionRequest) c;
        ResolutionRequest ours = (ResolutionRequest) decode("req-resolution-filters").body();
        assertThat(filters.handle).isEqualTo(ours.handle().toByteArray());
        assertThat(filters.requestedIndexes).containsExactly(1, 100);
        assertThat(filters.requestedTypes).isDeepEqualTo(new byte[][] {b("URL."), b("HS_ADMIN")});

        // an IDIS resolution with its trailing token field: CNRI reads the standard fields and ignores the rest
        net.handle.hdllib.ResolutionRequest idis =
                (net.handle.hdllib.ResolutionRequest) cnriDecode(message("req-resolution-idis-token"));
        assertThat(s(idis.handle)).isEqualTo("88.123.4567/abc");
        assertSameHeader(idis, decode("req-resolution-idis-token"));
    }

    @Test
    void resolutionResponseWithValues() throws Exception {
        byte[][] values = {
            Encoder.encodeHandleValue(cnriValue(1, "URL", b("https://example.cn/p/abc"), 0x0E)),
            Encoder.encodeHandleValue(cnriValue(2, "EMAIL", b("ops@example.cn"), 0x0E,
                    new net.handle.hdllib.ValueReference(b("88.123.4567/contact"), 1))),
            Encoder.encodeHandleValue(cnriValue(3, "HS_SITE", Encoder.encodeSiteInfoRecord(cnriPrimarySite()), 0x0E)),
            Encoder.encodeHandleValue(cnriValue(100, "HS_ADMIN",
                    Encoder.encodeAdminRecord(cnriAdmin("0.NA/88.123.4567", 300, 0x0FF2)), 0x0E)),
            Encoder.encodeHandleValue(cnriValue(200, "HS_VLIST", Encoder.encodeValueReferenceList(
                    new net.handle.hdllib.ValueReference[] {
                        new net.handle.hdllib.ValueReference(b("88.111.1/user"), 300),
                        new net.handle.hdllib.ValueReference(b("88.123.4567/admin"), 300)}), 0x0C))};
        AbstractMessage c = assertCnriAgrees(new net.handle.hdllib.ResolutionResponse(b("88.123.4567/abc"), values),
                "resp-resolution");
        net.handle.hdllib.HandleValue[] theirs = ((net.handle.hdllib.ResolutionResponse) c).getHandleValues();
        List<HandleValue> ours = ((ResolutionResponse) decode("resp-resolution").body()).values().decode();
        assertThat(theirs).hasSize(ours.size());
        for (int i = 0; i < theirs.length; i++) {
            assertSameValue(theirs[i], ours.get(i));
        }
        // and the reverse: CNRI's value encoding of our decoded values is byte-identical
        for (HandleValue v : ours) {
            assertThat(Encoder.encodeHandleValue(theirs[ours.indexOf(v)])).isEqualTo(v.encode());
        }
    }

    @Test
    void siteInfoRecords() throws Exception {
        byte[] fixture = Fixtures.value("hs-site");
        HexFixture.assertBytesEqual(fixture, Encoder.encodeSiteInfoRecord(cnriPrimarySite()), "CNRI site record");
        SiteInfo ours = SiteInfo.decode(ByteString.wrap(fixture));
        assertSameSite(Encoder.decodeSiteInfoRecord(fixture, 0), ours);
        assertSameSite(Encoder.decodeSiteInfoRecord(ours.encode().toByteArray(), 0), ours);

        byte[] v6 = Fixtures.value("hs-site-ipv6");
        net.handle.hdllib.SiteInfo theirs = Encoder.decodeSiteInfoRecord(v6, 0);
        SiteInfo oursV6 = SiteInfo.decode(ByteString.wrap(v6));
        assertSameSite(theirs, oursV6);
        assertThat(theirs.servers[0].isIPv4()).isFalse();
        assertThat(theirs.servers[1].isIPv4()).isTrue();
        HexFixture.assertBytesEqual(v6, Encoder.encodeSiteInfoRecord(theirs), "CNRI re-encoding of the IPv6 site");

        // the GET_SITE_INFO answer: CNRI's client rejects trailing bytes, so this is the strict check
        AbstractMessage c = assertCnriAgrees(new net.handle.hdllib.GetSiteInfoResponse(cnriPrimarySite()),
                "resp-site-info");
        assertSameSite(((net.handle.hdllib.GetSiteInfoResponse) c).siteInfo, ours);
    }

    @Test
    void hsAdminData() throws Exception {
        for (boolean legacy : new boolean[] {false, true}) {
            byte[] fixture = Fixtures.value(legacy ? "hs-admin-legacy" : "hs-admin");
            AdminRecord built = cnriAdmin("0.NA/10.1016", 200, 0x0FF2);
            built.legacyByteLength = legacy;
            HexFixture.assertBytesEqual(fixture, Encoder.encodeAdminRecord(built), "CNRI HS_ADMIN legacy=" + legacy);
            AdminRecord theirs = Encoder.decodeAdminRecord(fixture, 0);
            AdminValue ours = AdminValue.decode(ByteString.wrap(fixture));
            assertThat(theirs.adminId).isEqualTo(ours.admin().handle().toByteArray());
            assertThat(theirs.adminIdIndex).isEqualTo(ours.admin().index());
            assertThat(theirs.legacyByteLength).isEqualTo(ours.legacyTrailingBytes());
            assertThat(Encoder.encodeAdminRecord(theirs)).isEqualTo(ours.encode().toByteArray());
            for (int mask = 1; mask <= 0x0800; mask <<= 1) {
                AdminRecord one = cnriAdmin("x", 1, mask);
                int decodedMask = AdminValue.decode(ByteString.wrap(Encoder.encodeAdminRecord(one))).permissions();
                assertThat(decodedMask).as("permission bit 0x%04x", mask).isEqualTo(mask);
            }
        }
    }

    @Test
    void hsVlistData() throws Exception {
        byte[] fixture = Fixtures.value("hs-vlist");
        net.handle.hdllib.ValueReference[] theirs = Encoder.decodeValueReferenceList(fixture, 0);
        ValueList ours = ValueList.decode(ByteString.wrap(fixture));
        assertThat(theirs).hasSize(ours.members().size());
        assertThat(Encoder.encodeValueReferenceList(theirs)).isEqualTo(fixture);
    }

    @Test
    void errorResponses() throws Exception {
        assertThat(((net.handle.hdllib.ErrorResponse) assertCnriAgrees(
                new net.handle.hdllib.ErrorResponse(1, 100, b("handle not found")), "resp-error")).message)
                .isEqualTo(b("handle not found"));
        assertThat(((net.handle.hdllib.ErrorResponse) assertCnriAgrees(
                new net.handle.hdllib.ErrorResponse(100, 400, new byte[0]), "resp-error-empty")).message).isEmpty();
        assertCnriAgrees(new net.handle.hdllib.ErrorResponse(2001, 403, b("signature verification failed")),
                "resp-error-digest");
        // §3 downgrades: CNRI writes 7 as 303 and 202 as 201 below 2.5, and reads 303 from such a peer as 7
        net.handle.hdllib.ErrorResponse backup = new net.handle.hdllib.ErrorResponse(102, 7, b("storage is read-only"));
        Message ours = decode("resp-error-v2-3-server-backup");
        HexFixture.assertBytesEqual(message("resp-error-v2-3-server-backup"), cnriFrame(withHeaderOf(backup, ours)),
                "CNRI RC 7 at 2.3");
        assertThat(cnriDecode(message("resp-error-v2-3-server-backup")).responseCode).isEqualTo(7);
        assertThat(ours.responseCode().code()).isEqualTo(7);
        net.handle.hdllib.ErrorResponse invalid = new net.handle.hdllib.ErrorResponse(102, 202,
                b("index must be positive"));
        Message oursInvalid = decode("resp-error-v2-3-invalid-value");
        withHeaderOf(invalid, oursInvalid).responseCode = 202;
        HexFixture.assertBytesEqual(message("resp-error-v2-3-invalid-value"), cnriFrame(invalid), "CNRI RC 202 at 2.3");
    }

    @Test
    void challengeResponses() throws Exception {
        net.handle.hdllib.ChallengeResponse create = new net.handle.hdllib.ChallengeResponse(100,
                range(0xF0, 0x100).toByteArray());
        AbstractMessage c = assertCnriAgrees(create, "resp-challenge-create");
        assertThat(((net.handle.hdllib.ChallengeResponse) c).nonce).isEqualTo(range(0xF0, 0x100).toByteArray());
        // the IDIS login challenge (opcode 2001): CNRI decodes challenges whatever the opcode
        net.handle.hdllib.ChallengeResponse login = new net.handle.hdllib.ChallengeResponse(2001,
                range(0xE0, 0xF0).toByteArray());
        assertCnriAgrees(login, "resp-challenge-login");
    }

    @Test
    void createHandleRequest() throws Exception {
        net.handle.hdllib.HandleValue admin = new net.handle.hdllib.HandleValue(100, b("HS_ADMIN"),
                Encoder.encodeAdminRecord(cnriAdmin("0.NA/88.123.4567", 300, 0x0FF2)));
        net.handle.hdllib.HandleValue url = new net.handle.hdllib.HandleValue(1, b("URL"), b("https://example.cn/p/abc"));
        for (net.handle.hdllib.HandleValue v : List.of(admin, url)) {
            v.setTimestamp(0); // CNRI stamps values when they are created; clients send whatever they hold
        }
        AbstractMessage c = assertCnriAgrees(new net.handle.hdllib.CreateHandleRequest(b("88.123.4567/abc"),
                new net.handle.hdllib.HandleValue[] {admin, url}, null), "req-create-handle");
        net.handle.hdllib.CreateHandleRequest theirs = (net.handle.hdllib.CreateHandleRequest) c;
        List<HandleValue> ours = ((CreateHandleRequest) decode("req-create-handle").body()).values().decode();
        assertSameValue(theirs.values[0], ours.get(0));
        assertSameValue(theirs.values[1], ours.get(1));
        // CNRI's defaults for new values are ours: relative TTL 86400, permissions 1110
        assertThat(ours.get(1)).isEqualTo(HandleValue.text(1, "URL", "https://example.cn/p/abc"));
    }

    @Test
    void createHandleResponses() throws Exception {
        assertCnriAgrees(new net.handle.hdllib.CreateHandleResponse(
                b("88.123.4567/3f1c2b7e-9d4a-4c61-8e55-0a1b2c3d4e5f")), "resp-create-handle");
        net.handle.hdllib.CreateHandleResponse empty = (net.handle.hdllib.CreateHandleResponse) assertCnriAgrees(
                new net.handle.hdllib.CreateHandleResponse(null), "resp-create-handle-empty");
        assertThat(empty.handle).isNull();
    }

    /** CNRI clients send 2 slack bytes in SESSION_SETUP; the fixture with slack is byte-for-byte CNRI's encoding. */
    @Test
    void sessionSetupRequestDiffieHellman() throws Exception {
        net.handle.hdllib.SessionSetupRequest setup = new net.handle.hdllib.SessionSetupRequest();
        setup.keyExchangeMode = 4;
        setup.timeout = 86_400;
        setup.identityHandle = b("88.123.4567/admin");
        setup.identityIndex = 300;
        setup.publicKey = dhBlob().toByteArray();
        AbstractMessage c = assertCnriAgrees(setup, "req-session-setup-dh-cnri-slack");
        net.handle.hdllib.SessionSetupRequest theirs = (net.handle.hdllib.SessionSetupRequest) c;
        SessionSetupRequest ours = (SessionSetupRequest) decode("req-session-setup-dh-cnri-slack").body();
        assertThat(theirs.keyExchangeMode).isEqualTo(ours.keyExchangeMode());
        assertThat(theirs.timeout).isEqualTo(ours.timeout());
        assertThat(theirs.identityHandle).isEqualTo(ours.identityHandle().toByteArray());
        assertThat(theirs.identityIndex).isEqualTo(ours.identityIndex());
        assertThat(theirs.publicKey).isEqualTo(ours.exchangeKey().toByteArray());
        // our canonical re-encoding (no slack) is just as readable for CNRI
        net.handle.hdllib.SessionSetupRequest canonical =
                (net.handle.hdllib.SessionSetupRequest) cnriDecode(message("req-session-setup-dh"));
        assertThat(canonical.publicKey).isEqualTo(theirs.publicKey);
        // modes 1 and 3 too
        net.handle.hdllib.SessionSetupRequest hdl =
                (net.handle.hdllib.SessionSetupRequest) cnriDecode(message("req-session-setup-cipher-hdl"));
        assertThat(s(hdl.exchangeKeyHandle)).isEqualTo("88.888.1024/sm2user1");
        assertThat(hdl.exchangeKeyIndex).isEqualTo(300);
        assertThat(hdl.identityIndex).isEqualTo(-1);
    }

    @Test
    void sessionSetupResponseWithSlack() throws Exception {
        byte[] data = new WireWriter().writeInt(3).writeRaw(dhBlob()).toByteArray();
        assertCnriAgrees(new net.handle.hdllib.SessionSetupResponse(4, data), "resp-session-setup");
    }

    /** Our HS_MAC fixture verifies with CNRI's own MAC code, and CNRI's signing produces the fixture's bytes. */
    @Test
    void hsMacCredential() throws Exception {
        byte[] key = range(1, 33).toByteArray();
        AbstractMessage theirs = cnriDecode(message("req-session-terminate-hs-mac"));
        assertThat(theirs.signatureIsMac()).isTrue();
        assertThat(theirs.verifyMessage(key)).isTrue();
        Message ours = decode("req-session-terminate-hs-mac");
        net.handle.hdllib.GenericRequest terminate = new net.handle.hdllib.GenericRequest(b("/"), 401, null);
        withHeaderOf(terminate, ours).sessionCounter = 5;
        terminate.signMessage(key);
        HexFixture.assertBytesEqual(message("req-session-terminate-hs-mac"), cnriFrame(terminate), "CNRI HS_MAC");
        // a message whose body was altered no longer verifies: CNRI MACs exactly our header+body bytes
        byte[] tampered = message("req-session-terminate-hs-mac");
        tampered[20 + 24 + 4] ^= 1;
        assertThat(cnriDecode(tampered).verifyMessage(key)).isFalse();
    }

    /** Whatever we encode, CNRI's decoder reads with the same header fields (except the IDIS-only opcodes). */
    @Test
    void cnriDecodesEveryGoldenMessage() throws Exception {
        Set<String> idisOnly = Set.of("req-login-id-system", "resp-login-success", "req-unknown-opcode",
                "resp-error-idis-601",
                "resp-error-idis-602", "resp-error-idis-603", "resp-error-idis-604", "resp-error-idis-605");
        List<String> checked = new ArrayList<>();
        for (String name : Fixtures.messageNames()) {
            if (idisOnly.contains(name)) {
                continue;
            }
            Message ours = decode(name);
            byte[] reencoded = MessageCodec.encode(ours);
            AbstractMessage theirs = cnriDecode(reencoded);
            assertSameHeader(theirs, MessageCodec.decode(reencoded));
            if (ours.credential().isPresent()) {
                byte[] section = Arrays.copyOfRange(reencoded, 20 + 24 + ours.header().bodyLength() + 4,
                        reencoded.length);
                assertThat(theirs.signature).as(name + " credential").isEqualTo(section);
            }
            checked.add(name);
        }
        assertThat(checked).hasSizeGreaterThan(40);
    }

    /**
     * What CNRI cannot read: opcode 2001 and unknown opcodes (it throws) — we keep them (RC 5 / IDIS login). Its
     * challenge and error answers under 2001 are generic and readable; the RC 1 answer is not.
     */
    @Test
    void cnriRejectsIdisOnlyOpcodes() {
        for (String name : List.of("req-login-id-system", "resp-login-success", "req-unknown-opcode")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> cnriDecode(message(name)))
                    .isInstanceOf(net.handle.hdllib.HandleException.class).hasMessageContaining("Unknown opCode");
            assertThat(decode(name).opCode().code()).isIn(2001, 999);
        }
    }

    /**
     * CNRI's decoder does not know 601–605 (handle-protocol.md §3, idis-extensions.md §9): it throws — which is why
     * the server sends them to IDIS clients only and maps them (RC 2 / RC 301) for everyone else.
     */
    @Test
    void cnriRejectsIdisOnlyResponseCodes() throws Exception {
        for (int rc = 601; rc <= 605; rc++) {
            String name = "resp-error-idis-" + rc;
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> cnriDecode(message(name)))
                    .isInstanceOf(net.handle.hdllib.HandleException.class)
                    .hasMessageContaining("Unknown responseCode: " + rc);
            assertThat(decode(name).responseCode().isIdisOnly()).isTrue();
        }
    }
}
