package cn.idnode.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ProtocolVersion;
import cn.idnode.protocol.WireReader;
import cn.idnode.protocol.WireWriter;
import java.lang.reflect.Method;
import java.math.BigInteger;
import java.security.interfaces.ECPrivateKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.interfaces.DHPrivateKey;
import javax.crypto.interfaces.DHPublicKey;
import net.handle.hdllib.SessionSetupInfo;
import net.handle.hdllib.Util;
import net.handle.security.HdlSecurityProvider;
import net.handle.security.provider.GenericProvider;
import org.junit.jupiter.api.Test;

/** Session key exchange (handle-protocol.md §14.1, idis-extensions.md §11.1). */
class SessionKeysTest {

    @Test
    void diffieHellmanKeysEqualWhatCnrisClientDerives() throws Exception {
        HdlSecurityProvider cnri = HdlSecurityProvider.getInstance();
        for (SessionAlgorithm alg : new SessionAlgorithm[] {SessionAlgorithm.AES, SessionAlgorithm.DES,
                SessionAlgorithm.DESEDE}) {
            for (int i = 0; i < 4; i++) {
                SessionSetupInfo client = new SessionSetupInfo(); // DH is CNRI's default mode
                assertThat(client.keyExchangeMode).isEqualTo(4);
                client.initDHKeys();
                SessionKeys.KeyExchange ours = SessionKeys.diffieHellman(ByteString.wrap(client.publicExchangeKey),
                        alg, ProtocolVersion.V2_11);
                // the CNRI client's side of HandleResolver.setupSessionWithServer, mode 4, version ≥ 2.4
                byte[] data = ours.responseData().toByteArray();
                int code = WireReader.getInt(data, 0);
                DHPublicKey serverPub = (DHPublicKey) Util.getPublicKeyFromBytes(data, 4);
                byte[] theirs = cnri.getKeyFromDH(serverPub, (DHPrivateKey) client.privateExchangeKey, code);
                assertThat(code).isEqualTo(alg.code());
                assertThat(Arrays.copyOfRange(theirs, 4, theirs.length)).as(alg.toString())
                        .isEqualTo(ours.key().key().toByteArray());
                assertThat(ours.key().key().length()).isEqualTo(alg == SessionAlgorithm.AES ? 32
                        : alg.cipherKeyLength());
            }
        }
    }

    @Test
    void legacyDiffieHellmanAnswersTheBareBlobAndDes() throws Exception {
        SessionSetupInfo client = new SessionSetupInfo();
        client.initDHKeys();
        SessionKeys.KeyExchange ours = SessionKeys.diffieHellman(ByteString.wrap(client.publicExchangeKey),
                SessionAlgorithm.AES, ProtocolVersion.V2_3);
        DHPublicKey serverPub = (DHPublicKey) Util.getPublicKeyFromBytes(ours.responseData().toByteArray(), 0);
        byte[] theirs = HdlSecurityProvider.getInstance().getDESKeyFromDH(serverPub,
                (DHPrivateKey) client.privateExchangeKey);
        assertThat(ours.key().algorithm()).isEqualTo(SessionAlgorithm.DES);
        assertThat(ours.key().key().toByteArray()).isEqualTo(theirs);
    }

    @Test
    void aesDerivationSkipsLeadingZerosExactlyLikeCnri() throws Exception {
        Method strip = GenericProvider.class.getDeclaredMethod("stripLeadingZerosAndTruncate", byte[].class, int.class);
        strip.setAccessible(true);
        for (int length : new int[] {32, 33, 34, 64, 128}) {
            for (int zeros = 0; zeros <= length; zeros++) {
                byte[] secret = new byte[length];
                for (int i = zeros; i < length; i++) {
                    secret[i] = (byte) (i + 1);
                }
                assertThat(SessionKeys.deriveFromDh(secret, SessionAlgorithm.AES))
                        .as("%d bytes, %d leading zeros", length, zeros).isEqualTo(strip.invoke(null, secret, 32));
            }
        }
    }

    @Test
    void cipherClientAndCipherHdlEncryptTheKeyBlobForRsaKeys() throws Exception {
        SessionKey key = SessionKeys.generate(SessionAlgorithm.AES);
        ByteString ct = SessionKeys.encryptForClient(IdentityKey.of(TestKeys.RSA.getPublic()), key,
                ProtocolVersion.V2_11);
        Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        c.init(Cipher.DECRYPT_MODE, TestKeys.RSA.getPrivate());
        byte[] blob = c.doFinal(ct.toByteArray());
        assertThat(blob).isEqualTo(new WireWriter().writeInt(3).writeRaw(key.key()).toByteArray());
        assertThat(SessionKeys.parseKeyBlob(blob, ProtocolVersion.V2_11)).isEqualTo(key);

        SessionKey des = SessionKeys.generate(SessionAlgorithm.DES);
        byte[] old = c.doFinal(SessionKeys.encryptForClient(IdentityKey.of(TestKeys.RSA.getPublic()), des,
                ProtocolVersion.V2_1).toByteArray());
        assertThat(old).isEqualTo(des.key().toByteArray()); // below 2.2: the bare DES key
    }

