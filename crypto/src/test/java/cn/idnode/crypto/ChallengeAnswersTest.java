package cn.idnode.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.WireReader;
import cn.idnode.protocol.WireWriter;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.util.HexFormat;
import net.handle.hdllib.ChallengeResponse;
import net.handle.hdllib.PublicKeyAuthenticationInfo;
import net.handle.hdllib.ResolutionRequest;
import net.handle.hdllib.Util;
import org.junit.jupiter.api.Test;

/** HS_PUBKEY answers (handle-protocol.md §13.3, §20.7; idis-extensions.md §6). */
class ChallengeAnswersTest {
    private static final ByteString HANDLE = ByteString.utf8("88.888.1024/sm2user1");
    private static final byte[] NONCE = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final byte[] DIGEST = Sm2Crypto.sm3("request".getBytes()); // any 32 bytes

    @Test
    void cnriClientAnswersVerify() throws Exception {
        for (var pair : new java.security.KeyPair[] {TestKeys.RSA, TestKeys.DSA}) {
            for (int minor : new int[] {11, 6}) { // 2.11: SHA-256 for both; 2.6: SHA-1
                ResolutionRequest req = new ResolutionRequest(Util.encodeString("0.NA/20.500"), null, null, null);
                req.majorProtocolVersion = 2;
                req.minorProtocolVersion = (byte) minor;
                ChallengeResponse challenge = new ChallengeResponse(req);
                PublicKeyAuthenticationInfo auth = new PublicKeyAuthenticationInfo(HANDLE.toByteArray(), 300,
                        pair.getPrivate());
                ByteString answer = ByteString.wrap(auth.authenticate(challenge, req));
                IdentityKey key = PublicKeys.decode(ByteString.wrap(Util.getBytesFromPublicKey(pair.getPublic())));
                assertThat(ChallengeAnswers.verifyPublicKey(key, HANDLE, answer, challenge.nonce,
                        challenge.requestDigest)).as(pair.getPublic().getAlgorithm() + " 2." + minor).isTrue();
                byte[] otherNonce = challenge.nonce.clone();
                otherNonce[0] ^= 1;
                assertThat(ChallengeAnswers.verifyPublicKey(key, HANDLE, answer, otherNonce,
                        challenge.requestDigest)).isFalse();
            }
        }
    }

    @Test
    void ourAnswersVerifyTheWayCnriServersCheckThem() throws Exception {
        for (var pair : new java.security.KeyPair[] {TestKeys.RSA, TestKeys.DSA}) {
            for (String alg : new String[] {"SHA-256", "SHA1"}) {
                ByteString answer = ChallengeAnswers.signPublicKey(pair.getPrivate(), alg, HANDLE, NONCE, DIGEST);
                WireReader r = WireReader.of(answer);
                byte[] hashAlg = r.readBytes("alg").toByteArray();
                byte[] sig = r.readBytes("sig").toByteArray();
                // CNRI's server side: Util.getSigIdFromHashAlgId + JCA over nonce ‖ digest
                Signature s = Signature.getInstance(Util.getSigIdFromHashAlgId(hashAlg, pair.getPublic().getAlgorithm()));
                s.initVerify(pair.getPublic());
                s.update(NONCE);
                s.update(DIGEST);
                assertThat(s.verify(sig)).as(alg).isTrue();
                assertThat(ChallengeAnswers.verifyPublicKey(IdentityKey.of(pair.getPublic()), HANDLE, answer, NONCE,
                        DIGEST)).isTrue();
            }
        }
    }

    @Test
    void hashNamesAndSingleByteCodesAreAccepted() throws Exception {
        IdentityKey rsa = IdentityKey.of(TestKeys.RSA.getPublic());
        String[][] cases = {{"SHA-256", "SHA256", "SHA256"}, {"SHA256", "SHA256", "SHA256"}, {"SHA1", "SHA1", "SHA1"},
            {"SHA-1", "SHA1", "SHA1"}, {"MD5", "MD5", "MD5"}};
        for (String[] c : cases) {
            byte[] sig = jcaSign(c[1] + "withRSA");
            assertThat(ChallengeAnswers.verifyPublicKey(rsa, HANDLE, answer(ByteString.utf8(c[0]), sig), NONCE, DIGEST))
                    .as(c[0]).isTrue();
        }
        assertThat(ChallengeAnswers.verifyPublicKey(rsa, HANDLE, answer(ByteString.fromHex("01"), jcaSign("MD5withRSA")),
                NONCE, DIGEST)).isTrue();
        assertThat(ChallengeAnswers.verifyPublicKey(rsa, HANDLE, answer(ByteString.fromHex("02"),
                jcaSign("SHA1withRSA")), NONCE, DIGEST)).isTrue();
        assertThat(ChallengeAnswers.verifyPublicKey(rsa, HANDLE, answer(ByteString.fromHex("03"),
                jcaSign("SHA256withRSA")), NONCE, DIGEST)).isTrue();
        // the right signature under the wrong hash name
        assertThat(ChallengeAnswers.verifyPublicKey(rsa, HANDLE, answer(ByteString.utf8("SHA1"),
                jcaSign("SHA256withRSA")), NONCE, DIGEST)).isFalse();
    }

