package cn.idnode.protocol;

import static cn.idnode.protocol.Fixtures.decode;
import static cn.idnode.protocol.Fixtures.message;
import static cn.idnode.protocol.GoldenRequestsTest.dhBlob;
import static cn.idnode.protocol.GoldenRequestsTest.range;
import static cn.idnode.protocol.GoldenRequestsTest.roundTrip;
import static cn.idnode.protocol.GoldenRequestsTest.u;
import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.testing.HexFixture;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Golden response fixtures: decoded fields, exact re-encoding, RC downgrades and the RD-flag rule. */
class GoldenResponsesTest {
    static final int FIXTURE_TIME = 1_714_550_400;
    static final int AT_REC = OpFlags.AUTHORITATIVE | OpFlags.RECURSIVE;
    static final int AT_REC_CA_PO = AT_REC | OpFlags.CACHE_CERTIFY | OpFlags.PUBLIC_ONLY;

    static void assertResponseHeader(Message m, int opCode, ResponseCode rc, int flags, int requestId) {
        assertThat(m.isRequest()).isFalse();
        assertThat(m.opCode()).isEqualTo(OpCode.of(opCode));
        assertThat(m.responseCode()).isEqualTo(rc);
        assertThat(m.header().opFlags()).isEqualTo(flags);
        assertThat(m.header().siteInfoSerial()).isEqualTo(3);
        assertThat(m.header().recursionCount()).isZero();
        assertThat(m.header().expirationTime()).isEqualTo(GoldenRequestsTest.EXPIRATION);
        assertThat(m.requestId()).isEqualTo(requestId);
        assertThat(m.digest().isPresent()).isEqualTo((flags & OpFlags.RETURN_REQUEST_DIGEST) != 0);
        if (m.envelope().version().equals(ProtocolVersion.V2_11)) {
            assertThat(m.envelope().suggestedVersion()).isEqualTo(ProtocolVersion.V2_11);
        }
    }

    /** The SHA-256 digest of a request fixture, as the response to it carries it. */
    static RequestDigest digestOf(String requestFixture) {
        return RequestDigest.compute(RequestDigest.SHA256, decode(requestFixture).headerAndBody());
    }

    static HandleValue stamped(HandleValue v) {
        return v.withTimestamp(FIXTURE_TIME);
    }

    @Test
    void resolutionWithSeveralValueKinds() throws Exception {
        Message m = roundTrip("resp-resolution");
        assertResponseHeader(m, 1, ResponseCode.SUCCESS, AT_REC_CA_PO, 1235);
        assertThat(m.sessionId()).isZero();
        ResolutionResponse r = (ResolutionResponse) m.body();
        assertThat(r.handle()).isEqualTo(u("88.123.4567/abc"));
        assertThat(r.values().count()).isEqualTo(5);
        List<HandleValue> v = r.values().decode();
        assertThat(v.get(0)).isEqualTo(stamped(HandleValue.text(1, "URL", "https://example.cn/p/abc")));
        assertThat(v.get(1)).isEqualTo(stamped(HandleValue.text(2, "EMAIL", "ops@example.cn"))
                .withReferences(List.of(ValueReference.of(1, "88.123.4567/contact"))));
        assertThat(v.get(2).index()).isEqualTo(3);
        assertThat(v.get(2).type()).isEqualTo(ValueTypes.HS_SITE);
        assertThat(SiteInfo.decode(v.get(2).data())).isEqualTo(GoldenValuesTest.primarySite());
        assertThat(v.get(3).type()).isEqualTo(ValueTypes.HS_ADMIN);
        assertThat(AdminValue.decode(v.get(3).data()))
                .isEqualTo(AdminValue.of(0x0FF2, ValueReference.of(300, "0.NA/88.123.4567")));
        assertThat(v.get(4).index()).isEqualTo(200);
        assertThat(v.get(4).permissions()).isEqualTo(ValuePermissions.SECRET);
        assertThat(ValueList.decode(v.get(4).data()).members())
                .containsExactly(ValueReference.of(300, "88.111.1/user"), ValueReference.of(300, "88.123.4567/admin"));
        // the fast paths over the encoded form see the same values
        assertThat(r.values().select(view -> ValuePermissions.publicRead(view.permissions())).count()).isEqualTo(4);
        assertThat(r.values().anyMatch(view -> view.typeMatches(u("hs_site")))).isTrue();
        assertThat(r.values()).isEqualTo(EncodedValues.of(v));
    }

