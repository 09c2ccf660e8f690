package cn.idnode.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.handle.hdllib.SessionInfo;
import org.junit.jupiter.api.Test;

/** Session message encryption (handle-protocol.md §14.6, idis-extensions.md §11.2). */
class SessionCipherTest {
    private static final byte[] MESSAGE = "header, body and credential of a Handle message ..."
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void interoperatesWithCnrisSessionCipherInBothDirections() throws Exception {
        for (ProtocolVersion v : new ProtocolVersion[] {ProtocolVersion.V2_11, ProtocolVersion.V2_4,
                ProtocolVersion.V2_3}) {
            for (SessionAlgorithm alg : new SessionAlgorithm[] {SessionAlgorithm.AES, SessionAlgorithm.DES,
                    SessionAlgorithm.DESEDE}) {
                SessionKey key = alg == SessionAlgorithm.AES
                        ? new SessionKey(alg, ByteString.wrap(Sm2Crypto.sm3("32-byte DH-derived key".getBytes())))
                        : SessionKeys.generate(alg);
                SessionInfo cnri = new SessionInfo(1, key.key().toByteArray(), null, -1, alg.code(), v.major(),
                        v.minor());
                SessionCipher ours = new SessionCipher(key, v);
                byte[] byCnri = cnri.encryptBuffer(MESSAGE, 0, MESSAGE.length);
                assertThat(ours.decrypt(byCnri)).as("%s %s", alg, v).isEqualTo(MESSAGE);
                byte[] byUs = ours.encrypt(MESSAGE);
                assertThat(cnri.decryptBuffer(byUs, 0, byUs.length)).as("%s %s", alg, v).isEqualTo(MESSAGE);
                int iv = v.atLeast(ProtocolVersion.V2_4) ? alg.blockSize() : 0;
                int padded = (MESSAGE.length / alg.blockSize() + 1) * alg.blockSize();
                assertThat(byUs).hasSize(iv + padded);
            }
        }
    }

    @Test
    void cbcUsesAFreshIvEachTime() {
        SessionCipher c = new SessionCipher(SessionKeys.generate(SessionAlgorithm.AES), ProtocolVersion.V2_11);
        assertThat(c.encrypt(MESSAGE)).isNotEqualTo(c.encrypt(MESSAGE));
    }

    @Test
    void sm4UsesTheKeyAsIvAndNoPrefix() throws Exception {
        SessionKey key = SessionKeys.generate(SessionAlgorithm.SM4);
        SessionCipher c = new SessionCipher(key, ProtocolVersion.V2_11);
        byte[] a = c.encrypt(MESSAGE);
        assertThat(a).hasSize((MESSAGE.length / 16 + 1) * 16).isEqualTo(c.encrypt(MESSAGE)); // deterministic
        assertThat(c.decrypt(a)).isEqualTo(MESSAGE);
        // the first block is E_K(P1 ⊕ K): re-encrypting P1 ⊕ K under an IV of zeros gives the same block
        byte[] p1 = Arrays.copyOf(MESSAGE, 16);
        byte[] k = key.key().toByteArray();
        var ecb = new org.bouncycastle.crypto.engines.SM4Engine();
        ecb.init(true, new org.bouncycastle.crypto.params.KeyParameter(k));
        byte[] x = new byte[16];
        for (int i = 0; i < 16; i++) {
            x[i] = (byte) (p1[i] ^ k[i]);
        }
        byte[] block = new byte[16];
        ecb.processBlock(x, 0, block, 0);
        assertThat(Arrays.copyOf(a, 16)).isEqualTo(block);
    }

    @Test
    void tamperedOrMisframedCiphertextIsRc501() {
        for (SessionAlgorithm alg : SessionAlgorithm.values()) {
            SessionCipher c = new SessionCipher(SessionKeys.generate(alg), ProtocolVersion.V2_11);
            byte[] ct = c.encrypt(MESSAGE);
            byte[][] bad = {new byte[0], Arrays.copyOf(ct, ct.length - 1), Arrays.copyOf(ct, alg.blockSize()),
                new byte[ct.length]};
            for (byte[] b : bad) {
                assertThatThrownBy(() -> c.decrypt(b)).as(alg + " " + b.length)
                        .isInstanceOfSatisfying(SessionCryptoException.class,
                                e -> assertThat(e.responseCode().code()).isEqualTo(501));
            }
            byte[] flipped = ct.clone();
            flipped[flipped.length - 1] ^= 0x5A; // last padding byte: rejected or, rarely, wrong plaintext
            try {
                assertThat(c.decrypt(flipped)).isNotEqualTo(MESSAGE);
            } catch (SessionCryptoException e) {
                assertThat(e.responseCode().code()).isEqualTo(501);
            }
        }
    }
}
