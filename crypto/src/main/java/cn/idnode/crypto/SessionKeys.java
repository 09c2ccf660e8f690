package cn.idnode.crypto;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ProtocolVersion;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.WireWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.KeyGenerator;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;

/**
 * Server side of session key exchange (handle-protocol.md §14.1; SM2 variant idis-extensions.md §11.1).
 *
 * <p>Design note. Mode 4 (Diffie-Hellman, the CNRI client default): the client sends a {@code DH_PUB_KEY} blob with
 * p and g; we generate our pair on the same parameters and answer {@code int4 alg ‖ our DH_PUB_KEY blob} (just the
 * blob, and DES, below 2.4). The key is derived from the shared secret as CNRI's {@code GenericProvider} does: AES —
 * skip leading zero bytes while more than 32 remain, take the next 32; DES/DESede — the first 8/24 bytes with DES
 * parity set. Modes 1 and 3: we generate the key and encrypt the blob {@code int4 alg ‖ key} ({@code key} alone,
 * DES, below 2.2) with the client's key — RSA/ECB/PKCS#1 v1.5, or SM2 {@code C1 ‖ C3 ‖ C2} for IDIS SM2 identities.
 * Mode 2: the client encrypts the key with our RSA key (OC 402). The spec says the blob is {@code int4 alg ‖ key};
 * CNRI's client code encrypts the bare key and assumes AES from 2.2 (DES before), so both are accepted: the lengths
 * cannot collide (prefixed blobs are 12, 20, 28 or 36 bytes, bare keys 8, 16, 24 or 32).
 * Client DH parameters are hostile input: p must be 1024–4096 bits (CNRI clients use 1024) and y in (1, p−1).
 */
public final class SessionKeys {
    private SessionKeys() {}

    public static final int MIN_DH_PRIME_BITS = 1024;
    public static final int MAX_DH_PRIME_BITS = 4096;
    private static final int DH_AES_KEY_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A session key and the {@code data} field of the SESSION_SETUP response that conveys it. */
    public record KeyExchange(SessionKey key, ByteString responseData) {}

    /** The algorithm for a new session: AES for peers at 2.2 or later, DES before (§14.1). */
    public static SessionAlgorithm defaultAlgorithm(ProtocolVersion peerVersion) {
        return peerVersion.below(ProtocolVersion.V2_2) ? SessionAlgorithm.DES : SessionAlgorithm.AES;
    }

    /** A fresh random key: AES-128, DES and DESede from the JDK key generators, SM4 16 random bytes. */
    public static SessionKey generate(SessionAlgorithm algorithm) {
        try {
            byte[] k = switch (algorithm) {
                case AES -> {
                    KeyGenerator g = KeyGenerator.getInstance("AES");
                    g.init(128, RANDOM);
                    yield g.generateKey().getEncoded();
                }
                case DES, DESEDE -> {
                    KeyGenerator g = KeyGenerator.getInstance(algorithm == SessionAlgorithm.DES ? "DES" : "DESede");
                    g.init(RANDOM);
                    yield g.generateKey().getEncoded();
                }
                case SM4 -> {
                    byte[] b = new byte[16];
                    RANDOM.nextBytes(b);
                    yield b;
                }
            };
            return new SessionKey(algorithm, ByteString.wrap(k));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK without a " + algorithm + " key generator", e);
        }
    }