    @Test
    void sm2WithSm3UsesTheIdentityHandleAsUserIdAndTakesDerOrRaw() throws Exception {
        ECPrivateKey priv = (ECPrivateKey) TestKeys.SM2.getPrivate();
        IdentityKey sm2 = IdentityKey.of(TestKeys.SM2.getPublic());
        ByteString answer = ChallengeAnswers.signPublicKey(priv, "SM3", HANDLE, NONCE, DIGEST);
        assertThat(ChallengeAnswers.verifyPublicKey(sm2, HANDLE, answer, NONCE, DIGEST)).isTrue();
        assertThat(ChallengeAnswers.verifyPublicKey(sm2, ByteString.utf8("88.888.1024/other"), answer, NONCE, DIGEST))
                .isFalse();

        // what the SDK does: M = SM3(nonce ‖ digest), SM2 signature of M with ID = handle; here raw r ‖ s
        byte[] m = Sm2Crypto.sm3(NONCE, DIGEST);
        byte[] raw = Sm2Crypto.sign(new org.bouncycastle.crypto.params.ECPrivateKeyParameters(priv.getS(),
                        Sm2Crypto.DOMAIN), HANDLE.toByteArray(), m, org.bouncycastle.crypto.digests.SM3Digest::new,
                new java.security.SecureRandom(), org.bouncycastle.crypto.signers.PlainDSAEncoding.INSTANCE);
        assertThat(raw).hasSize(64);
        assertThat(ChallengeAnswers.verifyPublicKey(sm2, HANDLE, answer(ByteString.utf8("SM3"), raw), NONCE, DIGEST))
                .isTrue();
        // signing the unhashed data (a client bug) must not verify
        byte[] single = Sm2Crypto.sign(priv, HANDLE.toByteArray(), ChallengeAnswers.concat(NONCE, DIGEST));
        assertThat(ChallengeAnswers.verifyPublicKey(sm2, HANDLE, answer(ByteString.utf8("SM3"), single), NONCE,
                DIGEST)).isFalse();
    }

    @Test
    void sm2WithSha256IsSha256WithSm2AndTheDefaultUserId() throws Exception {
        IdentityKey sm2 = IdentityKey.of(TestKeys.SM2.getPublic());
        // appendix A7 scheme (b): a JCA SHA256withSM2 signature (BouncyCastle) over nonce ‖ digest
        Signature s = Signature.getInstance("SHA256withSM2", Sm2Crypto.PROVIDER);
        s.initSign(TestKeys.SM2.getPrivate());
        s.update(NONCE);
        s.update(DIGEST);
        ByteString answer = answer(ByteString.utf8("SHA-256"), s.sign());
        assertThat(ChallengeAnswers.verifyPublicKey(sm2, HANDLE, answer, NONCE, DIGEST)).isTrue();
        ByteString ours = ChallengeAnswers.signPublicKey(TestKeys.SM2.getPrivate(), "SHA-256", HANDLE, NONCE, DIGEST);
        assertThat(ChallengeAnswers.verifyPublicKey(sm2, ByteString.utf8("anyone"), ours, NONCE, DIGEST)).isTrue();
        Signature v = Signature.getInstance("SHA256withSM2", Sm2Crypto.PROVIDER);
        v.initVerify(TestKeys.SM2.getPublic());
        v.update(ChallengeAnswers.concat(NONCE, DIGEST));
        WireReader r = WireReader.of(ours);
        r.readBytes("alg");
        assertThat(v.verify(r.readBytes("sig").toByteArray())).isTrue();
        // SM2 keys with SHA1 or MD5: checked and wrong, not an error
        assertThat(ChallengeAnswers.verifyPublicKey(sm2, HANDLE, answer(ByteString.utf8("SHA1"), new byte[64]), NONCE,
                DIGEST)).isFalse();
    }

