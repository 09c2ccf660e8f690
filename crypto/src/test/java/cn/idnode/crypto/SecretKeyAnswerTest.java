package cn.idnode.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.WireWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import net.handle.hdllib.ChallengeResponse;
import net.handle.hdllib.ResolutionRequest;
import net.handle.hdllib.SecretKeyAuthenticationInfo;
import net.handle.hdllib.Util;
import org.junit.jupiter.api.Test;

/** HS_SECKEY answers (handle-protocol.md §13.4, §20.7), cross-checked with CNRI's client library. */
class SecretKeyAnswerTest {
    private static final ByteString HANDLE = ByteString.utf8("88.888.1024/admin");
    private static final byte[] ASCII_SECRET = "s3cret-password".getBytes(StandardCharsets.US_ASCII);
    /** Bytes ≥ 0x80 exercise the char-then-UTF-8 rule of the PBKDF2 password. */
    private static final byte[] BINARY_SECRET = HexFormat.of().parseHex("e4b8ad61ff00807f");
    private static final byte[] NONCE = HexFormat.of().parseHex("0f0e0d0c0b0a09080706050403020100");
    private static final byte[] DIGEST = Sm2Crypto.sm3("request".getBytes(StandardCharsets.US_ASCII));
    private static final int[] CODES = {0x01, 0x02, 0x03, 0x12, 0x13, 0x22};

    @Test
    void cnriClientAnswersVerifyAtEachVersion() throws Exception {
        // CNRI picks PBKDF2 (0x22) from 2.7 and SHA-1 (0x02) for 2.1–2.6
        int[][] versions = {{11, 0x22}, {7, 0x22}, {5, 0x02}};
        for (byte[] secret : new byte[][] {ASCII_SECRET, BINARY_SECRET}) {
            for (int[] v : versions) {
                ResolutionRequest req = new ResolutionRequest(Util.encodeString("0.NA/20.500"), null, null, null);
                req.majorProtocolVersion = 2;
                req.minorProtocolVersion = (byte) v[0];
                ChallengeResponse challenge = new ChallengeResponse(req);
                challenge.majorProtocolVersion = 2;
                challenge.minorProtocolVersion = (byte) v[0];
                challenge.suggestMajorProtocolVersion = 2;
                challenge.suggestMinorProtocolVersion = (byte) v[0];
                byte[] answer = new SecretKeyAuthenticationInfo(HANDLE.toByteArray(), 300, secret)
                        .authenticate(challenge, req);
                assertThat(answer[0]).as("2.%d code", v[0]).isEqualTo((byte) v[1]);
                assertThat(ChallengeAnswers.verifySecretKey(secret, ByteString.wrap(answer), challenge.nonce,
                        challenge.requestDigest)).as("2.%d", v[0]).isTrue();
                assertThat(ChallengeAnswers.verifySecretKey("wrong".getBytes(), ByteString.wrap(answer),
                        challenge.nonce, challenge.requestDigest)).isFalse();
            }
        }
    }

    @Test
    void everyCodeMatchesCnrisMacFunction() throws Exception {
        byte[] data = ChallengeAnswers.concat(NONCE, DIGEST);
        for (byte[] secret : new byte[][] {ASCII_SECRET, BINARY_SECRET}) {
            for (int code : CODES) {
                ByteString ours = ChallengeAnswers.secretKeyAnswer(secret, code, NONCE, DIGEST);
                assertThat(ours.byteAt(0)).isEqualTo((byte) code);
                byte[] body = Arrays.copyOfRange(ours.toByteArray(), 1, ours.length());
                // CNRI's server recomputes with Util.doMac, taking the PBKDF2 parameters from the answer
                byte[] theirs = Util.doMac((byte) code, data, secret, code == 0x22 ? body : null);
                assertThat(theirs).as("code 0x%x", code).isEqualTo(body);
                assertThat(ChallengeAnswers.verifySecretKey(secret, ours, NONCE, DIGEST)).isTrue();
                // and CNRI-made answers verify with us
                ByteString cnri = ByteString.wrap(concat(new byte[] {(byte) code},
                        Util.doMac((byte) code, data, secret, null)));
                assertThat(ChallengeAnswers.verifySecretKey(secret, cnri, NONCE, DIGEST)).as("0x%x", code).isTrue();
            }
        }
    }

    @Test
    void pbkdf2PasswordIsEachByteAsACharacterThenUtf8() throws Exception {
        assertThat(SecretKeyAnswer.pbkdf2Password(ASCII_SECRET)).isEqualTo(ASCII_SECRET);
        assertThat(SecretKeyAnswer.pbkdf2Password(HexFormat.of().parseHex("61e4ff")))
                .isEqualTo(HexFormat.of().parseHex("61c3a4c3bf"));
        // same derived key as CNRI's Util.doPBKDF2 for a binary secret
        byte[] salt = new byte[16];
        byte[] cnri = Util.doPBKDF2(BINARY_SECRET, salt, 1000, 160);
        var g = new org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator(
                new org.bouncycastle.crypto.digests.SHA1Digest());
        g.init(SecretKeyAnswer.pbkdf2Password(BINARY_SECRET), salt, 1000);
        assertThat(((org.bouncycastle.crypto.params.KeyParameter) g.generateDerivedMacParameters(160)).getKey())
                .isEqualTo(cnri);
    }

