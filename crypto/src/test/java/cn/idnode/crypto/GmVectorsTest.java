package cn.idnode.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ProtocolVersion;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * Published SM2/SM3/SM4 vectors, run through idnode's own code paths (Sm2Crypto's cores, SessionCipher). Each test
 * names its source.
 */
class GmVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    /** The example curve Fp-256 of GB/T 32918.2-2016 / GB/T 32918.4-2016 appendix A (not sm2p256v1). */
    private static final ECDomainParameters EXAMPLE;

    static {
        BigInteger p = n("8542D69E4C044F18E8B92435BF6FF7DE457283915C45517D722EDB8B08F1DFC3");
        BigInteger a = n("787968B4FA32C3FD2417842E73BBFEFF2F3C848B6831D7E0EC65228B3937E498");
        BigInteger b = n("63E4C6D3B23B0C849CF84241484BFE48F61D59A5B16BA06E6E12D1DA27C5249A");
        BigInteger order = n("8542D69E4C044F18E8B92435BF6FF7DD297720630485628D5AE74EE7C32E79B7");
        ECCurve curve = new ECCurve.Fp(p, a, b, order, BigInteger.ONE);
        ECPoint g = curve.createPoint(n("421DEBD61B62EAB6746434EBC3CC315E32220B3BADD50BDC4C4E6C147FEDD43D"),
                n("0680512BCBB42C07D47349D2153B70C4E5D7FDFCBFA36EA1A85841B9E46E09A2"));
        EXAMPLE = new ECDomainParameters(curve, g, order);
    }

    @Test
    void sm3OfAbcAndOfTheSixtyFourByteMessage() {
        // GB/T 32905-2016 appendix A, examples 1 and 2 (also idis-extensions.md §6.1)
        assertThat(hex(Sm2Crypto.sm3(ascii("abc"))))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
        assertThat(hex(Sm2Crypto.sm3(ascii("abcd".repeat(16)))))
                .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    }

    @Test
    void userHashZaVectorsOfTheIdisSpec() {
        // idis-extensions.md §6.1 (computed with BouncyCastle by the spec authors): Q = G on sm2p256v1
        ECPoint g = Sm2Crypto.DOMAIN.getG();
        assertThat(hex(za(Sm2Crypto.DOMAIN, ascii("1234567812345678"), g)))
                .isEqualTo("5b32bfe35482899b195d72c09d33ccdb465b2ded883240ff91f120a68bc91de8");
        assertThat(hex(za(Sm2Crypto.DOMAIN, ascii("88.888.1024/sm2user1"), g)))
                .isEqualTo("366ed43b1985863d8b318c780314ff39c4f9dfe9986604888d478e89ad13556a");
    }

    @Test
    void loginSignatureUsesTheIdentityHandleAsUserId() throws Exception {
        // Sign with private key 1 (Q = G) and user id "88.888.1024/sm2user1" through idnode's signing core, then
        // check the signature by the verification equation of GB/T 32918.2 §7 with e = SM3(Z_A ‖ M), Z_A being the
        // spec's vector: proves the user id reaches Z_A exactly as sent.
        byte[] id = ascii("88.888.1024/sm2user1");
        byte[] m = Sm2Crypto.sm3(ascii("nonce and digest"));
        byte[] sig = Sm2Crypto.sign(new ECPrivateKeyParameters(BigInteger.ONE, Sm2Crypto.DOMAIN), id, m,
                SM3Digest::new, new SecureRandom(), PlainDSAEncoding.INSTANCE);
        byte[] zA = HEX.parseHex("366ed43b1985863d8b318c780314ff39c4f9dfe9986604888d478e89ad13556a");
        BigInteger e = new BigInteger(1, Sm2Crypto.sm3(zA, m));
        assertThat(equationHolds(Sm2Crypto.DOMAIN, Sm2Crypto.DOMAIN.getG(), e, sig)).isTrue();
        BigInteger wrongE = new BigInteger(1, Sm2Crypto.sm3(
                HEX.parseHex("5b32bfe35482899b195d72c09d33ccdb465b2ded883240ff91f120a68bc91de8"), m));
        assertThat(equationHolds(Sm2Crypto.DOMAIN, Sm2Crypto.DOMAIN.getG(), wrongE, sig)).isFalse();
    }

    @Test
    void signatureExampleOfGbt32918Part2() throws Exception {
        // GB/T 32918.2-2016 appendix A.2: ID "ALICE123@YAHOO.COM", M "message digest", d_A and k as below
        BigInteger d = n("128B2FA8BD433C6C068C8D803DFF79792A519A55171B1B650C23661D15897263");
        ECPoint q = EXAMPLE.getG().multiply(d).normalize();
        byte[] id = ascii("ALICE123@YAHOO.COM");
        byte[] m = ascii("message digest");
        assertThat(hex(za(EXAMPLE, id, q)))
                .isEqualTo("f4a38489e32b45b6f876e3ac2168ca392362dc8f23459c1d1146fc3dbfb7bc9a");
        assertThat(hex(Sm2Crypto.sm3(za(EXAMPLE, id, q), m)))
                .isEqualTo("b524f552cd82b8b028476e005c377fb19a87e6fc682d48bb5d42e3d9b9effe76");

        byte[] sig = Sm2Crypto.sign(new ECPrivateKeyParameters(d, EXAMPLE), id, m, SM3Digest::new,
                fixed("6CB28D99385C175C94F94E934817663FC176D925DD72B727260DBAAE1FB2F96F"), PlainDSAEncoding.INSTANCE);
        assertThat(hex(sig)).isEqualTo(("40F1EC59F793D9F49E09DCEF49130D4194F79FB1EED2CAA55BACDB49C4E755D1"
                + "6FC6DAC32C5D5CF10C77DFB20F7C2EB667A457872FB09EC56327A67EC7DEEBE7").toLowerCase());

        ECPublicKeyParameters pub = new ECPublicKeyParameters(q, EXAMPLE);
        assertThat(Sm2Crypto.verify(pub, id, m, sig, SM3Digest::new)).as("raw r‖s").isTrue();
        byte[] der = Sm2Crypto.sign(new ECPrivateKeyParameters(d, EXAMPLE), id, m, SM3Digest::new,
                fixed("6CB28D99385C175C94F94E934817663FC176D925DD72B727260DBAAE1FB2F96F"),
                org.bouncycastle.crypto.signers.StandardDSAEncoding.INSTANCE);
        assertThat(Sm2Crypto.verify(pub, id, m, der, SM3Digest::new)).as("DER").isTrue();
        assertThat(Sm2Crypto.verify(pub, ascii("1234567812345678"), m, sig, SM3Digest::new)).isFalse();
    }

    /** GM/T 0003.5-2012 (SM2 part 5) example private key on sm2p256v1; its k for signatures. */
    private static final BigInteger GMT_D = n("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8");
    private static final String GMT_K = "59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21";

    @Test
    void signatureExampleOnTheRecommendedCurve() throws Exception {
        // GM/T 0003.5-2012 signature example on sm2p256v1: default user id, M = "message digest", d and k as above
        ECPoint q = Sm2Crypto.DOMAIN.getG().multiply(GMT_D).normalize();
        assertThat(hex(q.getAffineXCoord().getEncoded()))
                .isEqualTo("09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020");
        assertThat(hex(q.getAffineYCoord().getEncoded()))
                .isEqualTo("ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13");
        byte[] m = ascii("message digest");
        assertThat(hex(Sm2Crypto.sm3(za(Sm2Crypto.DOMAIN, ascii("1234567812345678"), q), m)))
                .isEqualTo("f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640");
        byte[] sig = Sm2Crypto.sign(new ECPrivateKeyParameters(GMT_D, Sm2Crypto.DOMAIN), ascii("1234567812345678"), m,
                SM3Digest::new, fixed(GMT_K), PlainDSAEncoding.INSTANCE);
        assertThat(hex(sig)).isEqualTo("f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3"
                + "b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa");
        assertThat(Sm2Crypto.verify(new ECPublicKeyParameters(q, Sm2Crypto.DOMAIN), ascii("1234567812345678"), m, sig,
                SM3Digest::new)).isTrue();
    }

    /**
     * The signature in the golden fixture req-challenge-answer-sm2 (the login answer to resp-challenge-login, signed
     * with the GM/T example key and k) verifies through the challenge-answer path with the identity handle as SM2
     * user id — and with no other user id.
     */
    @Test
    void goldenLoginAnswerVerifiesWithTheHandleAsUserId() throws Exception {
        ECPoint q = Sm2Crypto.DOMAIN.getG().multiply(GMT_D).normalize();
        ByteString spki = ByteString.wrap(new org.bouncycastle.asn1.x509.SubjectPublicKeyInfo(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                        org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey,
                        org.bouncycastle.asn1.gm.GMObjectIdentifiers.sm2p256v1), q.getEncoded(false)).getEncoded());
        IdentityKey key = PublicKeys.decode(spki);
        ByteString signedResponse = ByteString.fromHex("00000003" + "534d33" + "00000046"
                + "30440220212143cbf96a56894491cdba6ce800abdc39db0e106b7c8a32016ba78ac63075"
                + "02201e8227a3a817927e4f30aa4a1af38dc7fa641640f96ac183c8a4e5496fcd13ad");
        byte[] nonce = HEX.parseHex("e0e1e2e3e4e5e6e7e8e9eaebecedeeef");
        byte[] digest = HEX.parseHex("407d190986661083a2204a678a2e12aaa5d94d3fcbb1312a43819f3de3e1594c");
        assertThat(ChallengeAnswers.verifyPublicKey(key, ByteString.utf8("88.888.1024/sm2user1"), signedResponse,
                nonce, digest)).isTrue();
        assertThat(ChallengeAnswers.verifyPublicKey(key, ByteString.utf8("88.888.1024/sm2user2"), signedResponse,
                nonce, digest)).isFalse();
        // reproducible: the same key and k give the fixture's signature
        byte[] again = Sm2Crypto.sign(new ECPrivateKeyParameters(GMT_D, Sm2Crypto.DOMAIN),
                ascii("88.888.1024/sm2user1"), Sm2Crypto.sm3(nonce, digest), SM3Digest::new, fixed(GMT_K),
                org.bouncycastle.crypto.signers.StandardDSAEncoding.INSTANCE);
        assertThat(ByteString.wrap(again)).isEqualTo(signedResponse.substring(11, signedResponse.length()));
    }

    /**
     * The golden fixtures resp-session-setup-sm2 and req-encrypted-sm4-resolution: the mode-3 answer's C1 ‖ C3 ‖ C2
     * decrypts with the GM/T example key to {@code int4 4 ‖ key}, and that SM4 key (IV = key, no IV prefix) decrypts
     * the encrypted request to its documented plaintext.
     */
    @Test
    void goldenSm4SessionFixturesDecrypt() throws Exception {
        byte[] c1c3c2 = HEX.parseHex("0411c88ae04cec1ba554d03d5b5970333a83585826c2a985de5520d9e934389efb84b52d344fb2"
                + "1aa8ea38a4940c8332692b8d4da2393549212eafdc0f11ca5c9ca20ba6c189a6a2cbdcca10cca978fd9aeaffac6f37a78813"
                + "87393bfd1898973f9fc177dbfd1d652ff55fff2ae49f4eb6f7a03e71");
        byte[] blob = Sm2Crypto.decrypt(new ECPrivateKeyParameters(GMT_D, Sm2Crypto.DOMAIN), c1c3c2);
        SessionKey key = SessionKeys.parseKeyBlob(blob, ProtocolVersion.V2_11);
        assertThat(key.algorithm()).isEqualTo(SessionAlgorithm.SM4);
        assertThat(key.key().hex()).isEqualTo("0123456789abcdeffedcba9876543210");
        byte[] ciphertext = HEX.parseHex("43590ded07c4d5fb96500c9f2604c43eecbcc2b21ae5234644e542ec561fc41a"
                + "c7f41aa8af6ed722107c62bbb6e33fe1b83fe5b171420f532e35bc21f2e46aa0");
        byte[] plain = new SessionCipher(key, ProtocolVersion.V2_10).decrypt(ciphertext);
        assertThat(hex(plain)).isEqualTo("00000001" + "00000000" + "39000000" + "ffff" + "00" + "00" + "66000000"
                + "00000020" + "00000010" + "38382e3838382e313032342f6974656d" + "00000000" + "00000000" + "00000000"
                + "00000000");
    }

    @Test
    void encryptionExampleOfGbt32918Part4InC1C3C2Order() throws Exception {
        // GB/T 32918.4-2016 appendix A.2: M "encryption standard", d_B and k as below. The standard prints
        // C1 ‖ C2 ‖ C3; idnode (like hutool and the SDK) uses C1 ‖ C3 ‖ C2.
        BigInteger d = n("1649AB77A00637BD5E2EFE283FBF353534AA7F7CB89463F208DDBC2920BB0DA0");
        ECPoint q = EXAMPLE.getG().multiply(d).normalize();
        String c1 = "04245C26FB68B1DDDDB12C4B6BF9F2B6D5FE60A383B0D18D1C4144ABF17F6252E7"
                + "76CB9264C2A7E88E52B19903FDC47378F605E36811F5C07423A24B84400F01B8";
        String c2 = "650053A89B41C418B0C3AAD00D886C00286467";
        String c3 = "9C3D7360C30156FAB7C80A0276712DA9D8094A634B766D3A285E07480653426D";
        byte[] m = ascii("encryption standard");
        byte[] enc = Sm2Crypto.encrypt(new ECPublicKeyParameters(q, EXAMPLE), m,
                fixed("4C62EEFD6ECFC2B95B92FD6C3D9575148AFA17425546D49018E5388D49DD7B4F"));
        assertThat(hex(enc)).isEqualTo((c1 + c3 + c2).toLowerCase());
        assertThat(Sm2Crypto.decrypt(new ECPrivateKeyParameters(d, EXAMPLE), enc)).isEqualTo(m);
        enc[80] ^= 1;
        assertThatThrownBy(() -> Sm2Crypto.decrypt(new ECPrivateKeyParameters(d, EXAMPLE), enc))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void sm4ExampleOfGbt32907ThroughTheIdisSessionCipher() throws Exception {
        // GB/T 32907-2016 appendix A example 1: key = plaintext = 0123456789abcdeffedcba9876543210 encrypts to
        // 681edf34d206965e86b3e94f536e4246. With IV = key (idis-extensions.md §11.2) the first CBC block of an
        // all-zero plaintext is E_K(0 ⊕ K) = E_K(K): exactly that vector.
        ByteString key = ByteString.fromHex("0123456789abcdeffedcba9876543210");
        SessionCipher c = new SessionCipher(new SessionKey(SessionAlgorithm.SM4, key), ProtocolVersion.V2_10);
        byte[] ct = c.encrypt(new byte[16]);
        assertThat(ct).hasSize(32);
        assertThat(hex(Arrays.copyOf(ct, 16))).isEqualTo("681edf34d206965e86b3e94f536e4246");
        assertThat(c.decrypt(ct)).isEqualTo(new byte[16]);
    }

    // ---- helpers ----

    /** Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A), GB/T 32918.2 §5.5. */
    static byte[] za(ECDomainParameters dom, byte[] id, ECPoint q) {
        int bits = id.length * 8;
        return Sm2Crypto.sm3(new byte[] {(byte) (bits >> 8), (byte) bits}, id,
                dom.getCurve().getA().getEncoded(), dom.getCurve().getB().getEncoded(),
                dom.getG().getAffineXCoord().getEncoded(), dom.getG().getAffineYCoord().getEncoded(),
                q.getAffineXCoord().getEncoded(), q.getAffineYCoord().getEncoded());
    }

    /** GB/T 32918.2 §7.1 verification: t = r + s, (x1, y1) = sG + tQ, accept iff r = e + x1 (mod n). */
    private static boolean equationHolds(ECDomainParameters dom, ECPoint q, BigInteger e, byte[] rawSig) {
        BigInteger n = dom.getN();
        BigInteger r = new BigInteger(1, Arrays.copyOf(rawSig, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rawSig, 32, 64));
        BigInteger t = r.add(s).mod(n);
        ECPoint p = dom.getG().multiply(s).add(q.multiply(t)).normalize();
        return e.add(p.getAffineXCoord().toBigInteger()).mod(n).equals(r);
    }

    /** A "random" source that yields the standard's k (32 bytes) on every request. */
    private static SecureRandom fixed(String k) {
        byte[] bytes = HEX.parseHex(k);
        return new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] out) {
                System.arraycopy(bytes, 0, out, 0, Math.min(out.length, bytes.length));
            }
        };
    }

    private static BigInteger n(String hex) {
        return new BigInteger(hex, 16);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String hex(byte[] b) {
        return HEX.formatHex(b);
    }
}