    @Test
    void hashesThatDoNotFitTheKeyAreWrongNotErrors() throws Exception {
        IdentityKey dsa = IdentityKey.of(TestKeys.DSA.getPublic());
        IdentityKey rsa = IdentityKey.of(TestKeys.RSA.getPublic());
        assertThat(ChallengeAnswers.verifyPublicKey(dsa, HANDLE, answer(ByteString.utf8("MD5"), new byte[46]), NONCE,
                DIGEST)).isFalse();
        assertThat(ChallengeAnswers.verifyPublicKey(rsa, HANDLE, answer(ByteString.utf8("SM3"), new byte[256]), NONCE,
                DIGEST)).isFalse();
        assertThat(ChallengeAnswers.verifyPublicKey(rsa, HANDLE, answer(ByteString.utf8("SHA-256"), new byte[3]), NONCE,
                DIGEST)).isFalse();
        assertThat(ChallengeAnswers.verifyPublicKey(dsa, HANDLE, answer(ByteString.utf8("SHA1"), new byte[] {0x30, 0}),
                NONCE, DIGEST)).isFalse();
    }

    @Test
    void malformedAnswersUnknownAlgorithmsAndSm9AreSpecificExceptions() throws Exception {
        IdentityKey rsa = IdentityKey.of(TestKeys.RSA.getPublic());
        assertThatThrownBy(() -> ChallengeAnswers.verifyPublicKey(rsa, HANDLE, ByteString.fromHex("0000000753"),
                NONCE, DIGEST)).isInstanceOfSatisfying(ChallengeAnswerException.class,
                        e -> assertThat(e.responseCode().code()).isEqualTo(406));
        assertThatThrownBy(() -> ChallengeAnswers.verifyPublicKey(rsa, HANDLE, answer(ByteString.utf8("SHA512"),
                new byte[1]), NONCE, DIGEST)).isInstanceOfSatisfying(ChallengeAnswerException.class,
                        e -> assertThat(e.responseCode().code()).isEqualTo(404));
        assertThatThrownBy(() -> ChallengeAnswers.verifyPublicKey(new IdentityKey.Sm9("Alice"), HANDLE,
                answer(ByteString.utf8("SM3"), new byte[64]), NONCE, DIGEST))
                .isInstanceOfSatisfying(ChallengeAnswerException.class,
                        e -> assertThat(e.responseCode().code()).isEqualTo(403));
    }

    @Test
    void httpAnswersSignNonceAndCnonce() throws Exception {
        byte[] cnonce = HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100");
        for (var pair : new java.security.KeyPair[] {TestKeys.RSA, TestKeys.DSA, TestKeys.SM2}) {
            IdentityKey key = IdentityKey.of(pair.getPublic());
            for (String alg : pair == TestKeys.SM2 ? new String[] {"SHA256", "SM3"} : new String[] {"SHA1", "SHA256"}) {
                byte[] sig = ChallengeAnswers.signHttp(pair.getPrivate(), alg, HANDLE, NONCE, cnonce);
                assertThat(ChallengeAnswers.verifyHttpPublicKey(key, HANDLE, alg, sig, NONCE, cnonce)).isTrue();
                assertThat(ChallengeAnswers.verifyHttpPublicKey(key, HANDLE, alg, sig, cnonce, NONCE)).isFalse();
            }
        }
        // what is signed is exactly nonce ‖ cnonce
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(TestKeys.RSA.getPrivate());
        s.update(NONCE);
        s.update(cnonce);
        assertThat(ChallengeAnswers.verifyHttpPublicKey(IdentityKey.of(TestKeys.RSA.getPublic()), HANDLE, "SHA256",
                s.sign(), NONCE, cnonce)).isTrue();
        assertThatThrownBy(() -> ChallengeAnswers.verifyHttpPublicKey(IdentityKey.of(TestKeys.RSA.getPublic()), HANDLE,
                "RS256", new byte[1], NONCE, cnonce)).isInstanceOf(ChallengeAnswerException.class);
    }

    private static byte[] jcaSign(String alg) throws Exception {
        Signature s = Signature.getInstance(alg);
        s.initSign(TestKeys.RSA.getPrivate());
        s.update(NONCE);
        s.update(DIGEST);
        return s.sign();
    }

    static ByteString answer(ByteString hashAlg, byte[] sig) {
        return new WireWriter().writeBytes(hashAlg).writeBytes(sig).toByteString();
    }

}
