package cn.idnode.crypto;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.WireReader;
import cn.idnode.protocol.WireWriter;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;

/**
 * Checks and produces answers to authentication challenges.
 *
 * <p>Design note. Handle protocol (handle-protocol.md §13.3–13.4): the signed data is {@code nonce ‖ digest} (the
 * raw request digest, without its hash-code byte). An HS_PUBKEY answer is {@code UTF8String hashAlg ‖ Bytes
 * signature}: RSA is PKCS#1 v1.5, DSA DER, with the named hash. IDIS adds SM2 (idis-extensions.md §6.1, appendix A7):
 * hash name {@code SM3} means SM2-with-SM3 over {@code SM3(nonce ‖ digest)} with the SM2 user id = the identity
 * handle's bytes exactly as sent; hash name {@code SHA-256} with an SM2 key means {@code SHA256withSM2} over
 * {@code nonce ‖ digest} with the default user id. HS_SECKEY answers are {@link SecretKeyAnswer}s. HTTP
 * (handle-protocol.md §20.7) signs {@code nonce ‖ cnonce} the same ways, naming the algorithm in {@code alg}.
 *
 * <p>Outcomes: {@code true} verified; {@code false} the answer was checked and is wrong — including a hash that does
 * not apply to the key (so an index-0 search can go on to the next key); {@link ChallengeAnswerException} the answer
 * cannot be checked (malformed container, unknown algorithm, SM9 key). No other exception escapes. Every call builds
 * its own JCA/BouncyCastle objects, so all methods are thread-safe.
 */
public final class ChallengeAnswers {
    private ChallengeAnswers() {}

    /** Longest signature worth checking (a 16384-bit RSA signature is 2048 bytes). */
    private static final int MAX_SIGNATURE_LENGTH = 4096;
    /** Longest hash algorithm name field read from an answer. */
    private static final int MAX_HASH_NAME_LENGTH = 64;

    /** Verifies an HS_PUBKEY {@code signedResponse} against the identity's key. */
    public static boolean verifyPublicKey(IdentityKey key, ByteString identityHandle, ByteString signedResponse,
                                          byte[] nonce, byte[] digest) throws ChallengeAnswerException {
        ByteString hashName;
        ByteString signature;
        try {
            WireReader r = WireReader.of(signedResponse);
            hashName = r.readBytes("hash algorithm");
            signature = r.readBytes("signature");
        } catch (ProtocolException e) {
            throw new ChallengeAnswerException(ChallengeAnswerException.Reason.MALFORMED,
                    "malformed HS_PUBKEY answer: " + e.getMessage());
        }
        if (hashName.length() > MAX_HASH_NAME_LENGTH) {
            throw new ChallengeAnswerException(ChallengeAnswerException.Reason.UNKNOWN_ALGORITHM,
                    "hash algorithm name of " + hashName.length() + " bytes");
        }
        return verify(key, identityHandle, SignatureHash.parse(hashName), signature.toByteArray(), concat(nonce, digest));
    }

    /**
     * The HS_PUBKEY answer a client sends: {@code hashAlg} is written verbatim ({@code SHA-256}, {@code SHA1},
     * {@code MD5}, {@code SM3}…). SM2 keys: {@code SM3} signs with the identity handle as user id,
     * {@code SHA-256} is {@code SHA256withSM2} with the default user id.
     */
    public static ByteString signPublicKey(PrivateKey key, String hashAlg, ByteString identityHandle, byte[] nonce,
                                           byte[] digest) throws GeneralSecurityException {
        byte[] sig = sign(key, hash(hashAlg), identityHandle, concat(nonce, digest));
        return new WireWriter(sig.length + 64).writeBytes(ByteString.utf8(hashAlg)).writeBytes(sig).toByteString();
    }

    /** Verifies an HS_SECKEY {@code signedResponse} (handle-protocol.md §13.4) against the stored secret. */
    public static boolean verifySecretKey(byte[] secret, ByteString signedResponse, byte[] nonce, byte[] digest)
            throws ChallengeAnswerException {
        return SecretKeyAnswer.decode(signedResponse).verify(secret, concat(nonce, digest));
    }

