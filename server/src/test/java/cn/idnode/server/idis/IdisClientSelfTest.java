package cn.idnode.server.idis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * The test client checked against the specification and published vectors before it is trusted against the
 * server: the worked OC 2001 example of idis-extensions.md §5.2 byte for byte, the sm2p256v1 parameters and Z_A
 * vectors of §6.1, SM3 (GB/T 32905), the SM2 signature example on the recommended curve (GM/T 0003.5), SM2
 * decryption in C1‖C3‖C2 order (GB/T 32918.4 example), SM4 (GB/T 32907) and the SPKI form of SM2 keys (§7).
 */
class IdisClientSelfTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void loginRequestIsTheWorkedExampleByteForByte() {
        IdisWireClient c = new IdisWireClient(10001);
        c.expiration = 0x66000000;
        byte[] frame = c.frame(IdisWireClient.OC_LOGIN, IdisWireClient.LOGIN_FLAGS, new IdisBytes()
                .utf8("88.888.1024/sm2user1").int4(300).toArray(), false, 2, 10001);
        assertThat(HEX.formatHex(frame)).isEqualTo(("020A020B 00002711 00000002 00000000 00000034"
                + "000007D1 00000000 10800000 FFFF 00 00 66000000 0000001C"
                + "00000014 38382E3838382E313032342F736D327573657231 0000012C").replace(" ", "").toLowerCase());
        assertThat(HEX.formatHex(IdisCrypto.sha256(c.lastHeaderAndBody)))
                .isEqualTo("407d190986661083a2204a678a2e12aaa5d94d3fcbb1312a43819f3de3e1594c");
    }

    @Test
    void curveParametersAreThoseOfTheSpec() {
        ECCurve curve = IdisCrypto.SM2_CURVE.getCurve();
        assertThat(curve.getField().getCharacteristic().toString(16))
                .isEqualTo("fffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffff");
        assertThat(curve.getA().toBigInteger().toString(16))
                .isEqualTo("fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc");
        assertThat(curve.getB().toBigInteger().toString(16))
                .isEqualTo("28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93");
        assertThat(IdisCrypto.SM2_CURVE.getN().toString(16))
                .isEqualTo("fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123");
        ECPoint g = IdisCrypto.SM2_CURVE.getG().normalize();
        assertThat(g.getAffineXCoord().toBigInteger().toString(16))
                .isEqualTo("32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7");
        assertThat(g.getAffineYCoord().toBigInteger().toString(16))
                .isEqualTo("bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0");
    }

    @Test
    void sm3AndUserHashVectors() {
        // GB/T 32905-2016 appendix A examples 1 and 2
        assertThat(HEX.formatHex(IdisCrypto.sm3(IdisCrypto.ascii("abc"))))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
        assertThat(HEX.formatHex(IdisCrypto.sm3(IdisCrypto.ascii("abcd".repeat(16)))))
                .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
        // idis-extensions.md §6.1, Q = G
        ECPoint g = IdisCrypto.SM2_CURVE.getG();
        assertThat(HEX.formatHex(IdisCrypto.za(IdisCrypto.DEFAULT_SM2_ID, g)))
                .isEqualTo("5b32bfe35482899b195d72c09d33ccdb465b2ded883240ff91f120a68bc91de8");
        assertThat(HEX.formatHex(IdisCrypto.za(IdisCrypto.ascii("88.888.1024/sm2user1"), g)))
                .isEqualTo("366ed43b1985863d8b318c780314ff39c4f9dfe9986604888d478e89ad13556a");
    }

    @Test
    void sm2SignatureExampleOnTheRecommendedCurve() {
        // GM/T 0003.5-2012 (SM2 part 5, parameter definition) signature example on sm2p256v1: default user id,
        // M = "message digest", the private key and k below
        BigInteger d = new BigInteger("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8", 16);
        ECPoint q = IdisCrypto.SM2_CURVE.getG().multiply(d).normalize();
        assertThat(q.getAffineXCoord().toBigInteger().toString(16))
                .isEqualTo("9f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020");
        assertThat(q.getAffineYCoord().toBigInteger().toString(16))
                .isEqualTo("ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13");
        byte[] m = IdisCrypto.ascii("message digest");
        assertThat(HEX.formatHex(IdisCrypto.sm3(IdisCrypto.za(IdisCrypto.DEFAULT_SM2_ID, q), m)))
                .isEqualTo("f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640");
        byte[] der = IdisCrypto.sm2Sign(new ECPrivateKeyParameters(d, IdisCrypto.SM2_DOMAIN), IdisCrypto.DEFAULT_SM2_ID,
                m, new SM3Digest(), fixed("59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21"));
        org.bouncycastle.asn1.ASN1Sequence seq = org.bouncycastle.asn1.ASN1Sequence.getInstance(der);
        assertThat(((org.bouncycastle.asn1.ASN1Integer) seq.getObjectAt(0)).getValue().toString(16))
                .isEqualTo("f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3");
        assertThat(((org.bouncycastle.asn1.ASN1Integer) seq.getObjectAt(1)).getValue().toString(16))
                .isEqualTo("b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa");
    }

    @Test
    void sm2DecryptionExampleInC1C3C2Order() throws Exception {
        // GB/T 32918.4-2016 appendix A.2 (example curve Fp-256): the standard prints C1 ‖ C2 ‖ C3; the SDK's
        // order is C1 ‖ C3 ‖ C2 (idis-extensions.md §11.1)
        BigInteger p = new BigInteger("8542D69E4C044F18E8B92435BF6FF7DE457283915C45517D722EDB8B08F1DFC3", 16);
        BigInteger n = new BigInteger("8542D69E4C044F18E8B92435BF6FF7DD297720630485628D5AE74EE7C32E79B7", 16);
        ECCurve curve = new ECCurve.Fp(p,
                new BigInteger("787968B4FA32C3FD2417842E73BBFEFF2F3C848B6831D7E0EC65228B3937E498", 16),
                new BigInteger("63E4C6D3B23B0C849CF84241484BFE48F61D59A5B16BA06E6E12D1DA27C5249A", 16), n,
                BigInteger.ONE);
        ECDomainParameters example = new ECDomainParameters(curve, curve.createPoint(
                new BigInteger("421DEBD61B62EAB6746434EBC3CC315E32220B3BADD50BDC4C4E6C147FEDD43D", 16),
                new BigInteger("0680512BCBB42C07D47349D2153B70C4E5D7FDFCBFA36EA1A85841B9E46E09A2", 16)), n);
        BigInteger d = new BigInteger("1649AB77A00637BD5E2EFE283FBF353534AA7F7CB89463F208DDBC2920BB0DA0", 16);
        String c1 = "04245C26FB68B1DDDDB12C4B6BF9F2B6D5FE60A383B0D18D1C4144ABF17F6252E7"
                + "76CB9264C2A7E88E52B19903FDC47378F605E36811F5C07423A24B84400F01B8";
        String c2 = "650053A89B41C418B0C3AAD00D886C00286467";
        String c3 = "9C3D7360C30156FAB7C80A0276712DA9D8094A634B766D3A285E07480653426D";
        byte[] plain = IdisCrypto.sm2Decrypt(new ECPrivateKeyParameters(d, example), HEX.parseHex(
                (c1 + c3 + c2).toLowerCase()));
        assertThat(new String(plain, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("encryption standard");
    }

    @Test
    void sm4ExampleAndTheIdisCbcMode() throws Exception {
        // GB/T 32907-2016 appendix A example 1: key = plaintext = 0123456789abcdeffedcba9876543210
        byte[] key = HEX.parseHex("0123456789abcdeffedcba9876543210");
        Cipher ecb = Cipher.getInstance("SM4/ECB/NoPadding", IdisCrypto.BC);
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "SM4"));
        assertThat(HEX.formatHex(ecb.doFinal(key))).isEqualTo("681edf34d206965e86b3e94f536e4246");
        // §11.2: CBC with IV = key, no IV prefix: the first block of a zero plaintext is E_K(0 ⊕ K) = E_K(K)
        IdisCrypto.SessionKey sm4 = new IdisCrypto.SessionKey(4, key);
        byte[] ct = sm4.encrypt(new byte[16]);
        assertThat(ct).hasSize(32);
        assertThat(HEX.formatHex(java.util.Arrays.copyOf(ct, 16))).isEqualTo("681edf34d206965e86b3e94f536e4246");
        assertThat(sm4.decrypt(ct)).isEqualTo(new byte[16]);
    }

    @Test
    void sm2KeysAreSpkiOnTheSm2CurveAndSignaturesVerify() throws Exception {
        KeyPair kp = IdisCrypto.sm2KeyPair();
        // §7: id-ecPublicKey with parameter 1.2.156.10197.1.301
        assertThat(Base64.getEncoder().encodeToString(kp.getPublic().getEncoded()))
                .startsWith("MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAE");
        assertThat(IdisCrypto.pem(kp.getPublic())).startsWith("-----BEGIN PUBLIC KEY-----\r\nMFkwEwYHKoZIzj0CAQYI")
                .endsWith("\r\n-----END PUBLIC KEY-----\r\n");
        byte[] nonce = new byte[16];
        byte[] digest = new byte[32];
        // scheme a verifies with the handle as user id over SM3(nonce ‖ digest), not with the default id
        byte[] sig = IdisCrypto.signSm2Sm3(kp.getPrivate(), "88.888/x", nonce, digest);
        assertThat(verify("SM3withSM2", kp, IdisCrypto.ascii("88.888/x"), IdisCrypto.sm3(nonce, digest), sig)).isTrue();
        assertThat(verify("SM3withSM2", kp, IdisCrypto.DEFAULT_SM2_ID, IdisCrypto.sm3(nonce, digest), sig)).isFalse();
        // scheme b is SHA256withSM2 over nonce ‖ digest with the default id
        byte[] sig2 = IdisCrypto.signSha256WithSm2(kp.getPrivate(), nonce, digest);
        assertThat(verify("SHA256withSM2", kp, IdisCrypto.DEFAULT_SM2_ID, IdisCrypto.concat(nonce, digest), sig2))
                .isTrue();
    }

    private static boolean verify(String alg, KeyPair kp, byte[] id, byte[] data, byte[] sig) throws Exception {
        java.security.Signature s = java.security.Signature.getInstance(alg, IdisCrypto.BC);
        s.setParameter(new org.bouncycastle.jcajce.spec.SM2ParameterSpec(id));
        s.initVerify(kp.getPublic());
        s.update(data);
        return s.verify(sig);
    }

    /** A "random" source that yields the standard's k. */
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
}
