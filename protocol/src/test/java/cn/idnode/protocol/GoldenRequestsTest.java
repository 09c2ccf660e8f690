package cn.idnode.protocol;

import static cn.idnode.protocol.Fixtures.decode;
import static cn.idnode.protocol.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.testing.HexFixture;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Golden request fixtures (STYLE.md §5): each fixture decodes to the fields written in its comments, and re-encoding
 * the decoded message gives the fixture back byte for byte (or, where a client sends a non-canonical form, the
 * canonical fixture named in the test).
 */
class GoldenRequestsTest {
    static final ProtocolVersion V2_3 = ProtocolVersion.V2_3;
    static final int EXPIRATION = 0x66000000;

    static ByteString u(String s) {
        return ByteString.utf8(s);
    }

    static ByteString range(int from, int toExclusive) {
        byte[] b = new byte[toExclusive - from];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (from + i);
        }
        return ByteString.wrap(b);
    }

    /** Decodes, checks the exact re-encoding and returns the message. */
    static Message roundTrip(String name) {
        Message m = decode(name);
        HexFixture.assertBytesEqual(message(name), MessageCodec.encode(m), name + " re-encoded");
        return m;
    }

    static void assertRequestHeader(Message m, int opCode, int flags, int requestId) {
        assertThat(m.isRequest()).isTrue();
        assertThat(m.opCode()).isEqualTo(OpCode.of(opCode));
        assertThat(m.header().opFlags()).isEqualTo(flags);
        assertThat(m.header().siteInfoSerial()).isEqualTo(-1);
        assertThat(m.header().recursionCount()).isZero();
        assertThat(m.header().expirationTime()).isEqualTo(EXPIRATION);
        assertThat(m.requestId()).isEqualTo(requestId);
        assertThat(m.digest()).isEmpty();
    }

    static void assertCnriEnvelope(Message m) {
        assertThat(m.envelope().version()).isEqualTo(V2_3);
        assertThat(m.envelope().suggestedVersion()).isEqualTo(ProtocolVersion.V2_11);
        assertThat(m.envelope().flags()).isZero();
        assertThat(m.envelope().messageId()).isZero();
    }

    @Test
    void resolutionAsCnriResolverSendsIt() {
        Message m = roundTrip("req-resolution-plain");
        assertCnriEnvelope(m);
        assertThat(m.sessionId()).isZero();
        assertThat(m.envelope().messageLength()).isEqualTo(24 + 28 + 4);
        assertRequestHeader(m, 1, OpFlags.RECURSIVE | OpFlags.CACHE_CERTIFY | OpFlags.PUBLIC_ONLY, 1234);
        assertThat(m.header().bodyLength()).isEqualTo(28);
        assertThat(m.body()).isEqualTo(
                new ResolutionRequest(u("20.500.12345/abc"), List.of(), List.of(), Optional.empty()));
        assertThat(m.credential()).isEmpty();
    }

    @Test
    void resolutionWithFilters() {
        Message m = roundTrip("req-resolution-filters");
        assertRequestHeader(m, 1, 0x19000000, 1235);
        ResolutionRequest r = (ResolutionRequest) m.body();
        assertThat(r.handle()).isEqualTo(u("88.123.4567/abc"));
        assertThat(r.requestedIndexes()).containsExactly(1, 100);
        assertThat(r.requestedTypes()).containsExactly(u("URL."), u("HS_ADMIN"));
        assertThat(r.token()).isEmpty();
    }

    @Test
    void resolutionWithIdisToken() {
        Message m = roundTrip("req-resolution-idis-token");
        assertThat(m.envelope().version()).isEqualTo(ProtocolVersion.V2_10);
        assertThat(m.envelope().suggestedVersion()).isEqualTo(ProtocolVersion.V2_11);
        assertRequestHeader(m, 1, 0x19000000 | OpFlags.IDIS_IDENTITY_TOKEN, 7);
        assertThat(m.has(OpFlags.IDIS_IDENTITY_TOKEN)).isTrue();
        assertThat(m.body()).isEqualTo(new ResolutionRequest(u("88.123.4567/abc"), List.of(), List.of(),
                Optional.of(u("eyJhbGciOiJSUzI1NiJ9.e30.c2ln"))));
    }

    @Test
    void resolutionWithEmptyIdisToken() {
        Message m = roundTrip("req-resolution-idis-empty-token");
        assertRequestHeader(m, 1, 0x19000000, 8);
        assertThat(((ResolutionRequest) m.body()).token()).contains(ByteString.EMPTY);
    }

    @Test
    void getSiteInfo() {
        Message m = roundTrip("req-get-site-info");
        assertThat(m.sessionId()).isEqualTo(10001);
        assertRequestHeader(m, 2, 0x19000000, 1);
        assertThat(m.body()).isEqualTo(GetSiteInfoRequest.SLASH);
    }

    @Test
    void createHandle() {
        Message m = roundTrip("req-create-handle");
        assertCnriEnvelope(m);
        assertRequestHeader(m, 100, OpFlags.RECURSIVE | OpFlags.RETURN_REQUEST_DIGEST, 1236);
        CreateHandleRequest r = (CreateHandleRequest) m.body();
        assertThat(r.handle()).isEqualTo(u("88.123.4567/abc"));
        List<HandleValue> values = r.values().decode();
        assertThat(values).hasSize(2);
        HandleValue admin = values.get(0);
        assertThat(admin.index()).isEqualTo(100);
        assertThat(admin.type()).isEqualTo(ValueTypes.HS_ADMIN);
        assertThat(admin.timestamp()).isZero();
        assertThat(admin.ttlType()).isEqualTo(HandleValue.TTL_RELATIVE);
        assertThat(admin.ttl()).isEqualTo(86_400);
        assertThat(admin.permissions()).isEqualTo(ValuePermissions.DEFAULT);
        assertThat(admin.references()).isEmpty();
        assertThat(decodeAdmin(admin.data())).isEqualTo(AdminValue.of(0x0FF2, ValueReference.of(300, "0.NA/88.123.4567")));
        assertThat(values.get(1)).isEqualTo(HandleValue.text(1, "URL", "https://example.cn/p/abc"));
    }

    static AdminValue decodeAdmin(ByteString data) {
        try {
            return AdminValue.decode(data);
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void deleteHandle() {
        Message m = roundTrip("req-delete-handle");
        assertRequestHeader(m, 101, 0x10800000, 1237);
        assertThat(m.body()).isEqualTo(new DeleteHandleRequest(u("88.123.4567/abc")));
    }

    @Test
    void addValueWithOverwrite() {
        Message m = roundTrip("req-add-value");
        assertRequestHeader(m, 102, OpFlags.RECURSIVE | OpFlags.RETURN_REQUEST_DIGEST | OpFlags.OVERWRITE, 1238);
        AddValueRequest r = (AddValueRequest) m.body();
        assertThat(r.handle()).isEqualTo(u("88.123.4567/abc"));
        assertThat(r.values().decode()).containsExactly(HandleValue.text(2, "EMAIL", "ops@example.cn"));
    }

    @Test
    void removeValue() {
        Message m = roundTrip("req-remove-value");
        assertRequestHeader(m, 103, 0x10800000, 1239);
        assertThat(m.body()).isEqualTo(new RemoveValueRequest(u("88.123.4567/abc"), List.of(2, 3)));
    }

    @Test
    void modifyValueWithAbsoluteTtl() {
        Message m = roundTrip("req-modify-value");
        assertRequestHeader(m, 104, 0x10800000, 1240);
        HandleValue v = ((ModifyValueRequest) m.body()).values().decode().get(0);
        assertThat(v).isEqualTo(HandleValue.text(1, "URL", "https://example.cn/q/abc")
                .withTtl(HandleValue.TTL_ABSOLUTE, 0x70000000).withPermissions(0x0F));
        assertThat(ValuePermissions.publicWrite(v.permissions())).isTrue();
    }

    @Test
    void listHandles() {
        Message m = roundTrip("req-list-handles");
        assertRequestHeader(m, 105, 0x10800000, 1241);
        assertThat(m.body()).isEqualTo(new ListHandlesRequest(u("0.NA/88.123.4567")));
    }

    @Test
    void challengeAnswerWithPublicKey() {
        Message m = roundTrip("req-challenge-answer-pubkey");
        assertRequestHeader(m, 200, 0x10800000, 3);
        assertThat(m.sessionId()).isEqualTo(10001);
        ChallengeAnswerRequest r = (ChallengeAnswerRequest) m.body();
        assertThat(r.authType()).isEqualTo(ChallengeAnswerRequest.HS_PUBKEY);
        assertThat(r.userIdHandle()).isEqualTo(u("88.888.1024/sm2user1"));
        assertThat(r.userIdIndex()).isEqualTo(300);
        WireWriter expected = new WireWriter().writeBytes(u("SHA-256")).writeBytes(range(0x40, 0x80));
        assertThat(r.signedResponse()).isEqualTo(expected.toByteString());
    }

    /** The OC 200 an SM2 identity sends to the login challenge (idis-extensions.md §5.4, §6.1): hash name "SM3". */
    @Test
    void challengeAnswerWithSm2Signature() {
        Message m = roundTrip("req-challenge-answer-sm2");
        assertThat(m.envelope().version()).isEqualTo(ProtocolVersion.V2_10);
        assertRequestHeader(m, 200, OpFlags.RECURSIVE | OpFlags.RETURN_REQUEST_DIGEST, 3);
        assertThat(m.sessionId()).isEqualTo(10001);
        ChallengeAnswerRequest r = (ChallengeAnswerRequest) m.body();
        assertThat(r.authType()).isEqualTo(ChallengeAnswerRequest.HS_PUBKEY);
        assertThat(r.userIdHandle()).isEqualTo(u("88.888.1024/sm2user1"));
        assertThat(r.userIdIndex()).isEqualTo(300);
        ByteString der = ByteString.fromHex("30440220212143cbf96a56894491cdba6ce800abdc39db0e106b7c8a32016ba78ac63075"
                + "02201e8227a3a817927e4f30aa4a1af38dc7fa641640f96ac183c8a4e5496fcd13ad");
        assertThat(r.signedResponse()).isEqualTo(new WireWriter().writeBytes(u("SM3")).writeBytes(der).toByteString());
        assertThat(m.credential()).isEmpty();
    }

    /**
     * An encrypted request (idis-extensions.md §11.2): only the envelope is clear — EC set, MessageLength the
     * ciphertext length, whole SM4 blocks with no IV prefix (60 plaintext bytes → 64). The codec does not decode the
     * ciphertext: the session layer decrypts it first (checked in crypto's GmVectorsTest and the server's IDIS tests).
     */
    @Test
    void encryptedRequestEnvelope() throws Exception {
        assertThat(Fixtures.encryptedMessageNames()).containsExactly("req-encrypted-sm4-resolution");
        byte[] frame = message("req-encrypted-sm4-resolution");
        Envelope e = Envelope.decode(frame, 0);
        assertThat(e.encrypted()).isTrue();
        assertThat(e.flags()).isEqualTo(Envelope.ENCRYPTED);
        assertThat(e.version()).isEqualTo(ProtocolVersion.V2_10);
        assertThat(e.suggestedVersion()).isEqualTo(ProtocolVersion.V2_11);
        assertThat(e.sessionId()).isEqualTo(10001);
        assertThat(e.requestId()).isEqualTo(5);
        assertThat(e.messageLength()).isEqualTo(frame.length - Limits.ENVELOPE_SIZE).isEqualTo(64);
        byte[] reencoded = new byte[Limits.ENVELOPE_SIZE];
        e.encodeTo(reencoded, 0);
        HexFixture.assertBytesEqual(java.util.Arrays.copyOf(frame, Limits.ENVELOPE_SIZE), reencoded, "envelope");
    }

    @Test
    void challengeAnswerWithSecretKey() {
        Message m = roundTrip("req-challenge-answer-seckey");
        assertRequestHeader(m, 200, 0x10800000, 9);
        assertThat(m.sessionId()).isEqualTo(0x40000001);
        ChallengeAnswerRequest r = (ChallengeAnswerRequest) m.body();
        assertThat(r.authType()).isEqualTo(ChallengeAnswerRequest.HS_SECKEY);
        assertThat(r.userIdHandle()).isEqualTo(u("88.123.4567/admin"));
        assertThat(r.userIdIndex()).isEqualTo(301);
        assertThat(r.signedResponse()).isEqualTo(pbkdf2Answer());
    }

    static ByteString pbkdf2Answer() {
        return new WireWriter().writeByte(0x22).writeBytes(range(0xA0, 0xB0)).writeInt(10_000).writeInt(160)
                .writeBytes(range(0x60, 0x74)).toByteString();
    }

    @Test
    void verifyChallengeWithLengthPrefixedDigest() {
        Message m = roundTrip("req-verify-challenge");
        assertRequestHeader(m, 201, OpFlags.CERTIFY | OpFlags.RECURSIVE | OpFlags.RETURN_REQUEST_DIGEST, 1242);
        assertThat(m.body()).isEqualTo(new VerifyChallengeRequest(u("88.123.4567/admin"), 301, range(0x30, 0x40), 0,
                range(0x80, 0xA0), pbkdf2Answer()));
    }

    @Test
    void verifyChallengeWithHashCodeDigest() {
        Message m = roundTrip("req-verify-challenge-hash-code");
        assertRequestHeader(m, 201, 0x50800000, 1243);
        assertThat(m.body()).isEqualTo(new VerifyChallengeRequest(u("88.123.4567/admin"), 301, range(0x30, 0x40),
                RequestDigest.SHA256, range(0x80, 0xA0), pbkdf2Answer()));
    }

    @Test
    void homeUnhomeAndListHomedPrefixes() {
        Message home = roundTrip("req-home-prefix");
        assertRequestHeader(home, 300, OpFlags.RECURSIVE, 5);
        assertThat(home.body()).isEqualTo(new HomePrefixRequest(u("88.123.4567")));
        Message unhome = roundTrip("req-unhome-prefix");
        assertRequestHeader(unhome, 301, 0x10800000, 1244);
        assertThat(unhome.body()).isEqualTo(new UnhomePrefixRequest(u("0.NA/88.123.4567")));
        Message list = roundTrip("req-list-homed-prefixes");
        assertRequestHeader(list, 302, 0x10800000, 1245);
        assertThat(list.body()).isEqualTo(new ListHomedPrefixesRequest(u("/")));
    }

    static ByteString rsaBlob() {
        return new WireWriter().writeBytes(u("RSA_PUB_KEY")).writeShort(0).writeBytes(new byte[] {1, 0, 1})
                .writeBytes(ByteString.wrap(new byte[] {0}).concat(range(0xC0, 0xE0))).toByteString();
    }

    static ByteString dhBlob() {
        byte[] p = new byte[17];
        java.util.Arrays.fill(p, 1, 17, (byte) 0xFF);
        return new WireWriter().writeBytes(u("DH_PUB_KEY")).writeShort(0).writeBytes(range(0x11, 0x21))
                .writeBytes(p).writeBytes(new byte[] {2}).toByteString();
    }

    @Test
    void sessionSetupCipherClient() {
        Message m = roundTrip("req-session-setup-cipher-client");
        assertRequestHeader(m, 400, 0x10800000, 1246);
        assertThat(m.body()).isEqualTo(new SessionSetupRequest(SessionSetupRequest.CIPHER_CLIENT, 86_400,
                u("88.123.4567/admin"), 300, rsaBlob(), ByteString.EMPTY, -1));
    }

    @Test
    void sessionSetupCipherServer() {
        Message m = roundTrip("req-session-setup-cipher-server");
        assertThat(m.body()).isEqualTo(new SessionSetupRequest(SessionSetupRequest.CIPHER_SERVER, 86_400,
                ByteString.EMPTY, -1, ByteString.EMPTY, ByteString.EMPTY, -1));
    }

    @Test
    void sessionSetupCipherHdlAsIdisSendsIt() {
        Message m = roundTrip("req-session-setup-cipher-hdl");
        assertThat(m.sessionId()).isEqualTo(10001);
        assertThat(m.body()).isEqualTo(new SessionSetupRequest(SessionSetupRequest.CIPHER_HDL, 86_400,
                ByteString.EMPTY, -1, ByteString.EMPTY, u("88.888.1024/sm2user1"), 300));
    }

    @Test
    void sessionSetupDiffieHellman() {
        Message m = roundTrip("req-session-setup-dh");
        assertThat(m.body()).isEqualTo(new SessionSetupRequest(SessionSetupRequest.DIFFIE_HELLMAN, 86_400,
                u("88.123.4567/admin"), 300, dhBlob(), ByteString.EMPTY, -1));
    }

    /** CNRI clients count the mode as 4 bytes: two zero bytes trail the body. They are read past and not re-emitted. */
    @Test
    void sessionSetupWithCnriSlackBytes() {
        Message slack = decode("req-session-setup-dh-cnri-slack");
        Message canonical = decode("req-session-setup-dh");
        assertThat(slack.header().bodyLength()).isEqualTo(canonical.header().bodyLength() + 2);
        assertThat(slack.body()).isEqualTo(canonical.body());
        // the slack is part of what the client digests (§6.2): header+body as received
        assertThat(slack.headerAndBody().length()).isEqualTo(canonical.headerAndBody().length() + 2);
        // re-encoding gives the canonical form
        HexFixture.assertBytesEqual(message("req-session-setup-dh"), MessageCodec.encode(slack), "canonical form");
    }

    @Test
    void sessionTerminateSignedWithHsMac() throws Exception {
        Message m = roundTrip("req-session-terminate-hs-mac");
        assertThat(m.envelope().version()).isEqualTo(ProtocolVersion.V2_11);
        assertThat(m.sessionId()).isEqualTo(0x40000001);
        assertThat(m.requestId()).isEqualTo(77);
        assertThat(m.body()).isEqualTo(new SessionTerminateRequest(u("/")));
        Credential c = m.credential().orElseThrow();
        assertThat(c.version()).isZero();
        assertThat(c.reserved()).isZero();
        assertThat(c.flags()).isZero();
        assertThat(c.signerHandle()).isEqualTo(ByteString.EMPTY);
        assertThat(c.signerIndex()).isEqualTo(5);
        assertThat(c.type()).isEqualTo(Credential.HS_MAC);
        assertThat(c.algorithm()).isEqualTo(u("HMAC-SHA256"));
        // the MAC in the fixture is real: recompute it over the decoded header+body (§14.4)
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(range(1, 33).toByteArray(), "HmacSHA256"));
        mac.update(new byte[] {2, 11, 2, 11});
        mac.update(ByteBuffer.allocate(12).putInt(m.sessionId()).putInt(m.requestId()).putInt(c.signerIndex()).array());
        mac.update(m.headerAndBody().toByteArray());
        assertThat(c.signature()).isEqualTo(ByteString.wrap(mac.doFinal()));
        assertThat(Credential.of(Credential.HS_MAC, 5, u("HMAC-SHA256"), c.signature())).isEqualTo(c);
    }

    @Test
    void sessionExchangeKey() {
        Message m = roundTrip("req-session-exchange-key");
        assertRequestHeader(m, 402, 0x10800000, 1249);
        assertThat(m.body()).isEqualTo(new SessionExchangeKeyRequest(range(0xD0, 0xF0)));
    }

    /** idis-extensions.md §5.2 byte for byte, with its published SHA-256. */
    @Test
    void idisLoginWorkedExample() {
        Message m = decode("req-login-id-system");
        assertThat(m.envelope()).isEqualTo(new Envelope(ProtocolVersion.V2_10, ProtocolVersion.V2_11, 0, 10001, 2, 0,
                52));
        assertThat(m.header()).isEqualTo(new Header(OpCode.LOGIN_ID_SYSTEM, ResponseCode.RESERVED, 0x10800000, -1, 0,
                EXPIRATION, 28));
        assertThat(m.body()).isEqualTo(new LoginIdSystemRequest(u("88.888.1024/sm2user1"), 300));
        assertThat(m.credential()).isEmpty();
        RequestDigest d = RequestDigest.compute(ProtocolVersion.V2_11, m.headerAndBody());
        assertThat(d.algorithm()).isEqualTo(RequestDigest.SHA256);
        assertThat(d.digest().hex()).isEqualTo("407d190986661083a2204a678a2e12aaa5d94d3fcbb1312a43819f3de3e1594c");
        // the client sends no credential length; re-encoding writes the canonical int4 0 (4 bytes more, same digest)
        byte[] fixture = message("req-login-id-system");
        byte[] reencoded = MessageCodec.encode(m);
        byte[] expected = java.util.Arrays.copyOf(fixture, fixture.length + 4);
        WireWriter.putInt(expected, 16, 56);
        HexFixture.assertBytesEqual(expected, reencoded, "canonical 2001");
        assertThat(MessageCodec.headerAndBody(java.util.Arrays.copyOfRange(reencoded, 20, reencoded.length)))
                .isEqualTo(m.headerAndBody());
    }

    @Test
    void unknownOpcodeIsKeptOpaque() {
        Message m = roundTrip("req-unknown-opcode");
        assertThat(m.opCode().code()).isEqualTo(999);
        assertThat(m.opCode().isKnown()).isFalse();
        assertThat(m.body()).isEqualTo(new OpaqueBody(ByteString.wrap(
                HexFormat.of().parseHex("00000003414243cafe"))));
    }
}
