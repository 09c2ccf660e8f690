package cn.idnode.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.WireWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import javax.crypto.interfaces.DHPublicKey;
import net.handle.hdllib.Util;
import org.junit.jupiter.api.Test;

/** The four HS_PUBKEY encodings of idis-extensions.md §7 and their encoders. */
class PublicKeysTest {
    private static final PublicKey SM2 = TestKeys.SM2.getPublic();

    @Test
    void cnriBlobsDecodeToRsaAndDsaIdentities() throws Exception {
        IdentityKey rsa = PublicKeys.decode(ByteString.wrap(Util.getBytesFromPublicKey(TestKeys.RSA.getPublic())));
        assertThat(rsa).isInstanceOf(IdentityKey.Rsa.class);
        assertThat(rsa.publicKey().orElseThrow().getEncoded()).isEqualTo(TestKeys.RSA.getPublic().getEncoded());
        IdentityKey dsa = PublicKeys.decode(ByteString.wrap(Util.getBytesFromPublicKey(TestKeys.DSA.getPublic())));
        assertThat(dsa).isInstanceOf(IdentityKey.Dsa.class);
        assertThat(dsa.kind()).isEqualTo("DSA");
    }

    @Test
    void sdkStylePemUsesCrlfAndTheWellKnownSm2Prefix() throws Exception {
        String pem = PublicKeys.pem(SM2);
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\r\nMFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAE")
                .endsWith("\r\n-----END PUBLIC KEY-----\r\n").doesNotContain("\n\n");
        assertThat(pem.replace("\r\n", "")).doesNotContain("\n");
    }

    @Test
    void sm2KeysDecodeFromEveryIdisEncoding() throws Exception {
        byte[] der = PublicKeys.spki(SM2);
        String crlf = PublicKeys.pem(SM2);
        String lf = crlf.replace("\r\n", "\n");
        ByteString[] encodings = {
            PublicKeys.encodeSm2Blob(SM2),                          // 2: SM2_PUB_KEY + PEM (SDK writer)
            sm2Blob(der),                                           // 2: SM2_PUB_KEY + DER (SDK reader)
            sm2Blob(lf.getBytes(StandardCharsets.US_ASCII)),
            PublicKeys.encodePem(SM2),                              // 4: bare PEM, CRLF
            ByteString.utf8("  \n" + lf + "\n"),                    // 4: bare PEM, LF, surrounding blanks
            ByteString.wrap(der),                                   // bare DER SPKI
        };
        for (ByteString e : encodings) {
            IdentityKey k = PublicKeys.decode(e);
            assertThat(k).as(e.toString()).isInstanceOf(IdentityKey.Sm2.class);
            assertThat(PublicKeys.spki(k.publicKey().orElseThrow())).isEqualTo(der);
        }
    }

    @Test
    void barePemRsaKeysAreAccepted() throws Exception {
        IdentityKey k = PublicKeys.decode(PublicKeys.encodePem(TestKeys.RSA.getPublic()));
        assertThat(k).isInstanceOf(IdentityKey.Rsa.class);
        assertThat(k.publicKey().orElseThrow().getEncoded()).isEqualTo(TestKeys.RSA.getPublic().getEncoded());
    }

    @Test
    void sm9BlobsAreADistinctUnverifiableIdentity() throws Exception {
        ByteString blob = new WireWriter().writeBytes(ByteString.utf8("SM9_PUB_KEY")).writeShort(0)
                .writeBytes(ByteString.utf8("Alice")).toByteString();
        IdentityKey k = PublicKeys.decode(blob);
        assertThat(k).isEqualTo(new IdentityKey.Sm9("Alice"));
        assertThat(k.publicKey()).isEmpty();
    }

