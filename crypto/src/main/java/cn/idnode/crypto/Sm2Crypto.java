package cn.idnode.crypto;

import cn.idnode.protocol.ByteString;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.function.Supplier;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.DSAEncoding;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * SM2 (GB/T 32918) on the curve sm2p256v1, with SM3 (GB/T 32905): the primitives behind IDIS login signatures
 * (idis-extensions.md §6.1 and appendix A7), SM2-encrypted session keys (§11) and SM2256 signatures (§12).
 *
 * <p>Design note: every primitive is BouncyCastle's ({@link SM2Signer}, {@link SM2Engine}, {@link SM3Digest}); this
 * class only pins the curve, the user id, the encodings and the failure modes. Verification never throws for a bad
 * signature: it answers {@code false}. Signatures are produced DER-encoded ({@code SEQUENCE {r, s}}, hutool's
 * default) and accepted DER or raw 64-byte {@code r ‖ s}. Ciphertexts are {@code C1 ‖ C3 ‖ C2} with C1 an
 * uncompressed point (65 bytes) and C3 the 32-byte SM3 hash. Objects are created per call, so the class is
 * thread-safe.
 */
public final class Sm2Crypto {
    private Sm2Crypto() {}

    /** The SM2 user id used when none is agreed (GB/T 35276): ASCII {@code 1234567812345678}. */
    public static final ByteString DEFAULT_USER_ID = ByteString.utf8("1234567812345678");
    private static final byte[] DEFAULT_ID = DEFAULT_USER_ID.toByteArray();
    /** OID of the curve sm2p256v1 (also the SM2 algorithm OID in some toolkits). */
    public static final String CURVE_OID = GMObjectIdentifiers.sm2p256v1.getId();
    /** ENTL is a 16-bit bit count, so a user id must stay below 8192 bytes. */
    static final int MAX_USER_ID_LENGTH = 8191;
    private static final int RAW_SIGNATURE_LENGTH = 64;
    /** Longest DER signature: two 33-byte INTEGERs with headers inside a SEQUENCE. */
    private static final int MAX_SIGNATURE_LENGTH = 72;
    private static final int C1_LENGTH = 65;
    private static final int C3_LENGTH = 32;