    /** Mode 4: answers the client's {@code DH_PUB_KEY} blob. {@code algorithm} is ignored (DES) below 2.4. */
    public static KeyExchange diffieHellman(ByteString clientDhBlob, SessionAlgorithm algorithm,
                                            ProtocolVersion responseVersion) throws SessionCryptoException {
        boolean legacy = responseVersion.below(ProtocolVersion.V2_4);
        SessionAlgorithm alg = legacy ? SessionAlgorithm.DES : algorithm;
        if (alg == SessionAlgorithm.SM4) {
            throw new IllegalArgumentException("Diffie-Hellman sessions use DES, DESede or AES");
        }
        DHPublicKey client = clientDhKey(clientDhBlob);
        try {
            DHParameterSpec params = client.getParams();
            KeyPairGenerator g = KeyPairGenerator.getInstance("DH");
            g.initialize(new DHParameterSpec(params.getP(), params.getG()), RANDOM);
            KeyPair ours = g.generateKeyPair();
            KeyAgreement ka = KeyAgreement.getInstance("DH");
            ka.init(ours.getPrivate());
            ka.doPhase(client, true);
            SessionKey key = new SessionKey(alg, ByteString.wrap(deriveFromDh(ka.generateSecret(), alg)));
            ByteString blob = KeyBlobs.encodePublicKey(ours.getPublic());
            ByteString data = legacy ? blob
                    : new WireWriter(blob.length() + 4).writeInt(alg.code()).writeRaw(blob).toByteString();
            return new KeyExchange(key, data);
        } catch (GeneralSecurityException | KeyFormatException | RuntimeException e) {
            throw new SessionCryptoException(ResponseCode.INVALID_SESSIONSETUP_REQUEST,
                    "unusable Diffie-Hellman parameters: " + e.getMessage());
        }
    }

    /** The session key bytes CNRI derives from a DH shared secret (see the design note). */
    static byte[] deriveFromDh(byte[] secret, SessionAlgorithm alg) {
        if (alg == SessionAlgorithm.AES) {
            int i = 0;
            while (i + DH_AES_KEY_LENGTH < secret.length && secret[i] == 0) {
                i++;
            }
            if (secret.length - i < DH_AES_KEY_LENGTH) {
                throw new IllegalArgumentException("DH secret shorter than 32 bytes");
            }
            return Arrays.copyOfRange(secret, i, i + DH_AES_KEY_LENGTH);
        }
        byte[] key = Arrays.copyOf(secret, alg.cipherKeyLength());
        for (int j = 0; j < key.length; j++) {
            int b = key[j] & 0xFE;
            key[j] = (byte) (b | ((Integer.bitCount(b) & 1) ^ 1)); // odd parity, as DESKeyGenerator sets it
        }
        return key;
    }

    /**
     * Modes 1 and 3: the session key blob encrypted for the client — RSA/ECB/PKCS1 for RSA keys, SM2 C1‖C3‖C2
     * for SM2 keys (idis-extensions.md §11.1). Other keys: RC 503.
     */
    public static ByteString encryptForClient(IdentityKey clientKey, SessionKey key, ProtocolVersion responseVersion)
            throws SessionCryptoException {
        byte[] blob = keyBlob(key, responseVersion);
        try {
            if (clientKey instanceof IdentityKey.Rsa rsa) {
                Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
                c.init(Cipher.ENCRYPT_MODE, rsa.key(), RANDOM);
                return ByteString.wrap(c.doFinal(blob));
            }
            if (clientKey instanceof IdentityKey.Sm2 sm2) {
                return ByteString.wrap(Sm2Crypto.encrypt(sm2.key(), blob));
            }
        } catch (GeneralSecurityException e) {
            throw new SessionCryptoException(ResponseCode.NEED_RSAKEY_FOR_SESSIONEXCHANGE,
                    "cannot encrypt the session key with the client's " + clientKey.kind() + " key: " + e.getMessage());
        } finally {
            Arrays.fill(blob, (byte) 0);
        }
        throw new SessionCryptoException(ResponseCode.NEED_RSAKEY_FOR_SESSIONEXCHANGE,
                "a " + clientKey.kind() + " key cannot carry a session key (RSA or SM2 needed)");
    }