    @Test
    void sessionAndForeignKeysAreRejectedWithClearMessages() throws Exception {
        KeyPairGenerator dh = KeyPairGenerator.getInstance("DH");
        dh.initialize(1024);
        DHPublicKey dhKey = (DHPublicKey) dh.generateKeyPair().getPublic();
        assertThatThrownBy(() -> PublicKeys.decode(KeyBlobs.encodePublicKey(dhKey)))
                .isInstanceOf(KeyFormatException.class).hasMessageContaining("not an identity key");

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        PublicKey p256 = ec.generateKeyPair().getPublic();
        assertThatThrownBy(() -> PublicKeys.decode(ByteString.wrap(p256.getEncoded())))
                .isInstanceOf(KeyFormatException.class).hasRootCauseMessage("EC public keys must be on sm2p256v1 ("
                        + Sm2Crypto.CURVE_OID + ")");
        assertThatThrownBy(() -> PublicKeys.decode(sm2Blob(TestKeys.RSA.getPublic().getEncoded())))
                .isInstanceOf(KeyFormatException.class).hasMessageContaining("SM2_PUB_KEY blob holds a RSA key");

        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(512);
        PublicKey weak = small.generateKeyPair().getPublic();
        assertThatThrownBy(() -> PublicKeys.decode(KeyBlobs.encodePublicKey(weak)))
                .isInstanceOf(KeyFormatException.class).hasMessageContaining("1024–16384");
    }

    @Test
    void malformedDataIsAKeyFormatException() throws Exception {
        String[] bad = {"", "garbage", "-----BEGIN PUBLIC KEY-----\r\n!!!!\r\n-----END PUBLIC KEY-----",
            "-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----",
            "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n-----BEGIN PUBLIC KEY-----\n"};
        for (String s : bad) {
            assertThatThrownBy(() -> PublicKeys.decode(ByteString.utf8(s))).as(s).isInstanceOf(KeyFormatException.class);
        }
        assertThatThrownBy(() -> PublicKeys.decode(ByteString.fromHex("0000000b534d325f5055425f4b4559" + "0000ffffffff")))
                .isInstanceOf(KeyFormatException.class).hasMessageContaining("malformed SM2_PUB_KEY");
        assertThatThrownBy(() -> PublicKeys.decode(ByteString.wrap(new byte[PublicKeys.MAX_KEY_DATA_LENGTH + 1])))
                .isInstanceOf(KeyFormatException.class).hasMessageContaining("longer than");
        // a point that is not on the curve
        byte[] der = PublicKeys.spki(SM2);
        der[der.length - 1] ^= 1;
        assertThatThrownBy(() -> PublicKeys.decode(ByteString.wrap(der))).isInstanceOf(KeyFormatException.class);
    }

    @Test
    void restFormIsTextForPemAndBase64ForBinaryIdisBlobs() throws Exception {
        assertThat(PublicKeys.restForm(KeyBlobs.encodePublicKey(TestKeys.RSA.getPublic()))).isEmpty();
        assertThat(PublicKeys.restForm(PublicKeys.encodeSm2Blob(SM2)).orElseThrow())
                .isEqualTo(new PublicKeys.RestForm("string", PublicKeys.pem(SM2)));
        assertThat(PublicKeys.restForm(PublicKeys.encodePem(SM2)).orElseThrow())
                .isEqualTo(new PublicKeys.RestForm("string", PublicKeys.pem(SM2)));
        ByteString derBlob = sm2Blob(PublicKeys.spki(SM2));
        assertThat(PublicKeys.restForm(derBlob).orElseThrow())
                .isEqualTo(new PublicKeys.RestForm("base64", Base64.getEncoder().encodeToString(derBlob.toByteArray())));
    }

    @Test
    void sm2JwkUsesTheSdkQuirk() throws Exception {
        Map<String, String> jwk = Jwk.toJwk(SM2);
        assertThat(jwk).containsEntry("kty", "SM2").containsKey("d");
        assertThat(PublicKeys.spki(Jwk.fromJwk(jwk))).isEqualTo(PublicKeys.spki(SM2));
    }

    @Test
    void identityKeyOfRejectsOtherCurves() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        PublicKey p256 = ec.generateKeyPair().getPublic();
        assertThatThrownBy(() -> IdentityKey.of(p256)).isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("sm2p256v1");
        assertThat(IdentityKey.of(SM2)).isInstanceOf(IdentityKey.Sm2.class);
    }

    static ByteString sm2Blob(byte[] payload) {
        return new WireWriter().writeBytes(ByteString.utf8("SM2_PUB_KEY")).writeShort(0).writeBytes(payload)
                .toByteString();
    }
}