    @Test
    void idisSm2KeysGetAnSm2EncryptedSm4Key() throws Exception {
        SessionKey key = SessionKeys.generate(SessionAlgorithm.SM4);
        ByteString ct = SessionKeys.encryptForClient(IdentityKey.of(TestKeys.SM2.getPublic()), key,
                ProtocolVersion.V2_10);
        assertThat(ct.length()).isEqualTo(65 + 32 + 20);
        assertThat(ct.byteAt(0)).isEqualTo((byte) 0x04);
        byte[] blob = Sm2Crypto.decrypt((ECPrivateKey) TestKeys.SM2.getPrivate(), ct.toByteArray());
        assertThat(blob).isEqualTo(new WireWriter().writeInt(4).writeRaw(key.key()).toByteArray());
    }

    @Test
    void dsaAndSm9KeysCannotCarryASessionKey() throws Exception {
        SessionKey key = SessionKeys.generate(SessionAlgorithm.AES);
        assertThatThrownBy(() -> SessionKeys.encryptForClient(IdentityKey.of(TestKeys.DSA.getPublic()), key,
                ProtocolVersion.V2_11)).isInstanceOfSatisfying(SessionCryptoException.class,
                        e -> assertThat(e.responseCode().code()).isEqualTo(503));
        assertThatThrownBy(() -> SessionKeys.encryptForClient(new IdentityKey.Sm9("Alice"), key,
                ProtocolVersion.V2_11)).isInstanceOf(SessionCryptoException.class);
    }

    @Test
    void cipherServerAcceptsTheBareKeyCnriSendsAndThePrefixedBlobTheSpecDescribes() throws Exception {
        Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        c.init(Cipher.ENCRYPT_MODE, TestKeys.RSA.getPublic());
        // CNRI's client: generateSecretKey(AES) minus its 4-byte prefix
        byte[] cnriKey = new GenericProvider().generateSecretKey(HdlSecurityProvider.ENCRYPT_ALG_AES);
        byte[] bare = Arrays.copyOfRange(cnriKey, 4, cnriKey.length);
        SessionKey fromBare = SessionKeys.decryptFromClient(TestKeys.RSA.getPrivate(),
                ByteString.wrap(c.doFinal(bare)), ProtocolVersion.V2_11);
        assertThat(fromBare).isEqualTo(new SessionKey(SessionAlgorithm.AES, ByteString.wrap(bare)));
        SessionKey fromBlob = SessionKeys.decryptFromClient(TestKeys.RSA.getPrivate(),
                ByteString.wrap(c.doFinal(cnriKey)), ProtocolVersion.V2_11);
        assertThat(fromBlob).isEqualTo(fromBare);
        SessionKey desede = SessionKeys.generate(SessionAlgorithm.DESEDE);
        assertThat(SessionKeys.decryptFromClient(TestKeys.RSA.getPrivate(), ByteString.wrap(c.doFinal(
                SessionKeys.keyBlob(desede, ProtocolVersion.V2_11))), ProtocolVersion.V2_11)).isEqualTo(desede);
        assertThatThrownBy(() -> SessionKeys.decryptFromClient(TestKeys.RSA.getPrivate(), ByteString.wrap(new byte[256]),
                ProtocolVersion.V2_11)).isInstanceOf(SessionCryptoException.class);
        assertThatThrownBy(() -> SessionKeys.decryptFromClient(TestKeys.RSA.getPrivate(),
                ByteString.wrap(c.doFinal(new byte[5])), ProtocolVersion.V2_11))
                .isInstanceOf(SessionCryptoException.class);
    }

    @Test
    void hostileDiffieHellmanParametersAreRejected() throws Exception {
        SessionSetupInfo client = new SessionSetupInfo();
        client.initDHKeys();
        DHPublicKey good = (DHPublicKey) Util.getPublicKeyFromBytes(client.publicExchangeKey, 0);
        BigInteger p = good.getParams().getP();
        BigInteger g = good.getParams().getG();
        ByteString[] bad = {
            dhBlob(BigInteger.ONE, p, g), dhBlob(p.subtract(BigInteger.ONE), p, g), dhBlob(good.getY(), p,
                BigInteger.ONE), dhBlob(BigInteger.TWO, BigInteger.valueOf(23), BigInteger.valueOf(5)),
            dhBlob(good.getY(), BigInteger.ONE.shiftLeft(8192).add(BigInteger.ONE), g),
            KeyBlobs.encodePublicKey(TestKeys.RSA.getPublic()), ByteString.utf8("garbage"), ByteString.EMPTY,
        };
        for (ByteString b : bad) {
            assertThatThrownBy(() -> SessionKeys.diffieHellman(b, SessionAlgorithm.AES, ProtocolVersion.V2_11))
                    .isInstanceOfSatisfying(SessionCryptoException.class,
                            e -> assertThat(e.responseCode().code()).isEqualTo(504));
        }
    }

    private static ByteString dhBlob(BigInteger y, BigInteger p, BigInteger g) {
        return new WireWriter().writeBytes(ByteString.utf8("DH_PUB_KEY")).writeShort(0).writeBytes(y.toByteArray())
                .writeBytes(p.toByteArray()).writeBytes(g.toByteArray()).toByteString();
    }
}
