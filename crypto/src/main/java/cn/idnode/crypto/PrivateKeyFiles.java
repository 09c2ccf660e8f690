package cn.idnode.crypto;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.WireReader;
import cn.idnode.protocol.WireWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.DSAPrivateKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Private-key files in CNRI's format, so that keys written by {@code idnode keygen} work with CNRI's tools and
 * CNRI's key files work with idnode (handle-protocol.md §9.3).
 *
 * <p>A file is {@code int4 encryption} followed by the (possibly encrypted) key bytes. Key bytes are
 * {@code UTF8String type} then {@code Bytes} big numbers: {@code RSA_PRIVCRT_KEY} n, e, d, p, q, dP, dQ, qInv;
 * {@code RSA_PRIV_KEY} n, d; {@code DSA_PRIV_KEY} x, p, q, g. Encryption 1 is "none"; 4 is PBKDF2-HMAC-SHA1
 * (10 000 iterations, 128-bit key) with AES-128-CBC/PKCS5, laid out as {@code Bytes salt, int4 iterations,
 * int4 keyLength, Bytes iv, Bytes ciphertext} [unverified against every CNRI version: checked only against 9.3.1].
 */
public final class PrivateKeyFiles {
    private PrivateKeyFiles() {}

    public static final int ENCRYPT_NONE = 1;
    public static final int ENCRYPT_PBKDF2_AES = 4;
    private static final int ITERATIONS = 10_000;

    public static byte[] encode(PrivateKey key) throws KeyFormatException {
        return frame(ENCRYPT_NONE, keyBytes(key));
    }

    public static PrivateKey decode(byte[] file) throws KeyFormatException {
        return decode(file, null);
    }

    /** Decodes a key file; {@code passphrase} is needed only for encrypted files. */
    public static PrivateKey decode(byte[] file, char[] passphrase) throws KeyFormatException {
        if (file.length < 4) {
            throw new KeyFormatException("private key file too short");
        }
        int scheme = WireReader.getInt(file, 0);
        byte[] rest = Arrays.copyOfRange(file, 4, file.length);
        return switch (scheme) {
            case ENCRYPT_NONE -> parseKey(rest);
            case ENCRYPT_PBKDF2_AES -> {
                if (passphrase == null) {
                    throw new KeyFormatException("the private key file is encrypted: a passphrase is required");
                }
                yield parseKey(decryptPbkdf2Aes(rest, passphrase));
            }
            default -> throw new KeyFormatException("unsupported private key encryption scheme " + scheme);
        };
    }

    /** True if the file needs a passphrase. */
    public static boolean isEncrypted(byte[] file) {
        return file.length >= 4 && WireReader.getInt(file, 0) != ENCRYPT_NONE;
    }

    public static byte[] encodeEncrypted(PrivateKey key, char[] passphrase) throws KeyFormatException {
        try {
            byte[] salt = new byte[16];
            byte[] iv = new byte[16];
            SecureRandom rnd = new SecureRandom();
            rnd.nextBytes(salt);
            rnd.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.ENCRYPT_MODE, deriveKey(passphrase, salt, ITERATIONS, 128), new IvParameterSpec(iv));
            byte[] ct = c.doFinal(keyBytes(key));
            WireWriter w = new WireWriter(ct.length + 64);
            w.writeBytes(salt).writeInt(ITERATIONS).writeInt(128).writeBytes(iv).writeBytes(ct);
            return frame(ENCRYPT_PBKDF2_AES, w.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new KeyFormatException("cannot encrypt private key: " + e.getMessage(), e);
        }
    }

    private static byte[] frame(int scheme, byte[] body) {
        byte[] out = new byte[4 + body.length];
        WireWriter.putInt(out, 0, scheme);
        System.arraycopy(body, 0, out, 4, body.length);
        return out;
    }

