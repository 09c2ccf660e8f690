package cn.idnode.server.idis;

import static cn.idnode.server.idis.IdisWireClient.AT;
import static cn.idnode.server.idis.IdisWireClient.CA;
import static cn.idnode.server.idis.IdisWireClient.OC_CHALLENGE_ANSWER;
import static cn.idnode.server.idis.IdisWireClient.OC_CREATE;
import static cn.idnode.server.idis.IdisWireClient.OC_DELETE;
import static cn.idnode.server.idis.IdisWireClient.OC_LOGIN;
import static cn.idnode.server.idis.IdisWireClient.PO;
import static cn.idnode.server.idis.IdisWireClient.RD;
import static cn.idnode.server.idis.IdisWireClient.REC;
import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.node.audit.AuditEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The IDIS login (idis-extensions.md §5) with every key encoding of §7 and both SM2 signature schemes of appendix
 * A7, then create / resolve / add / modify / remove / delete on the logged-in connection without any further
 * challenge (§5.6, A3), audited under the logged-in identity. Failures: SM9 identities (§6.2), wrong signatures,
 * answers for another identity, expired and unknown challenges — each leaves the connection unauthenticated —
 * and failed logins are logged and rate limited per source address.
 */
class IdisLoginTest {
    @TempDir
    static Path dir;
    static IdisTestNode node;