    static final Provider PROVIDER = new BouncyCastleProvider();
    static final ECDomainParameters DOMAIN;
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        X9ECParameters x9 = GMNamedCurves.getByOID(GMObjectIdentifiers.sm2p256v1);
        DOMAIN = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
    }

    /** A fresh SM2 key pair (for tests and key generation tools). */
    public static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", PROVIDER);
            g.initialize(new ECGenParameterSpec("sm2p256v1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("BouncyCastle without sm2p256v1", e);
        }
    }

    /** True if {@code params} describe sm2p256v1 (whatever name or encoding the key carries). */
    public static boolean isSm2Curve(ECParameterSpec params) {
        return params != null
                && params.getCurve().getField() instanceof ECFieldFp f
                && f.getP().equals(DOMAIN.getCurve().getField().getCharacteristic())
                && params.getCurve().getA().equals(DOMAIN.getCurve().getA().toBigInteger())
                && params.getCurve().getB().equals(DOMAIN.getCurve().getB().toBigInteger())
                && params.getOrder().equals(DOMAIN.getN())
                && params.getGenerator().getAffineX().equals(DOMAIN.getG().getAffineXCoord().toBigInteger())
                && params.getGenerator().getAffineY().equals(DOMAIN.getG().getAffineYCoord().toBigInteger());
    }

    /** SM3 of the concatenated parts. */
    public static byte[] sm3(byte[]... parts) {
        SM3Digest d = new SM3Digest();
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    /** SM2-with-SM3 signature of {@code message} under {@code userId}, DER-encoded. */
    public static byte[] sign(ECPrivateKey key, byte[] userId, byte[] message) throws GeneralSecurityException {
        return sign(privateParameters(key), userId, message, SM3Digest::new, RANDOM, StandardDSAEncoding.INSTANCE);
    }

    /** Verifies an SM2-with-SM3 signature (DER or raw {@code r ‖ s}); false for any malformed input. */
    public static boolean verify(ECPublicKey key, byte[] userId, byte[] message, byte[] signature) {
        ECPublicKeyParameters p = publicParametersOrNull(key);
        return p != null && verify(p, userId, message, signature, SM3Digest::new);
    }

    /** {@code SHA256withSM2} with the default user id (idis-extensions.md appendix A7, scheme b), DER-encoded. */
    public static byte[] signWithSha256(ECPrivateKey key, byte[] message) throws GeneralSecurityException {
        return sign(privateParameters(key), DEFAULT_ID, message, SHA256Digest::new, RANDOM,
                StandardDSAEncoding.INSTANCE);
    }

    /** Verifies a {@code SHA256withSM2} signature made with the default user id. */
    public static boolean verifyWithSha256(ECPublicKey key, byte[] message, byte[] signature) {
        ECPublicKeyParameters p = publicParametersOrNull(key);
        return p != null && verify(p, DEFAULT_ID, message, signature, SHA256Digest::new);
    }

    /** SM2 public-key encryption, output {@code C1 ‖ C3 ‖ C2} with C1 uncompressed. */
    public static byte[] encrypt(ECPublicKey key, byte[] plaintext) throws GeneralSecurityException {
        ECPublicKeyParameters p = publicParametersOrNull(key);
        if (p == null) {
            throw new java.security.InvalidKeyException("not an SM2 public key on sm2p256v1");
        }
        return encrypt(p, plaintext, RANDOM);
    }

    /** Decrypts {@code C1 ‖ C3 ‖ C2}; any malformed or forged ciphertext is a {@link GeneralSecurityException}. */
    public static byte[] decrypt(ECPrivateKey key, byte[] ciphertext) throws GeneralSecurityException {
        return decrypt(privateParameters(key), ciphertext);
    }

    // ---- package-private cores, parameterised by domain so the published examples (other curves) can run ----

    static byte[] sign(ECPrivateKeyParameters key, byte[] userId, byte[] message, Supplier<Digest> digest,
                       SecureRandom random, DSAEncoding encoding) throws GeneralSecurityException {
        if (userId.length > MAX_USER_ID_LENGTH) {
            throw new java.security.InvalidKeyException("SM2 user id longer than " + MAX_USER_ID_LENGTH + " bytes");
        }
        SM2Signer s = new SM2Signer(encoding, digest.get());
        s.init(true, new ParametersWithID(new ParametersWithRandom(key, random), userId));
        s.update(message, 0, message.length);
        try {
            return s.generateSignature();
        } catch (CryptoException e) {
            throw new java.security.SignatureException("SM2 signing failed", e);
        }
    }

    static boolean verify(ECPublicKeyParameters key, byte[] userId, byte[] message, byte[] signature,
                          Supplier<Digest> digest) {
        if (userId.length > MAX_USER_ID_LENGTH || signature.length == 0 || signature.length > MAX_SIGNATURE_LENGTH) {
            return false;
        }
        if (verifyEncoded(key, userId, message, signature, digest, StandardDSAEncoding.INSTANCE)) {
            return true;
        }
        return signature.length == RAW_SIGNATURE_LENGTH
                && verifyEncoded(key, userId, message, signature, digest, PlainDSAEncoding.INSTANCE);
    }

    private static boolean verifyEncoded(ECPublicKeyParameters key, byte[] userId, byte[] message, byte[] signature,
                                         Supplier<Digest> digest, DSAEncoding encoding) {
        try {
            SM2Signer s = new SM2Signer(encoding, digest.get());
            s.init(false, new ParametersWithID(key, userId));
            s.update(message, 0, message.length);
            return s.verifySignature(signature);
        } catch (RuntimeException e) {
            return false; // a malformed encoding is a wrong signature
        }
    }

    static byte[] encrypt(ECPublicKeyParameters key, byte[] plaintext, SecureRandom random)
            throws GeneralSecurityException {
        if (plaintext.length == 0) {
            throw new IllegalArgumentException("SM2 cannot encrypt an empty message");
        }
        SM2Engine e = new SM2Engine(SM2Engine.Mode.C1C3C2);
        e.init(true, new ParametersWithRandom(key, random));
        try {
            return e.processBlock(plaintext, 0, plaintext.length);
        } catch (InvalidCipherTextException ex) {
            throw new GeneralSecurityException("SM2 encryption failed", ex);
        }
    }

    static byte[] decrypt(ECPrivateKeyParameters key, byte[] ciphertext) throws GeneralSecurityException {
        if (ciphertext.length <= C1_LENGTH + C3_LENGTH || ciphertext[0] != 0x04) {
            throw new javax.crypto.BadPaddingException("SM2 ciphertext must be an uncompressed C1, C3 and C2");
        }
        SM2Engine e = new SM2Engine(SM2Engine.Mode.C1C3C2);
        e.init(false, key);
        try {
            return e.processBlock(ciphertext, 0, ciphertext.length);
        } catch (InvalidCipherTextException | RuntimeException ex) {
            throw new javax.crypto.BadPaddingException("SM2 decryption failed");
        }
    }

    /** The key as BouncyCastle parameters on sm2p256v1, or null if it is not an SM2 key or not on the curve. */
    static ECPublicKeyParameters publicParametersOrNull(ECPublicKey key) {
        if (!isSm2Curve(key.getParams())) {
            return null;
        }
        ECPoint w = key.getW();
        try {
            return new ECPublicKeyParameters(DOMAIN.getCurve().validatePoint(w.getAffineX(), w.getAffineY()), DOMAIN);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ECPrivateKeyParameters privateParameters(ECPrivateKey key) throws GeneralSecurityException {
        BigInteger d = key.getS();
        if (!isSm2Curve(key.getParams()) || d.signum() <= 0 || d.compareTo(DOMAIN.getN()) >= 0) {
            throw new java.security.InvalidKeyException("not an SM2 private key on sm2p256v1");
        }
        return new ECPrivateKeyParameters(d, DOMAIN);
    }
}