    @Test
    void resolutionWithDigest() {
        Message m = roundTrip("resp-resolution-digest");
        assertResponseHeader(m, 1, ResponseCode.SUCCESS, AT_REC_CA_PO | OpFlags.RETURN_REQUEST_DIGEST, 8);
        assertThat(m.digest()).contains(digestOf("req-resolution-idis-empty-token"));
        ResolutionResponse r = (ResolutionResponse) m.body();
        assertThat(r.values().decode()).containsExactly(stamped(HandleValue.text(1, "URL", "https://example.cn/p/abc")));
    }

    @Test
    void siteInfo() {
        Message m = roundTrip("resp-site-info");
        assertResponseHeader(m, 2, ResponseCode.SUCCESS, AT_REC_CA_PO, 1);
        assertThat(m.sessionId()).isEqualTo(10001);
        assertThat(m.body()).isEqualTo(new SiteInfoResponse(GoldenValuesTest.primarySite()));
    }

    @Test
    void createHandleWithMintedHandle() {
        Message m = roundTrip("resp-create-handle");
        assertResponseHeader(m, 100, ResponseCode.SUCCESS,
                AT_REC | OpFlags.RETURN_REQUEST_DIGEST | OpFlags.MINT_NEW_SUFFIX, 1236);
        assertThat(m.digest()).contains(digestOf("req-create-handle"));
        assertThat(m.body()).isEqualTo(new CreateHandleResponse(
                Optional.of(u("88.123.4567/3f1c2b7e-9d4a-4c61-8e55-0a1b2c3d4e5f"))));
    }

    @Test
    void createHandleWithEmptyBody() {
        Message m = roundTrip("resp-create-handle-empty");
        assertResponseHeader(m, 100, ResponseCode.SUCCESS, AT_REC, 1236);
        assertThat(m.header().bodyLength()).isZero();
        assertThat(m.body()).isEqualTo(new CreateHandleResponse(Optional.empty()));
    }

    @Test
    void genericWithAndWithoutDigest() {
        Message plain = roundTrip("resp-generic");
        assertResponseHeader(plain, 102, ResponseCode.SUCCESS, AT_REC | OpFlags.OVERWRITE, 1238);
        assertThat(plain.body()).isEqualTo(GenericResponse.INSTANCE);
        Message digested = roundTrip("resp-generic-digest");
        assertResponseHeader(digested, 101, ResponseCode.SUCCESS, AT_REC | OpFlags.RETURN_REQUEST_DIGEST, 1237);
        assertThat(digested.digest()).contains(digestOf("req-delete-handle"));
        assertThat(digested.header().bodyLength()).isEqualTo(33);
        assertThat(digested.body()).isEqualTo(GenericResponse.INSTANCE);
    }

    @Test
    void listHandlesContinuedAndListHomedPrefixesLast() {
        Message m = roundTrip("resp-list-handles");
        assertResponseHeader(m, 105, ResponseCode.SUCCESS, AT_REC | OpFlags.CONTINUOUS, 1241);
        assertThat(m.has(OpFlags.CONTINUOUS)).isTrue();
        assertThat(m.body()).isEqualTo(new ListHandlesResponse(
                List.of(u("88.123.4567/A"), u("88.123.4567/B"), u("88.123.4567/C"))));
        Message last = roundTrip("resp-list-homed-prefixes");
        assertResponseHeader(last, 302, ResponseCode.SUCCESS, AT_REC, 1245);
        assertThat(last.has(OpFlags.CONTINUOUS)).isFalse();
        assertThat(last.body()).isEqualTo(new ListHandlesResponse(List.of(u("0.NA/88.123.4567"), u("0.NA/88.123.4568"))));
    }