    /**
     * The HS_SECKEY answer for hash code {@code code} (0x01, 0x02, 0x03, 0x12, 0x13 or 0x22).
     *
     * @throws IllegalArgumentException for another code or an empty secret
     */
    public static ByteString secretKeyAnswer(byte[] secret, int code, byte[] nonce, byte[] digest) {
        try {
            return SecretKeyAnswer.create(secret, SecretKeyAnswer.Algorithm.ofCode(code), concat(nonce, digest))
                    .encode();
        } catch (ChallengeAnswerException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** HTTP {@code Authorization: Handle} with {@code type="HS_PUBKEY"}: {@code signature} over nonce ‖ cnonce. */
    public static boolean verifyHttpPublicKey(IdentityKey key, ByteString identityHandle, String alg, byte[] signature,
                                              byte[] nonce, byte[] cnonce) throws ChallengeAnswerException {
        SignatureHash h = SignatureHash.byName(alg);
        if (h == null) {
            throw new ChallengeAnswerException(ChallengeAnswerException.Reason.UNKNOWN_ALGORITHM,
                    "unknown signature algorithm \"" + abbreviate(alg) + "\"");
        }
        return verify(key, identityHandle, h, signature, concat(nonce, cnonce));
    }

    /** An HTTP signature over nonce ‖ cnonce — a client's answer, or the server proof {@code serverSignature}. */
    public static byte[] signHttp(PrivateKey key, String alg, ByteString identityHandle, byte[] nonce, byte[] cnonce)
            throws GeneralSecurityException {
        return sign(key, hash(alg), identityHandle, concat(nonce, cnonce));
    }

    /** HTTP {@code type="HS_SECKEY"}: {@code answer} built with {@link SecretKeyAnswer#http}. */
    public static boolean verifyHttpSecretKey(byte[] secret, SecretKeyAnswer answer, byte[] nonce, byte[] cnonce) {
        return answer.verify(secret, concat(nonce, cnonce));
    }

    /**
     * The HTTP HS_SECKEY answer a client would send for {@code alg}.
     *
     * @throws IllegalArgumentException for an unknown {@code alg} or an empty secret
     */
    public static SecretKeyAnswer httpSecretKeyAnswer(byte[] secret, String alg, byte[] nonce, byte[] cnonce) {
        try {
            return SecretKeyAnswer.create(secret, SecretKeyAnswer.Algorithm.ofHttpName(alg), concat(nonce, cnonce));
        } catch (ChallengeAnswerException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    static boolean verify(IdentityKey key, ByteString identityHandle, SignatureHash hash, byte[] signature, byte[] data)
            throws ChallengeAnswerException {
        if (key instanceof IdentityKey.Sm9 sm9) {
            throw new ChallengeAnswerException(ChallengeAnswerException.Reason.UNSUPPORTED_KEY,
                    "SM9 identity \"" + abbreviate(sm9.identity()) + "\" cannot be verified: no KGC master key");
        }
        if (signature.length == 0 || signature.length > MAX_SIGNATURE_LENGTH) {
            return false;
        }
        if (key instanceof IdentityKey.Sm2 sm2) {
            return switch (hash) {
                case SM3 -> Sm2Crypto.verify(sm2.key(), identityHandle.toByteArray(), Sm2Crypto.sm3(data), signature);
                case SHA256 -> Sm2Crypto.verifyWithSha256(sm2.key(), data, signature);
                default -> false;
            };
        }
        String keyAlg = key instanceof IdentityKey.Rsa ? "RSA" : "DSA";
        if (hash == SignatureHash.SM3 || (hash == SignatureHash.MD5 && keyAlg.equals("DSA"))) {
            return false;
        }
        PublicKey pub = key.publicKey().orElseThrow();
        try {
            Signature s = Signature.getInstance(hash.jcaName + "with" + keyAlg);
            s.initVerify(pub);
            s.update(data);
            return s.verify(signature);
        } catch (InvalidKeyException | SignatureException | RuntimeException e) {
            return false; // malformed signature encodings are wrong signatures
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without " + hash.jcaName + "with" + keyAlg, e);
        }
    }

    private static byte[] sign(PrivateKey key, SignatureHash hash, ByteString identityHandle, byte[] data)
            throws GeneralSecurityException {
        if (key instanceof ECPrivateKey ec) {
            return switch (hash) {
                case SM3 -> Sm2Crypto.sign(ec, identityHandle.toByteArray(), Sm2Crypto.sm3(data));
                case SHA256 -> Sm2Crypto.signWithSha256(ec, data);
                default -> throw new NoSuchAlgorithmException(hash + " does not apply to SM2 keys");
            };
        }
        String keyAlg;
        if (key instanceof RSAPrivateKey) {
            keyAlg = "RSA";
        } else if (key instanceof DSAPrivateKey) {
            keyAlg = "DSA";
        } else {
            throw new InvalidKeyException("cannot sign with a " + key.getAlgorithm() + " key");
        }
        if (hash == SignatureHash.SM3) {
            throw new NoSuchAlgorithmException("SM3 applies to SM2 keys only");
        }
        Signature s = Signature.getInstance(hash.jcaName + "with" + keyAlg);
        s.initSign(key);
        s.update(data);
        return s.sign();
    }

    private static SignatureHash hash(String name) throws NoSuchAlgorithmException {
        SignatureHash h = SignatureHash.byName(name);
        if (h == null) {
            throw new NoSuchAlgorithmException("unknown signature hash \"" + name + "\"");
        }
        return h;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