    private static byte[] decryptPbkdf2Aes(byte[] data, char[] passphrase) throws KeyFormatException {
        try {
            WireReader r = new WireReader(data);
            byte[] salt = r.readBytes("salt").toByteArray();
            int iterations = r.readInt("iterations");
            int keyLength = r.readInt("key length");
            byte[] iv = r.readBytes("iv").toByteArray();
            byte[] ct = r.readBytes("ciphertext").toByteArray();
            if (iterations <= 0 || iterations > 10_000_000 || (keyLength != 128 && keyLength != 256)) {
                throw new KeyFormatException("implausible key derivation parameters");
            }
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.DECRYPT_MODE, deriveKey(passphrase, salt, iterations, keyLength), new IvParameterSpec(iv));
            return c.doFinal(ct);
        } catch (ProtocolException e) {
            throw new KeyFormatException("malformed encrypted key file: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new KeyFormatException("cannot decrypt the private key (wrong passphrase?)", e);
        }
    }

    private static SecretKeySpec deriveKey(char[] passphrase, byte[] salt, int iterations, int bits)
            throws GeneralSecurityException {
        SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1");
        byte[] k = f.generateSecret(new PBEKeySpec(passphrase, salt, iterations, bits)).getEncoded();
        return new SecretKeySpec(k, "AES");
    }

    static byte[] keyBytes(PrivateKey key) throws KeyFormatException {
        WireWriter w = new WireWriter(2048);
        if (key instanceof RSAPrivateCrtKey k) {
            w.writeBytes(ByteString.utf8("RSA_PRIVCRT_KEY"));
            for (BigInteger b : new BigInteger[] {k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
                    k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(),
                    k.getCrtCoefficient()}) {
                w.writeBytes(b.toByteArray());
            }
        } else if (key instanceof RSAPrivateKey k) {
            w.writeBytes(ByteString.utf8("RSA_PRIV_KEY")).writeBytes(k.getModulus().toByteArray())
                    .writeBytes(k.getPrivateExponent().toByteArray());
        } else if (key instanceof DSAPrivateKey k) {
            DSAParams p = k.getParams();
            w.writeBytes(ByteString.utf8("DSA_PRIV_KEY")).writeBytes(k.getX().toByteArray())
                    .writeBytes(p.getP().toByteArray()).writeBytes(p.getQ().toByteArray())
                    .writeBytes(p.getG().toByteArray());
        } else {
            throw new KeyFormatException("cannot write a " + key.getAlgorithm() + " private key in Handle format");
        }
        return w.toByteArray();
    }

    static PrivateKey parseKey(byte[] bytes) throws KeyFormatException {
        try {
            WireReader r = new WireReader(bytes);
            String type = new String(r.readBytes("key type").toByteArray(), StandardCharsets.UTF_8);
            switch (type) {
                case "RSA_PRIVCRT_KEY" -> {
                    BigInteger[] v = new BigInteger[8];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = KeyBlobs.unsigned(r.readBytes("RSA key number"));
                    }
                    return KeyFactory.getInstance("RSA").generatePrivate(
                            new RSAPrivateCrtKeySpec(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]));
                }
                case "RSA_PRIV_KEY" -> {
                    BigInteger n = KeyBlobs.unsigned(r.readBytes("RSA modulus"));
                    BigInteger d = KeyBlobs.unsigned(r.readBytes("RSA private exponent"));
                    return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateKeySpec(n, d));
                }
                case "DSA_PRIV_KEY" -> {
                    BigInteger x = KeyBlobs.unsigned(r.readBytes("DSA x"));
                    BigInteger p = KeyBlobs.unsigned(r.readBytes("DSA p"));
                    BigInteger q = KeyBlobs.unsigned(r.readBytes("DSA q"));
                    BigInteger g = KeyBlobs.unsigned(r.readBytes("DSA g"));
                    return KeyFactory.getInstance("DSA").generatePrivate(new DSAPrivateKeySpec(x, p, q, g));
                }
                default -> throw new KeyFormatException("unsupported private key type \"" + type + "\"");
            }
        } catch (ProtocolException e) {
            throw new KeyFormatException("malformed private key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new KeyFormatException("invalid private key: " + e.getMessage(), e);
        }
    }
}