    @Test
    void verifyChallengeCertified() throws Exception {
        Message m = roundTrip("resp-verify-challenge");
        assertResponseHeader(m, 201, ResponseCode.SUCCESS, AT_REC | OpFlags.CERTIFY | OpFlags.RETURN_REQUEST_DIGEST,
                1242);
        assertThat(m.digest()).contains(digestOf("req-verify-challenge"));
        assertThat(m.body()).isEqualTo(new VerifyChallengeResponse(true));
        Credential c = m.credential().orElseThrow();
        assertThat(c.type()).isEqualTo(Credential.HS_SIGNED);
        assertThat(c.signerIndex()).isZero();
        assertThat(c.algorithm()).isEqualTo(u("SHA-256"));
        assertThat(c.signature()).isEqualTo(range(0x10, 0x50));
        assertThat(c).isEqualTo(Credential.of(Credential.HS_SIGNED, 0, u("SHA-256"), range(0x10, 0x50)));
    }

    @Test
    void sessionSetupWithCnriSlack() {
        Message m = roundTrip("resp-session-setup");
        assertResponseHeader(m, 400, ResponseCode.SUCCESS, AT_REC | OpFlags.RETURN_REQUEST_DIGEST, 1248);
        assertThat(m.sessionId()).isEqualTo(0x40000003);
        // the digest covers the request as received, slack bytes included (§6.2)
        assertThat(m.digest()).contains(digestOf("req-session-setup-dh-cnri-slack"));
        assertThat(m.digest()).isNotEqualTo(Optional.of(digestOf("req-session-setup-dh")));
        ByteString data = new WireWriter().writeInt(3).writeRaw(dhBlob()).toByteString();
        assertThat(m.body()).isEqualTo(new SessionSetupResponse(SessionSetupRequest.DIFFIE_HELLMAN, data, true));
    }

    @Test
    void sessionSetupWithoutSlack() {
        Message m = roundTrip("resp-session-setup-no-slack");
        assertResponseHeader(m, 400, ResponseCode.SUCCESS, AT_REC, 4);
        assertThat(m.body()).isEqualTo(new SessionSetupResponse(SessionSetupRequest.CIPHER_HDL, range(0x20, 0x60), false));
    }

    @Test
    void errors() {
        Message notFound = roundTrip("resp-error");
        assertResponseHeader(notFound, 1, ResponseCode.HANDLE_NOT_FOUND, AT_REC_CA_PO, 1234);
        assertThat(notFound.body()).isEqualTo(ErrorResponse.of("handle not found"));
        Message empty = roundTrip("resp-error-empty");
        assertResponseHeader(empty, 100, ResponseCode.INVALID_ADMIN, AT_REC, 1236);
        assertThat(empty.body()).isEqualTo(new ErrorResponse(ByteString.EMPTY));
        assertThat(empty.header().bodyLength()).isEqualTo(4);
        Message digested = roundTrip("resp-error-digest");
        assertResponseHeader(digested, 2001, ResponseCode.AUTHENTICATION_FAILED,
                OpFlags.RECURSIVE | OpFlags.RETURN_REQUEST_DIGEST, 3);
        assertThat(digested.digest()).contains(digestOf("req-login-id-system"));
        assertThat(digested.body()).isEqualTo(ErrorResponse.of("signature verification failed"));
    }