    @Test
    void hostilePbkdf2ParametersAreRejectedBeforeAnyWork() {
        byte[] mac = new byte[20];
        int[][] bad = {{0, 160}, {-1, 160}, {SecretKeyAnswer.MAX_ITERATIONS + 1, 160}, {Integer.MAX_VALUE, 160},
            {10_000, 8}, {10_000, 120}, {10_000, 161}, {10_000, 1 << 20}, {10_000, -160}};
        for (int[] p : bad) {
            ByteString answer = new WireWriter().writeByte(0x22).writeBytes(new byte[16]).writeInt(p[0]).writeInt(p[1])
                    .writeBytes(mac).toByteString();
            assertThatThrownBy(() -> ChallengeAnswers.verifySecretKey(ASCII_SECRET, answer, NONCE, DIGEST))
                    .as("%d iterations, %d bits", p[0], p[1]).isInstanceOfSatisfying(ChallengeAnswerException.class,
                            e -> assertThat(e.reason()).isEqualTo(ChallengeAnswerException.Reason.MALFORMED));
        }
        ByteString truncated = new WireWriter().writeByte(0x22).writeBytes(new byte[16]).writeInt(10_000)
                .toByteString();
        assertThatThrownBy(() -> ChallengeAnswers.verifySecretKey(ASCII_SECRET, truncated, NONCE, DIGEST))
                .isInstanceOf(ChallengeAnswerException.class);
        assertThatThrownBy(() -> ChallengeAnswers.verifySecretKey(ASCII_SECRET, ByteString.EMPTY, NONCE, DIGEST))
                .isInstanceOf(ChallengeAnswerException.class);
        assertThatThrownBy(() -> ChallengeAnswers.verifySecretKey(ASCII_SECRET, ByteString.fromHex("0400"), NONCE,
                DIGEST)).isInstanceOfSatisfying(ChallengeAnswerException.class,
                        e -> assertThat(e.reason()).isEqualTo(ChallengeAnswerException.Reason.UNKNOWN_ALGORITHM));
    }

    @Test
    void emptySecretsAndEmptyMacsNeverVerify() throws Exception {
        ByteString answer = ByteString.fromHex("13");
        assertThat(ChallengeAnswers.verifySecretKey(ASCII_SECRET, answer, NONCE, DIGEST)).isFalse();
        ByteString real = ChallengeAnswers.secretKeyAnswer(ASCII_SECRET, 0x13, NONCE, DIGEST);
        assertThat(ChallengeAnswers.verifySecretKey(new byte[0], real, NONCE, DIGEST)).isFalse();
        ByteString truncatedMac = real.substring(0, real.length() - 1);
        assertThat(ChallengeAnswers.verifySecretKey(ASCII_SECRET, truncatedMac, NONCE, DIGEST)).isFalse();
    }

    @Test
    void httpAlgorithmsSignNonceAndCnonce() throws Exception {
        byte[] cnonce = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
        byte[] data = ChallengeAnswers.concat(NONCE, cnonce);
        String[] algs = {"SHA1", "SHA256", "MD5", "HMAC-SHA1", "HMAC-SHA256", "PBKDF2-HMAC-SHA1"};
        int[] codes = {0x02, 0x03, 0x01, 0x12, 0x13, 0x22};
        for (int i = 0; i < algs.length; i++) {
            SecretKeyAnswer a = ChallengeAnswers.httpSecretKeyAnswer(ASCII_SECRET, algs[i], NONCE, cnonce);
            // as the server receives it: alg, signature, and for PBKDF2 salt/iterations/length
            SecretKeyAnswer received = SecretKeyAnswer.http(algs[i].toLowerCase(), a.mac(), a.salt(), a.iterations(),
                    a.keyLengthBits());
            assertThat(ChallengeAnswers.verifyHttpSecretKey(ASCII_SECRET, received, NONCE, cnonce)).as(algs[i]).isTrue();
            assertThat(ChallengeAnswers.verifyHttpSecretKey(ASCII_SECRET, received, cnonce, NONCE)).isFalse();
            byte[] cnri = Util.doMac((byte) codes[i], data, ASCII_SECRET,
                    codes[i] == 0x22 ? Arrays.copyOfRange(a.encode().toByteArray(), 1, a.encode().length()) : null);
            byte[] expected = codes[i] == 0x22 ? Arrays.copyOfRange(a.encode().toByteArray(), 1, a.encode().length())
                    : a.mac().toByteArray();
            assertThat(cnri).as(algs[i]).isEqualTo(expected);
        }
        assertThat(SecretKeyAnswer.http("PBKDF2WithHmacSHA1", ByteString.EMPTY, ByteString.EMPTY, 10_000, 160)
                .algorithm()).isEqualTo(SecretKeyAnswer.Algorithm.PBKDF2_HMAC_SHA1);
        assertThatThrownBy(() -> SecretKeyAnswer.http("HMAC-MD5", ByteString.EMPTY, ByteString.EMPTY, 0, 0))
                .isInstanceOf(ChallengeAnswerException.class);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ChallengeAnswers.concat(a, b);
    }
}