    /** Mode 2: the key the client encrypted with our RSA key in OC 402 (SESSION_EXCHANGEKEY). */
    public static SessionKey decryptFromClient(PrivateKey ourKey, ByteString encryptedKey, ProtocolVersion version)
            throws SessionCryptoException {
        if (!(ourKey instanceof RSAPrivateKey)) {
            throw new SessionCryptoException(ResponseCode.NEED_RSAKEY_FOR_SESSIONEXCHANGE,
                    "session key exchange mode 2 needs an RSA site key");
        }
        byte[] blob;
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            c.init(Cipher.DECRYPT_MODE, ourKey);
            blob = c.doFinal(encryptedKey.toByteArray());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SessionCryptoException(ResponseCode.INVALID_SESSIONSETUP_REQUEST,
                    "cannot decrypt the client's session key");
        }
        try {
            return parseKeyBlob(blob, version);
        } finally {
            Arrays.fill(blob, (byte) 0);
        }
    }

    /** {@code int4 alg ‖ key}, or the bare DES key below 2.2. */
    public static byte[] keyBlob(SessionKey key, ProtocolVersion version) {
        byte[] k = key.key().toByteArray();
        if (version.below(ProtocolVersion.V2_2)) {
            if (key.algorithm() != SessionAlgorithm.DES) {
                throw new IllegalArgumentException("peers below 2.2 only know DES session keys");
            }
            return k;
        }
        byte[] out = new WireWriter(4 + k.length).writeInt(key.algorithm().code()).writeRaw(k).toByteArray();
        Arrays.fill(k, (byte) 0);
        return out;
    }

    /** Reads a decrypted session key blob: prefixed {@code int4 alg ‖ key}, or a bare key (DES below 2.2, else AES). */
    public static SessionKey parseKeyBlob(byte[] blob, ProtocolVersion version) throws SessionCryptoException {
        int n = blob.length;
        try {
            if (n == 12 || n == 20 || n == 28 || n == 36) {
                int code = ((blob[0] & 0xFF) << 24) | ((blob[1] & 0xFF) << 16) | ((blob[2] & 0xFF) << 8)
                        | (blob[3] & 0xFF);
                return new SessionKey(SessionAlgorithm.ofCode(code), ByteString.copyOf(blob, 4, n - 4));
            }
            if (version.below(ProtocolVersion.V2_2)) {
                return new SessionKey(SessionAlgorithm.DES, ByteString.copyOf(blob));
            }
            return new SessionKey(SessionAlgorithm.AES, ByteString.copyOf(blob));
        } catch (IllegalArgumentException e) {
            throw new SessionCryptoException(ResponseCode.INVALID_SESSIONSETUP_REQUEST,
                    "session key blob of " + n + " bytes: " + e.getMessage());
        }
    }

    private static DHPublicKey clientDhKey(ByteString blob) throws SessionCryptoException {
        PublicKey key;
        try {
            if (!KeyBlobs.DH_PUBLIC.equals(KeyBlobs.typeOf(blob)) || blob.length() > 4 * MAX_DH_PRIME_BITS / 8 + 64) {
                throw new KeyFormatException("a DH_PUB_KEY blob is required");
            }
            key = KeyBlobs.decodePublicKey(blob);
        } catch (KeyFormatException e) {
            throw new SessionCryptoException(ResponseCode.INVALID_SESSIONSETUP_REQUEST,
                    "bad client Diffie-Hellman key: " + e.getMessage());
        }
        DHPublicKey dh = (DHPublicKey) key;
        BigInteger p = dh.getParams().getP();
        BigInteger g = dh.getParams().getG();
        BigInteger pMinus1 = p.subtract(BigInteger.ONE);
        int bits = p.bitLength();
        if (bits < MIN_DH_PRIME_BITS || bits > MAX_DH_PRIME_BITS) {
            throw new SessionCryptoException(ResponseCode.INVALID_SESSIONSETUP_REQUEST,
                    "Diffie-Hellman prime of " + bits + " bits (" + MIN_DH_PRIME_BITS + "–" + MAX_DH_PRIME_BITS
                            + " accepted)");
        }
        if (g.compareTo(BigInteger.ONE) <= 0 || g.compareTo(pMinus1) >= 0
                || dh.getY().compareTo(BigInteger.ONE) <= 0 || dh.getY().compareTo(pMinus1) >= 0) {
            throw new SessionCryptoException(ResponseCode.INVALID_SESSIONSETUP_REQUEST,
                    "Diffie-Hellman generator or public value out of range");
        }
        return dh;
    }
}