    @Test
    void idisLoginChallenge() {
        Message m = roundTrip("resp-challenge-login");
        assertResponseHeader(m, 2001, ResponseCode.AUTHENTICATION_NEEDED,
                OpFlags.RECURSIVE | OpFlags.RETURN_REQUEST_DIGEST, 2);
        assertThat(m.sessionId()).isEqualTo(10001);
        RequestDigest d = m.digest().orElseThrow();
        assertThat(d.algorithm()).isEqualTo(RequestDigest.SHA256);
        assertThat(d.digest().hex()).isEqualTo("407d190986661083a2204a678a2e12aaa5d94d3fcbb1312a43819f3de3e1594c");
        assertThat(m.body()).isEqualTo(new ChallengeResponse(range(0xE0, 0xF0)));
        assertThat(((ChallengeResponse) m.body()).nonce().length()).isEqualTo(Limits.NONCE_SIZE);
    }

    /** idis-extensions.md §5.5: RC 1 under opcode 2001, RD and the 2001 digest, nothing else. */
    @Test
    void idisLoginSuccess() {
        Message m = roundTrip("resp-login-success");
        assertResponseHeader(m, 2001, ResponseCode.SUCCESS, AT_REC | OpFlags.RETURN_REQUEST_DIGEST, 3);
        assertThat(m.sessionId()).isEqualTo(10001);
        assertThat(m.digest()).contains(digestOf("req-login-id-system"));
        assertThat(m.header().bodyLength()).isEqualTo(33);
        assertThat(m.body()).isEqualTo(GenericResponse.INSTANCE);
        // it answers the OC 200 of req-challenge-answer-sm2: same request id and session
        Message answer = decode("req-challenge-answer-sm2");
        assertThat(m.requestId()).isEqualTo(answer.requestId());
        assertThat(m.sessionId()).isEqualTo(answer.sessionId());
    }

    /** idis-extensions.md §9: the IDIS-only codes, each with the standard error body. */
    @Test
    void idisOnlyErrors() {
        record Expected(ResponseCode rc, int opCode, int requestId, String message) {}
        List<Expected> all = List.of(
                new Expected(ResponseCode.IDIS_CHANNEL_ERROR, 1, 11, "upstream node 36.112.25.8:3641 could not be reached"),
                new Expected(ResponseCode.IDIS_TIME_OUT, 1, 12, "upstream node timed out after 3000 ms"),
                new Expected(ResponseCode.IDIS_REQUEST_LIMIT_DAILY, 1, 13,
                        "prefix 88.888.1 has used its daily quota of 3 resolutions"),
                new Expected(ResponseCode.IDIS_REGISTER_COUNT_LIMIT, 100, 14,
                        "prefix 88.888.3 has reached its limit of 2 identifiers"),
                new Expected(ResponseCode.IDIS_PREFIX_LIMIT, 1, 15, "prefix 88.888.2 is suspended at this node"));
        for (Expected e : all) {
            Message m = roundTrip("resp-error-idis-" + e.rc().code());
            assertResponseHeader(m, e.opCode(), e.rc(), AT_REC_CA_PO, e.requestId());
            assertThat(m.responseCode().isIdisOnly()).isTrue();
            assertThat(m.sessionId()).isEqualTo(10001);
            assertThat(m.body()).isEqualTo(ErrorResponse.of(e.message()));
        }
    }

    /** idis-extensions.md §11.1 step 4: the mode-3 answer keeps the client's session id; data is C1 ‖ C3 ‖ C2. */
    @Test
    void sessionSetupForAnSm2Identity() {
        Message m = roundTrip("resp-session-setup-sm2");
        assertResponseHeader(m, 400, ResponseCode.SUCCESS, AT_REC | OpFlags.RETURN_REQUEST_DIGEST, 4);
        assertThat(m.sessionId()).isEqualTo(decode("req-session-setup-cipher-hdl").sessionId()).isEqualTo(10001);
        assertThat(m.digest()).contains(digestOf("req-session-setup-cipher-hdl"));
        SessionSetupResponse r = (SessionSetupResponse) m.body();
        assertThat(r.keyExchangeMode()).isEqualTo(SessionSetupRequest.CIPHER_HDL);
        assertThat(r.data().length()).isEqualTo(65 + 32 + 20);
        assertThat(r.data().byteAt(0)).isEqualTo((byte) 0x04);
        assertThat(m.body()).isEqualTo(new SessionSetupResponse(SessionSetupRequest.CIPHER_HDL, r.data(), true));
    }

