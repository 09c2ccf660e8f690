package cn.idnode.crypto;

import cn.idnode.protocol.ProtocolVersion;
import cn.idnode.protocol.ResponseCode;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Encrypts and decrypts session messages (everything after the envelope; handle-protocol.md §14.6,
 * idis-extensions.md §11.2).
 *
 * <p>Design note. From version 2.4 DES, DESede and AES run CBC with PKCS#5 padding and a fresh random IV, and the
 * output is {@code IV ‖ ciphertext} (IV 8 bytes for DES/DESede, 16 for AES); below 2.4 they run ECB without IV, as
 * CNRI's {@code GenericProvider} does. AES uses the first 16 key bytes, DES the first 8, DESede the first 24. SM4
 * (IDIS) is different whatever the version: CBC/PKCS#5 with IV = the 16-byte key and no IV prefix — deterministic
 * and weak, reproduced only for compatibility. Instances are immutable and thread-safe: each call builds its own
 * cipher object.
 */
public final class SessionCipher {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionAlgorithm algorithm;
    private final byte[] key;
    private final boolean legacy;

    public SessionCipher(SessionKey sessionKey, ProtocolVersion version) {
        this.algorithm = sessionKey.algorithm();
        this.key = Arrays.copyOf(sessionKey.key().toByteArray(), algorithm.cipherKeyLength());
        this.legacy = version.below(ProtocolVersion.V2_4);
    }

    public SessionAlgorithm algorithm() {
        return algorithm;
    }

    public byte[] encrypt(byte[] plaintext) {
        return encrypt(plaintext, 0, plaintext.length);
    }

    public byte[] encrypt(byte[] in, int off, int len) {
        if (algorithm == SessionAlgorithm.SM4) {
            try {
                return sm4(true, in, off, len);
            } catch (InvalidCipherTextException e) {
                throw new IllegalStateException("SM4 encryption failed", e);
            }
        }
        try {
            Cipher c = Cipher.getInstance(transformation());
            if (legacy) {
                c.init(Cipher.ENCRYPT_MODE, secretKey());
                return c.doFinal(in, off, len);
            }
            byte[] iv = new byte[algorithm.blockSize()];
            RANDOM.nextBytes(iv);
            c.init(Cipher.ENCRYPT_MODE, secretKey(), new IvParameterSpec(iv));
            byte[] out = Arrays.copyOf(iv, iv.length + c.getOutputSize(len));
            int n = c.doFinal(in, off, len, out, iv.length);
            return n + iv.length == out.length ? out : Arrays.copyOf(out, n + iv.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK without " + transformation(), e);
        }
    }

    public byte[] decrypt(byte[] ciphertext) throws SessionCryptoException {
        return decrypt(ciphertext, 0, ciphertext.length);
    }

    /** Decrypts; any malformed or forged input is RC 501 (SESSION_FAILED). */
    public byte[] decrypt(byte[] in, int off, int len) throws SessionCryptoException {
        int block = algorithm.blockSize();
        int ivLength = legacy || algorithm == SessionAlgorithm.SM4 ? 0 : block;
        if (len < ivLength + block || (len - ivLength) % block != 0) {
            throw failed("encrypted message of " + len + " bytes is not " + (ivLength > 0 ? "an IV and " : "")
                    + "whole " + block + "-byte blocks");
        }
        try {
            if (algorithm == SessionAlgorithm.SM4) {
                return sm4(false, in, off, len);
            }
            Cipher c = Cipher.getInstance(transformation());
            if (legacy) {
                c.init(Cipher.DECRYPT_MODE, secretKey());
            } else {
                c.init(Cipher.DECRYPT_MODE, secretKey(), new IvParameterSpec(in, off, ivLength));
            }
            return c.doFinal(in, off + ivLength, len - ivLength);
        } catch (GeneralSecurityException | InvalidCipherTextException | RuntimeException e) {
            throw failed("message does not decrypt with the session key");
        }
    }

    private String transformation() {
        String name = switch (algorithm) {
            case DES -> "DES";
            case DESEDE -> "DESede";
            default -> "AES";
        };
        return name + (legacy ? "/ECB/PKCS5Padding" : "/CBC/PKCS5Padding");
    }

    private SecretKeySpec secretKey() {
        return new SecretKeySpec(key, switch (algorithm) {
            case DES -> "DES";
            case DESEDE -> "DESede";
            default -> "AES";
        });
    }

    private byte[] sm4(boolean encrypt, byte[] in, int off, int len) throws InvalidCipherTextException {
        BufferedBlockCipher c = new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(new SM4Engine()),
                new PKCS7Padding());
        c.init(encrypt, new ParametersWithIV(new KeyParameter(key), key));
        byte[] out = new byte[c.getOutputSize(len)];
        int n = c.processBytes(in, off, len, out, 0);
        n += c.doFinal(out, n);
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static SessionCryptoException failed(String message) {
        return new SessionCryptoException(ResponseCode.SESSION_FAILED, message);
    }
}