    @BeforeAll
    static void start() {
        node = IdisTestNode.start(dir, Map.of("auth.failedAuthPerMinute", "5"));
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @Test
    void everyLoginMessageIsAnsweredAsTheSpecSays() throws Exception {
        try (IdisWireClient c = node.connect(10001)) {
            // step 1: GET_SITE_INFO under the client's session id; the record must decode exactly (§5.1 step 1')
            IdisReply site = c.getSiteInfo();
            assertThat(site.responseCode()).isEqualTo(1);
            assertThat(site.opCode()).isEqualTo(2);
            assertThat(site.sessionId()).isEqualTo(10001);
            assertThat(site.requestId()).isEqualTo(c.lastRequestId);
            assertThat(site.major() + "." + site.minor()).isEqualTo("2.11");
            assertThat(site.suggestedMajor() + "." + site.suggestedMinor()).isEqualTo("2.11");
            IdisSiteInfo info = IdisSiteInfo.decode(site.rest());
            assertThat(info.firstTcpInterface().port()).isEqualTo(node.server.tcpPort());

            // step 2': RC 402 under opcode 2001, RD, SHA-256 of the 2001 request, a 16-byte nonce, session echoed
            IdisReply challenge = c.sendLogin(IdisTestNode.SM2_PEM.handle(), 300);
            int loginRequestId = c.lastRequestId;
            byte[] loginDigest = IdisCrypto.sha256(c.lastHeaderAndBody);
            assertThat(challenge.responseCode()).isEqualTo(402);
            assertThat(challenge.opCode()).isEqualTo(OC_LOGIN);
            assertThat(challenge.opFlags()).isEqualTo(AT | REC | RD);
            assertThat(challenge.sessionId()).isEqualTo(10001);
            assertThat(challenge.requestId()).isEqualTo(loginRequestId);
            assertThat(challenge.digestCode()).isEqualTo(3);
            assertThat(challenge.digest()).isEqualTo(loginDigest);
            assertThat(challenge.nonce()).hasSize(16);
            assertThat(challenge.credentialLength()).isZero();

            // step 3': RC 1 under opcode 2001, request id of the answer, session S, RD with the 2001 digest only
            IdisReply done = c.answer(challenge, IdisTestNode.SM2_PEM);
            assertThat(done.responseCode()).as(done.toString()).isEqualTo(1);
            assertThat(done.opCode()).isEqualTo(OC_LOGIN);
            assertThat(done.requestId()).isEqualTo(c.lastRequestId);
            assertThat(done.sessionId()).isEqualTo(10001);
            assertThat(done.opFlags()).isEqualTo(AT | REC | RD);
            assertThat(done.digest()).isEqualTo(loginDigest);
            assertThat(done.rest()).isEmpty();
        }
    }

    static Stream<IdisIdentity> loginIdentities() {
        return Stream.of(IdisTestNode.SM2_PEM, IdisTestNode.SM2_DER, IdisTestNode.SM2_BARE, IdisTestNode.RSA_BLOB,
                IdisTestNode.RSA_PEM, IdisTestNode.DSA_BLOB, IdisTestNode.SECRET);
    }

    /**
     * Each HS_PUBKEY encoding and signature scheme (and a secret key, §5.4), then the administration lifecycle on
     * that connection.
     */
    @ParameterizedTest
    @MethodSource("loginIdentities")
    void loginThenAdministerWithoutFurtherChallenges(IdisIdentity id) throws Exception {
        String handle = id.handle() + "-lifecycle";
        try (IdisWireClient c = node.loggedIn(id, 10001)) {
            IdisReply created = c.create(handle, List.of(IdisValue.admin(100, 0x0FF2, id.handle(), id.index()),
                    IdisValue.text(1, "URL", "https://example.cn/a")));
            assertThat(created.responseCode()).as(created.toString()).isEqualTo(1);
            assertThat(created.opCode()).isEqualTo(OC_CREATE);
            assertThat(created.sessionId()).isEqualTo(10001);
            assertThat(created.handle()).isEqualTo(handle);

            IdisReply resolved = c.resolve(handle);
            assertThat(resolved.responseCode()).isEqualTo(1);
            assertThat(resolved.opFlags()).isEqualTo(AT | REC | CA | PO);
            assertThat(resolved.handle()).isEqualTo(handle);
            assertThat(resolved.indexes()).containsExactly(100, 1);

            assertThat(c.addValues(handle, List.of(IdisValue.text(2, "EMAIL", "ops@example.cn"))).responseCode())
                    .isEqualTo(1);
            assertThat(c.modifyValues(handle, List.of(IdisValue.text(1, "URL", "https://example.cn/b")))
                    .responseCode()).isEqualTo(1);
            assertThat(c.resolve(handle).indexes()).containsExactlyInAnyOrder(100, 1, 2);
            assertThat(c.removeValues(handle, List.of(2)).responseCode()).isEqualTo(1);
            List<IdisValue> values = c.resolve(handle).values();
            assertThat(values).extracting(IdisValue::index).containsExactlyInAnyOrder(100, 1);
            assertThat(values.stream().filter(v -> v.index() == 1).findFirst().orElseThrow().text())
                    .isEqualTo("https://example.cn/b");

            IdisReply deleted = c.delete(handle);
            assertThat(deleted.responseCode()).isEqualTo(1);
            assertThat(deleted.opCode()).isEqualTo(OC_DELETE);
            assertThat(c.resolve(handle).responseCode()).isEqualTo(100);
        }
        List<AuditEntry> mine = node.audit().stream().filter(a -> a.object().equals(handle)).toList();
        assertThat(mine).extracting(AuditEntry::action).containsExactly("create-handle", "add-value", "modify-value",
                "remove-value", "delete-handle");
        assertThat(mine).allSatisfy(a -> {
            assertThat(a.actor()).isEqualTo(id.reference());
            assertThat(a.source()).isEqualTo("127.0.0.1/tcp");
        });
    }

    /**
     * §6.1 step 4: a raw 64-byte r ‖ s SM2 signature is accepted like DER; §7: PEM text is recognised after leading
     * white space and with LF line ends.
     */
    @Test
    void rawSm2SignaturesAndLoosePemAreAccepted() throws Exception {
        String pem = IdisCrypto.pem(IdisTestNode.SM2_KEY_3.getPublic()).replace("\r\n", "\n");
        node.put("88.888/loosepem", List.of(IdisValue.of(300, "HS_PUBKEY", IdisCrypto.ascii(" \r\n" + pem))));
        try (IdisWireClient c = node.connect(10001)) {
            IdisReply challenge = c.sendLogin("88.888/loosepem", 300);
            byte[] der = IdisCrypto.signSm2Sm3(IdisTestNode.SM2_KEY_3.getPrivate(), "88.888/loosepem",
                    challenge.nonce(), challenge.digest());
            org.bouncycastle.asn1.ASN1Sequence seq = org.bouncycastle.asn1.ASN1Sequence.getInstance(der);
            byte[] raw = IdisCrypto.concat(
                    org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32,
                            org.bouncycastle.asn1.ASN1Integer.getInstance(seq.getObjectAt(0)).getValue()),
                    org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32,
                            org.bouncycastle.asn1.ASN1Integer.getInstance(seq.getObjectAt(1)).getValue()));
            c.write(c.answerFrame(challenge.sessionId(), "HS_PUBKEY", "88.888/loosepem", 300,
                    new IdisBytes().utf8("SM3").bytes(raw).toArray()));
            IdisReply r = c.read();
            assertThat(r.responseCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.opCode()).isEqualTo(OC_LOGIN);
        }
    }

    /** §5.6 / A3: a logged-in identity without the permission gets RC 400, never a challenge. */
    @Test
    void missingPermissionsAreRefusedNotChallenged() throws Exception {
        node.put("88.888/owned", List.of(IdisValue.admin(100, 0x0FF2, IdisTestNode.SM2_PEM.handle(), 300),
                IdisValue.text(1, "URL", "https://example.cn/o")));
        try (IdisWireClient c = node.loggedIn(IdisTestNode.SM2_DER, 10002)) {
            IdisReply r = c.delete("88.888/owned");
            assertThat(r.responseCode()).as(r.toString()).isEqualTo(400);
            assertThat(r.opCode()).isEqualTo(OC_DELETE);
            assertThat(c.modifyValues("88.888/owned", List.of(IdisValue.text(1, "URL", "x"))).responseCode())
                    .isEqualTo(400);
        }
        assertThat(node.stored("88.888/owned")).isPresent();
    }

    /** §6.2: SM9 keys cannot be checked without the KGC key: RC 403, logged, the connection stays anonymous. */
    @Test
    void sm9IdentitiesAreRefusedCleanly() throws Exception {
        node.captureSecurityLog();
        try (IdisWireClient c = node.connect(10001)) {
            IdisReply r = c.login(IdisTestNode.SM9);
            assertThat(r.responseCode()).as(r.toString()).isEqualTo(403);
            assertThat(r.opCode()).isEqualTo(OC_LOGIN);
            assertThat(r.errorMessage()).contains("SM9");
            assertThat(c.create("88.888/by-sm9", List.of(IdisValue.text(1, "URL", "x"))).responseCode())
                    .isEqualTo(402);
        }
        assertThat(node.securityLog()).anySatisfy(l -> assertThat(l).contains("identity=300:88.888/sm9user")
                .contains("SM9"));
    }

    /** §5.3: an unknown identity is challenged like any other and refused only at the answer. */
    @Test
    void unknownIdentitiesAreChallengedThenRefused() throws Exception {
        IdisIdentity nobody = new IdisIdentity("88.888/nobody", 300, IdisTestNode.SM2_KEY_1, new byte[0],
                IdisIdentity.Scheme.SM2_SM3);
        try (IdisWireClient c = node.connect(10001)) {
            IdisReply challenge = c.sendLogin(nobody.handle(), 300);
            assertThat(challenge.responseCode()).isEqualTo(402);
            assertThat(challenge.opCode()).isEqualTo(OC_LOGIN);
            IdisReply r = c.answer(challenge, nobody);
            assertThat(r.responseCode()).isEqualTo(403);
            assertThat(r.opCode()).isEqualTo(OC_LOGIN);
        }
    }

    /**
     * §7 parsing rule: key data that is no key is refused with RC 403 (not an internal error), and a key that
     * cannot be used does not stop a search over all of an identity's keys (index 0).
     */
    @Test
    void unusableKeysAreRefusedWith403AndSkippedInAnIndexZeroSearch() throws Exception {
        node.put("88.888/badkey", List.of(IdisValue.of(300, "HS_PUBKEY", IdisCrypto.ascii("not a key at all"))));
        node.put("88.888/twokeys", List.of(IdisValue.of(300, "HS_PUBKEY", IdisCrypto.sm9Blob("Alice")),
                IdisValue.of(301, "HS_PUBKEY", IdisTestNode.SM2_PEM.pubkeyData())));
        try (IdisWireClient c = node.connect(10001)) {
            IdisIdentity bad = new IdisIdentity("88.888/badkey", 300, IdisTestNode.SM2_KEY_1, new byte[0],
                    IdisIdentity.Scheme.SM2_SM3);
            IdisReply refused = c.answer(c.sendLogin(bad.handle(), 300), bad);
            assertThat(refused.responseCode()).isEqualTo(403);
            assertThat(refused.errorMessage()).contains("unusable public key");

            IdisIdentity any = new IdisIdentity("88.888/twokeys", 0, IdisTestNode.SM2_KEY_1, new byte[0],
                    IdisIdentity.Scheme.SM2_SM3);
            IdisReply done = c.answer(c.sendLogin(any.handle(), 0), any);
            assertThat(done.responseCode()).as(done.toString()).isEqualTo(1);
            assertThat(done.opCode()).isEqualTo(OC_LOGIN);
        }
    }

    /** A wrong signature: RC 403 under opcode 2001 with the login digest; audited; nothing is bound. */
    @Test
    void failedLoginIsRefusedLoggedAndLeavesTheConnectionUnauthenticated() throws Exception {
        node.captureSecurityLog();
        IdisIdentity forger = IdisTestNode.SM2_PEM.withKeys(IdisCrypto.sm2KeyPair());
        try (IdisWireClient c = node.connect(10001)) {
            assertThat(c.getSiteInfo().responseCode()).isEqualTo(1);
            IdisReply challenge = c.sendLogin(forger.handle(), 300);
            byte[] loginDigest = IdisCrypto.sha256(c.lastHeaderAndBody);
            IdisReply r = c.answer(challenge, forger);
            assertThat(r.responseCode()).isEqualTo(403);
            assertThat(r.opCode()).isEqualTo(OC_LOGIN);
            assertThat(r.requestId()).isEqualTo(c.lastRequestId);
            assertThat(r.sessionId()).isEqualTo(10001);
            assertThat(r.digest()).isEqualTo(loginDigest);

            IdisReply create = c.create("88.888/by-forger", List.of(IdisValue.text(1, "URL", "x")));
            assertThat(create.responseCode()).isEqualTo(402);
            assertThat(create.opCode()).isEqualTo(OC_CREATE);
            assertThat(create.sessionId()).isEqualTo(10001);
            // the real key still logs in on the same connection afterwards
            assertThat(c.login(IdisTestNode.SM2_PEM).responseCode()).isEqualTo(1);
        }
        assertThat(node.stored("88.888/by-forger")).isEmpty();
        assertThat(node.securityLog()).anySatisfy(l -> assertThat(l)
                .contains("identity=300:88.888/sm2user1").contains("source=127.0.0.1").contains("does not verify"));
    }

    /** §5.4: the answer must be for the identity the 2001 request named. */
    @Test
    void answerForAnotherIdentityIsRefused() throws Exception {
        try (IdisWireClient c = node.connect(10001)) {
            IdisReply challenge = c.sendLogin(IdisTestNode.SM2_PEM.handle(), 300);
            IdisReply r = c.answer(challenge, IdisTestNode.SM2_DER);
            assertThat(r.responseCode()).isEqualTo(403);
            assertThat(r.opCode()).isEqualTo(OC_LOGIN);
            assertThat(c.create("88.888/by-other", List.of(IdisValue.text(1, "URL", "x"))).responseCode())
                    .isEqualTo(402);
        }
    }

    /** §5.3, §5.5: an answer after the challenge's lifetime gets RC 405 — under opcode 2001, as A4 requires. */
    @Test
    void expiredLoginChallengeGets405UnderTheLoginOpcode() throws Exception {
        try (IdisWireClient c = node.connect(10001)) {
            IdisReply challenge = c.sendLogin(IdisTestNode.SM2_PEM.handle(), 300);
            byte[] loginDigest = IdisCrypto.sha256(c.lastHeaderAndBody);
            node.clock.advance(Duration.ofSeconds(61));
            IdisReply r = c.answer(challenge, IdisTestNode.SM2_PEM);
            assertThat(r.responseCode()).isEqualTo(405);
            assertThat(r.opCode()).isEqualTo(OC_LOGIN);
            assertThat(r.requestId()).isEqualTo(c.lastRequestId);
            assertThat(r.digest()).isEqualTo(loginDigest);
            // a challenge is answered once: the same answer again finds nothing
            IdisReply again = c.answer(challenge, IdisTestNode.SM2_PEM);
            assertThat(again.responseCode()).isEqualTo(405);
            assertThat(c.create("88.888/late", List.of(IdisValue.text(1, "URL", "x"))).responseCode()).isEqualTo(402);
        }
    }

    @Test
    void answerWithoutAChallengeGets405() throws Exception {
        try (IdisWireClient c = node.connect(10001)) {
            c.write(c.answerFrame(10001, "HS_PUBKEY", IdisTestNode.SM2_PEM.handle(), 300,
                    IdisTestNode.SM2_PEM.signedResponse(new byte[16], new byte[32])));
            IdisReply r = c.read();
            assertThat(r.responseCode()).isEqualTo(405);
            assertThat(r.opCode()).isIn(OC_CHALLENGE_ANSWER, OC_LOGIN);
            assertThat(r.sessionId()).isEqualTo(10001);
        }
    }

    /** Past auth.failedAuthPerMinute failures from one address even a correct answer is refused; others are not. */
    @Test
    void failedLoginsAreRateLimitedPerSourceAddress() throws Exception {
        node.captureSecurityLog();
        IdisIdentity forger = IdisTestNode.RSA_BLOB.withKeys(IdisTestNode.RSA_KEY_2);
        try (IdisWireClient c = node.connectFrom("127.0.0.2", 10001)) {
            for (int i = 0; i < 5; i++) {
                assertThat(c.answer(c.sendLogin(forger.handle(), 300), forger).responseCode()).isEqualTo(403);
            }
            IdisReply refused = c.answer(c.sendLogin(IdisTestNode.RSA_BLOB.handle(), 300), IdisTestNode.RSA_BLOB);
            assertThat(refused.responseCode()).isEqualTo(403);
            assertThat(refused.opCode()).isEqualTo(OC_LOGIN);
            assertThat(refused.errorMessage()).contains("too many failed");
            assertThat(c.create("88.888/limited", List.of(IdisValue.text(1, "URL", "x"))).responseCode())
                    .isEqualTo(402);
        }
        try (IdisWireClient c = node.connect(10001)) {
            assertThat(c.login(IdisTestNode.RSA_BLOB).responseCode()).isEqualTo(1);
        }
        assertThat(node.securityLog()).filteredOn(l -> l.contains("source=127.0.0.2")).hasSize(6)
                .anySatisfy(l -> assertThat(l).contains("reason=rate limited"));
    }
}
