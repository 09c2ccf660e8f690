package cn.idnode.server.idis;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The test client's cryptography, written from idis-extensions.md §6, §7, §8 and §11 with BouncyCastle only — no
 * idnode code — so that the server's implementation is checked against an independent one. Each primitive is
 * checked against published vectors in {@link IdisClientSelfTest} before the client is used against the server.
 */
final class IdisCrypto {
    private IdisCrypto() {}

    static final Provider BC = new BouncyCastleProvider();
    static final SecureRandom RANDOM = new SecureRandom();
    /** The SM2 default user id (GB/T 32918; idis-extensions.md appendix A7 scheme b). */
    static final byte[] DEFAULT_SM2_ID = ascii("1234567812345678");
    static final X9ECParameters SM2_CURVE = GMNamedCurves.getByName("sm2p256v1");
    static final ECDomainParameters SM2_DOMAIN = new ECDomainParameters(SM2_CURVE);

    // ------------------------------------------------------------------------------------------------ keys

    static KeyPair sm2KeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
            g.initialize(new ECGenParameterSpec("sm2p256v1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsaKeyPair(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits, RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM text of an X.509 SubjectPublicKeyInfo with CRLF line ends, 64 characters a line (appendix A9). */
    static String pem(PublicKey key) {
        String b64 = Base64.getEncoder().encodeToString(key.getEncoded());
        StringBuilder sb = new StringBuilder("-----BEGIN PUBLIC KEY-----\r\n");
        for (int i = 0; i < b64.length(); i += 64) {
            sb.append(b64, i, Math.min(b64.length(), i + 64)).append("\r\n");
        }
        return sb.append("-----END PUBLIC KEY-----\r\n").toString();
    }

    /** HS_PUBKEY encoding 1 (handle-protocol.md §9.3): {@code "RSA_PUB_KEY"}, int2 0, Bytes e, Bytes n. */
    static byte[] rsaBlob(PublicKey key) {
        RSAPublicKey rsa = (RSAPublicKey) key;
        return new IdisBytes().utf8("RSA_PUB_KEY").int2(0).bytes(rsa.getPublicExponent().toByteArray())
                .bytes(rsa.getModulus().toByteArray()).toArray();
    }

    static KeyPair dsaKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("DSA");
            g.initialize(2048, RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HS_PUBKEY encoding 1 for DSA (handle-protocol.md §9.3): {@code "DSA_PUB_KEY"}, int2 0, Bytes q, p, g, y. */
    static byte[] dsaBlob(PublicKey key) {
        java.security.interfaces.DSAPublicKey dsa = (java.security.interfaces.DSAPublicKey) key;
        return new IdisBytes().utf8("DSA_PUB_KEY").int2(0).bytes(dsa.getParams().getQ().toByteArray())
                .bytes(dsa.getParams().getP().toByteArray()).bytes(dsa.getParams().getG().toByteArray())
                .bytes(dsa.getY().toByteArray()).toArray();
    }

    /** HS_PUBKEY encoding 2 (§7): {@code "SM2_PUB_KEY"}, int2 0, Bytes (PEM text or DER SPKI). */
    static byte[] sm2Blob(byte[] spkiPemOrDer) {
        return new IdisBytes().utf8("SM2_PUB_KEY").int2(0).bytes(spkiPemOrDer).toArray();
    }

    /** HS_PUBKEY encoding 3 (§7): {@code "SM9_PUB_KEY"}, int2 0, Bytes identity string. */
    static byte[] sm9Blob(String identity) {
        return new IdisBytes().utf8("SM9_PUB_KEY").int2(0).utf8(identity).toArray();
    }

    // ------------------------------------------------------------------------------------------------ hashes

    static byte[] sm3(byte[]... parts) {
        SM3Digest d = new SM3Digest();
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_Q ‖ y_Q) on sm2p256v1 (§6.1 step 2). */
    static byte[] za(byte[] id, ECPoint q) {
        int bits = id.length * 8;
        ECPoint g = SM2_CURVE.getG().normalize();
        ECPoint qn = q.normalize();
        return sm3(new byte[] {(byte) (bits >> 8), (byte) bits}, id, SM2_CURVE.getCurve().getA().getEncoded(),
                SM2_CURVE.getCurve().getB().getEncoded(), g.getAffineXCoord().getEncoded(),
                g.getAffineYCoord().getEncoded(), qn.getAffineXCoord().getEncoded(), qn.getAffineYCoord().getEncoded());
    }

    // ------------------------------------------------------------------------------------------------ signatures

    /** SM2 signature (DER r,s) of {@code message} with user id {@code id}; {@code digest} computes Z_A and e. */
    static byte[] sm2Sign(ECPrivateKeyParameters key, byte[] id, byte[] message, Digest digest, SecureRandom random) {
        SM2Signer s = new SM2Signer(StandardDSAEncoding.INSTANCE, digest);
        s.init(true, new ParametersWithID(new ParametersWithRandom(key, random), id));
        s.update(message, 0, message.length);
        try {
            return s.generateSignature();
        } catch (CryptoException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECPrivateKeyParameters sm2Private(PrivateKey key) {
        try {
            return (ECPrivateKeyParameters) ECUtil.generatePrivateKeyParameter(key);
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** §6.1: M = SM3(nonce ‖ digest), SM2-with-SM3 signature of M, user id = the identity handle's UTF-8 bytes. */
    static byte[] signSm2Sm3(PrivateKey key, String identityHandle, byte[] nonce, byte[] digest) {
        return sm2Sign(sm2Private(key), identityHandle.getBytes(StandardCharsets.UTF_8), sm3(nonce, digest),
                new SM3Digest(), RANDOM);
    }

    /** Appendix A7 (b): JCA {@code SHA256withSM2} over nonce ‖ digest with the default user id, as the SDK signs. */
    static byte[] signSha256WithSm2(PrivateKey key, byte[] nonce, byte[] digest) {
        return jcaSign("SHA256withSM2", BC, key, concat(nonce, digest));
    }

    /** §6: {@code SHA256withRSA} (PKCS#1 v1.5) over nonce ‖ digest. */
    static byte[] signRsa(PrivateKey key, byte[] data) {
        return jcaSign("SHA256withRSA", null, key, data);
    }

    /** §6: {@code SHA256withDSA} (DER) over nonce ‖ digest. */
    static byte[] signDsa(PrivateKey key, byte[] data) {
        return jcaSign("SHA256withDSA", null, key, data);
    }

    /**
     * An HS_SECKEY answer with code 0x22 (handle-protocol.md §13.4): {@code int1 0x22, Bytes salt(16), int4 10000,
     * int4 160, Bytes HMAC-SHA1(PBKDF2-HMAC-SHA1(password, salt, 10000, 160), data)}, where the password is the
     * secret's bytes read as characters 0–255.
     */
    static byte[] pbkdf2Answer(byte[] secret, byte[] data) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        char[] password = new char[secret.length];
        for (int i = 0; i < secret.length; i++) {
            password[i] = (char) (secret[i] & 0xFF);
        }
        try {
            byte[] derived = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1")
                    .generateSecret(new javax.crypto.spec.PBEKeySpec(password, salt, 10_000, 160)).getEncoded();
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(derived, "HmacSHA1"));
            return new IdisBytes().int1(0x22).bytes(salt).int4(10_000).int4(160).bytes(mac.doFinal(data)).toArray();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] jcaSign(String alg, Provider provider, PrivateKey key, byte[] data) {
        try {
            Signature s = provider == null ? Signature.getInstance(alg) : Signature.getInstance(alg, provider);
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ session keys

    /** §11.1 step 3: SM2 decryption of C1 ‖ C3 ‖ C2 (C1 uncompressed, C3 = SM3). */
    static byte[] sm2Decrypt(PrivateKey key, byte[] ciphertext) throws InvalidCipherTextException {
        return sm2Decrypt(sm2Private(key), ciphertext);
    }

    static byte[] sm2Decrypt(ECPrivateKeyParameters key, byte[] ciphertext) throws InvalidCipherTextException {
        SM2Engine e = new SM2Engine(SM2Engine.Mode.C1C3C2);
        e.init(false, key);
        return e.processBlock(ciphertext, 0, ciphertext.length);
    }

    /** RSA/ECB/PKCS#1 v1.5 (handle-protocol.md §14.1). */
    static byte[] rsaDecrypt(PrivateKey key, byte[] ciphertext) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        c.init(Cipher.DECRYPT_MODE, key);
        return c.doFinal(ciphertext);
    }

    /** A session key as the server sends it: {@code int4 algorithm ‖ key} (1 DES, 2 DESede, 3 AES, 4 SM4). */
    record SessionKey(int algorithm, byte[] key) {
        static SessionKey parse(byte[] blob) {
            int alg = ((blob[0] & 0xFF) << 24) | ((blob[1] & 0xFF) << 16) | ((blob[2] & 0xFF) << 8) | (blob[3] & 0xFF);
            return new SessionKey(alg, Arrays.copyOfRange(blob, 4, blob.length));
        }

        /** SM4 (§11.2): CBC, PKCS#5, IV = key, no IV prefix. AES (handle-protocol.md §14.6): random IV prefix. */
        byte[] encrypt(byte[] plain) {
            try {
                if (algorithm == 4) {
                    Cipher c = Cipher.getInstance("SM4/CBC/PKCS5Padding", BC);
                    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "SM4"), new IvParameterSpec(key));
                    return c.doFinal(plain);
                }
                if (algorithm == 3) {
                    byte[] iv = new byte[16];
                    RANDOM.nextBytes(iv);
                    Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
                    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, 16, "AES"), new IvParameterSpec(iv));
                    return concat(iv, c.doFinal(plain));
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("the test client speaks SM4 and AES only, not algorithm " + algorithm);
        }

        byte[] decrypt(byte[] cipherText) throws GeneralSecurityException {
            if (algorithm == 4) {
                Cipher c = Cipher.getInstance("SM4/CBC/PKCS5Padding", BC);
                c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "SM4"), new IvParameterSpec(key));
                return c.doFinal(cipherText);
            }
            if (algorithm == 3) {
                Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
                c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, 0, 16, "AES"),
                        new IvParameterSpec(cipherText, 0, 16));
                return c.doFinal(cipherText, 16, cipherText.length - 16);
            }
            throw new IllegalStateException("the test client speaks SM4 and AES only, not algorithm " + algorithm);
        }
    }

    // ------------------------------------------------------------------------------------------------ tokens

    /**
     * §8.2: a compact JWS, RS256, header {@code {"alg":"RS256","typ":"JWT"}}, claims user_index (int), user_handle,
     * nonce (long), timestamp (ms).
     */
    static String identityToken(PrivateKey key, String userHandle, int userIndex, long nonce, long timestampMillis) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(ascii("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"));
        String claims = b64.encodeToString(("{\"user_index\":" + userIndex + ",\"user_handle\":\"" + userHandle
                + "\",\"nonce\":" + nonce + ",\"timestamp\":" + timestampMillis + "}").getBytes(StandardCharsets.UTF_8));
        String input = header + "." + claims;
        return input + "." + b64.encodeToString(signRsa(key, ascii(input)));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static BigInteger unsigned(byte[] b) {
        return new BigInteger(1, b);
    }
}