    @Test
    void createChallenge() {
        Message m = roundTrip("resp-challenge-create");
        assertResponseHeader(m, 100, ResponseCode.AUTHENTICATION_NEEDED, AT_REC | OpFlags.RETURN_REQUEST_DIGEST, 1236);
        assertThat(m.sessionId()).isEqualTo(0x40000004);
        assertThat(m.digest()).contains(digestOf("req-create-handle"));
        assertThat(m.body()).isEqualTo(new ChallengeResponse(range(0xF0, 0x100)));
    }

    @Test
    void prefixReferral() throws Exception {
        Message m = roundTrip("resp-referral-303");
        assertResponseHeader(m, 1, ResponseCode.PREFIX_REFERRAL, AT_REC_CA_PO, 1234);
        ReferralResponse r = (ReferralResponse) m.body();
        assertThat(r.handle()).isEqualTo(ByteString.EMPTY);
        List<HandleValue> v = r.values().orElseThrow().decode();
        assertThat(v).hasSize(2);
        assertThat(v.get(0).type()).isEqualTo(ValueTypes.HS_SITE_PREFIX);
        SiteInfo s = SiteInfo.decode(v.get(0).data());
        assertThat(s.serialNumber()).isEqualTo(7);
        assertThat(s.servers().get(0).inetAddress().getHostAddress()).isEqualTo("198.51.100.7");
        assertThat(s.servers().get(0).interfaces()).containsExactly(new SiteInfo.Interface(3, 1, 2641));
        assertThat(v.get(1)).isEqualTo(stamped(HandleValue.text(2, "HS_SERV.PREFIX", "0.NA/88.123")));
    }

    @Test
    void serviceReferralWithAndWithoutValues() {
        Message m = roundTrip("resp-referral-302");
        assertResponseHeader(m, 1, ResponseCode.SERVICE_REFERRAL, AT_REC_CA_PO, 1235);
        ReferralResponse r = (ReferralResponse) m.body();
        assertThat(r.handle()).isEqualTo(u("88.123.4567/abc"));
        assertThat(Fixtures.only(r.values())).isEqualTo(stamped(HandleValue.text(1, "HS_SERV", "0.NA/88.123.9999")));
        Message bare = roundTrip("resp-referral-302-no-values");
        assertThat(bare.body()).isEqualTo(new ReferralResponse(u("88.123.4567/abc"), Optional.empty()));
    }

    // ---------------------------------------------------------------- RC downgrades (§3) and the RD rule (§4.1)

    static Message build(ProtocolVersion v, int op, ResponseCode rc, int flags, int requestId,
                         Optional<RequestDigest> digest, MessageBody body) {
        Envelope e = new Envelope(v, ProtocolVersion.V2_11, 0, 0, requestId, 0, 0);
        Header h = new Header(OpCode.of(op), rc, flags, 3, 0, GoldenRequestsTest.EXPIRATION, 0);
        return Message.outbound(e, h, digest, body);
    }

    @Test
    void serverBackupIsWrittenAs303ForVersion2Point3AndReadBackAs7() {
        Message m = roundTrip("resp-error-v2-3-server-backup");
        assertThat(m.envelope().version()).isEqualTo(ProtocolVersion.V2_3);
        assertThat(WireReader.getInt(message("resp-error-v2-3-server-backup"), 24)).isEqualTo(303);
        assertThat(m.responseCode()).isEqualTo(ResponseCode.SERVER_BACKUP);
        assertThat(m.body()).isEqualTo(ErrorResponse.of("storage is read-only"));
        byte[] built = MessageCodec.encode(build(ProtocolVersion.V2_3, 102, ResponseCode.SERVER_BACKUP, AT_REC, 1234,
                Optional.empty(), ErrorResponse.of("storage is read-only")));
        HexFixture.assertBytesEqual(message("resp-error-v2-3-server-backup"), built, "RC 7 at 2.3");
    }

    @Test
    void invalidValueIsWrittenAs201ForVersion2Point3() {
        Message m = roundTrip("resp-error-v2-3-invalid-value");
        assertThat(m.responseCode()).isEqualTo(ResponseCode.VALUE_ALREADY_EXISTS); // 201 is ambiguous below 2.5
        byte[] built = MessageCodec.encode(build(ProtocolVersion.V2_3, 102, ResponseCode.INVALID_VALUE, AT_REC, 1238,
                Optional.empty(), ErrorResponse.of("index must be positive")));
        HexFixture.assertBytesEqual(message("resp-error-v2-3-invalid-value"), built, "RC 202 at 2.3");
    }

    @Test
    void noDowngradeFromVersion2Point5() throws ProtocolException {
        for (ProtocolVersion v : List.of(ProtocolVersion.V2_5, ProtocolVersion.V2_10, ProtocolVersion.V2_11)) {
            for (ResponseCode rc : List.of(ResponseCode.SERVER_BACKUP, ResponseCode.INVALID_VALUE,
                    ResponseCode.PREFIX_REFERRAL, ResponseCode.VALUE_ALREADY_EXISTS)) {
                MessageBody body = rc.equals(ResponseCode.PREFIX_REFERRAL)
                        ? new ReferralResponse(ByteString.EMPTY, Optional.empty()) : ErrorResponse.of("x");
                byte[] b = MessageCodec.encode(build(v, 1, rc, 0, 1, Optional.empty(), body));
                assertThat(WireReader.getInt(b, 24)).as(rc + " at " + v).isEqualTo(rc.code());
                assertThat(MessageCodec.decode(b).responseCode()).isEqualTo(rc);
            }
        }
        // below 2.5 a 303 means 7 (CNRI reads it as an error), from 2.5 it is a prefix referral
        byte[] old = MessageCodec.encode(build(ProtocolVersion.V2_4, 1, ResponseCode.SERVER_BACKUP, 0, 1,
                Optional.empty(), ErrorResponse.of("x")));
        assertThat(WireReader.getInt(old, 24)).isEqualTo(303);
        assertThat(MessageCodec.decode(old).responseCode()).isEqualTo(ResponseCode.SERVER_BACKUP);
    }

    @Test
    void rdFlagIsSetExactlyWhenADigestIsPresent() {
        // digest given, RD not asked for in the header: RD is set
        Message withDigest = build(ProtocolVersion.V2_11, 101, ResponseCode.SUCCESS, AT_REC, 1237,
                Optional.of(digestOf("req-delete-handle")), GenericResponse.INSTANCE);
        HexFixture.assertBytesEqual(message("resp-generic-digest"), MessageCodec.encode(withDigest), "RD added");
        // RD in the header but no digest: RD is cleared (a client would otherwise read a digest that is not there)
        Message withoutDigest = build(ProtocolVersion.V2_11, 102, ResponseCode.SUCCESS,
                AT_REC | OpFlags.OVERWRITE | OpFlags.RETURN_REQUEST_DIGEST, 1238, Optional.empty(),
                GenericResponse.INSTANCE);
        HexFixture.assertBytesEqual(message("resp-generic"), MessageCodec.encode(withoutDigest), "RD cleared");
        // requests never carry a digest, and RD in a request is just the client's wish
        Message request = decode("req-delete-handle");
        assertThat(request.has(OpFlags.RETURN_REQUEST_DIGEST)).isTrue();
        assertThat(request.digest()).isEmpty();
    }
}
