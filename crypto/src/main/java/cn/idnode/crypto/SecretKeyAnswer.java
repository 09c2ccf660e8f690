package cn.idnode.crypto;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.WireReader;
import cn.idnode.protocol.WireWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * An HS_SECKEY challenge answer (handle-protocol.md §13.4, HTTP form §20.7): a MAC of data D under the secret K.
 *
 * <p>Design note. Codes: 0x01 MD5(K‖D‖K), 0x02 SHA-1(K‖D‖K), 0x03 SHA-256(K‖D‖K), 0x12 HMAC-SHA1(K, D),
 * 0x13 HMAC-SHA256(K, D), 0x22 HMAC-SHA1(PBKDF2-HMAC-SHA1(P, salt, iterations, keyLengthBits), D) where the
 * password bytes P are what Java's {@code PBKDF2WithHmacSHA1} sees of CNRI's input: each byte of K becomes the
 * character with that code and the string is UTF-8 encoded (ASCII unchanged, bytes ≥ 0x80 become two bytes). On the
 * wire: {@code int1 code} then the MAC, or for 0x22 {@code Bytes salt, int4 iterations, int4 keyLengthBits, Bytes mac}.
 * The PBKDF2 parameters come from the answer, so they are bounded: at most {@value #MAX_ITERATIONS} iterations (a
 * hostile answer cannot burn CPU; CNRI clients use 10,000) and a derived key of 128–512 bits (a short derived key
 * would let a forger guess it — a 1-byte key is right one time in 256). Comparisons are constant-time. An empty
 * secret never verifies.
 *
 * @param salt          PBKDF2 only (empty otherwise)
 * @param iterations    PBKDF2 only (0 otherwise)
 * @param keyLengthBits PBKDF2 only (0 otherwise)
 */
public record SecretKeyAnswer(Algorithm algorithm, ByteString mac, ByteString salt, int iterations,
                              int keyLengthBits) {
    public static final int MAX_ITERATIONS = 100_000;
    public static final int MIN_KEY_LENGTH_BITS = 128;
    public static final int MAX_KEY_LENGTH_BITS = 512;
    public static final int MAX_SALT_LENGTH = 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    public enum Algorithm {
        MD5(0x01, "MD5", "MD5"),
        SHA1(0x02, "SHA1", "SHA-1"),
        SHA256(0x03, "SHA256", "SHA-256"),
        HMAC_SHA1(0x12, "HMAC-SHA1", "HmacSHA1"),
        HMAC_SHA256(0x13, "HMAC-SHA256", "HmacSHA256"),
        PBKDF2_HMAC_SHA1(0x22, "PBKDF2-HMAC-SHA1", "HmacSHA1");

        private final int code;
        private final String httpName;
        private final String jcaName;

        Algorithm(int code, String httpName, String jcaName) {
            this.code = code;
            this.httpName = httpName;
            this.jcaName = jcaName;
        }

        /** The hash code byte of the binary answer. */
        public int code() {
            return code;
        }

        /** The {@code alg} parameter of the HTTP answer. */
        public String httpName() {
            return httpName;
        }

        public static Algorithm ofCode(int code) throws ChallengeAnswerException {
            for (Algorithm a : values()) {
                if (a.code == code) {
                    return a;
                }
            }
            throw new ChallengeAnswerException(ChallengeAnswerException.Reason.UNKNOWN_ALGORITHM,
                    "unknown secret key hash code 0x" + Integer.toHexString(code));
        }

        /** Case, '-' and '_' are ignored, as CNRI does; {@code PBKDF2WithHmacSHA1} is an alias. */
        public static Algorithm ofHttpName(String name) throws ChallengeAnswerException {
            String n = name.length() > 32 ? "" : name.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
            for (Algorithm a : values()) {
                if (a.httpName.replace("-", "").equals(n)) {
                    return a;
                }
            }
            if (n.equals("PBKDF2WITHHMACSHA1")) {
                return PBKDF2_HMAC_SHA1;
            }
            throw new ChallengeAnswerException(ChallengeAnswerException.Reason.UNKNOWN_ALGORITHM,
                    "unknown secret key algorithm \"" + (name.length() > 32 ? name.substring(0, 32) + "…" : name)
                            + "\"");
        }
    }

    /** Validates the PBKDF2 bounds here too, so no caller can build an answer that burns CPU. */
    public SecretKeyAnswer {
        Objects.requireNonNull(algorithm);
        Objects.requireNonNull(mac);
        Objects.requireNonNull(salt);
        if (algorithm == Algorithm.PBKDF2_HMAC_SHA1) {
            String problem = pbkdf2Problem(salt, iterations, keyLengthBits);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
    }

    /** Decodes the binary {@code signedResponse} of an OC 200 HS_SECKEY answer. */
    public static SecretKeyAnswer decode(ByteString signedResponse) throws ChallengeAnswerException {
        try {
            WireReader r = WireReader.of(signedResponse);
            Algorithm a = Algorithm.ofCode(r.readUnsignedByte("hash code"));
            if (a != Algorithm.PBKDF2_HMAC_SHA1) {
                return new SecretKeyAnswer(a, r.readFixed(r.remaining(), "mac"), ByteString.EMPTY, 0, 0);
            }
            ByteString salt = r.readBytes("salt");
            int iterations = r.readInt("iterations");
            int keyLength = r.readInt("key length");
            ByteString mac = r.readBytes("mac");
            return pbkdf2(mac, salt, iterations, keyLength);
        } catch (ProtocolException e) {
            throw new ChallengeAnswerException(ChallengeAnswerException.Reason.MALFORMED,
                    "malformed HS_SECKEY answer: " + e.getMessage());
        }
    }

    /** An HTTP answer; {@code salt}, {@code iterations} and {@code keyLengthBits} matter for PBKDF2 only. */
    public static SecretKeyAnswer http(String alg, ByteString mac, ByteString salt, int iterations, int keyLengthBits)
            throws ChallengeAnswerException {
        Algorithm a = Algorithm.ofHttpName(alg);
        return a == Algorithm.PBKDF2_HMAC_SHA1 ? pbkdf2(mac, salt, iterations, keyLengthBits)
                : new SecretKeyAnswer(a, mac, ByteString.EMPTY, 0, 0);
    }

    private static SecretKeyAnswer pbkdf2(ByteString mac, ByteString salt, int iterations, int keyLength)
            throws ChallengeAnswerException {
        String problem = pbkdf2Problem(salt, iterations, keyLength);
        if (problem != null) {
            throw new ChallengeAnswerException(ChallengeAnswerException.Reason.MALFORMED, problem);
        }
        return new SecretKeyAnswer(Algorithm.PBKDF2_HMAC_SHA1, mac, salt, iterations, keyLength);
    }

    private static String pbkdf2Problem(ByteString salt, int iterations, int keyLength) {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            return "PBKDF2 iterations " + iterations + " outside 1.." + MAX_ITERATIONS;
        }
        if (keyLength < MIN_KEY_LENGTH_BITS || keyLength > MAX_KEY_LENGTH_BITS || keyLength % 8 != 0) {
            return "PBKDF2 key length " + keyLength + " bits outside " + MIN_KEY_LENGTH_BITS + ".."
                    + MAX_KEY_LENGTH_BITS + " or not whole bytes";
        }
        if (salt.length() > MAX_SALT_LENGTH) {
            return "PBKDF2 salt of " + salt.length() + " bytes";
        }
        return null;
    }

    /** The binary {@code signedResponse}. */
    public ByteString encode() {
        WireWriter w = new WireWriter(64 + mac.length() + salt.length()).writeByte(algorithm.code);
        if (algorithm == Algorithm.PBKDF2_HMAC_SHA1) {
            w.writeBytes(salt).writeInt(iterations).writeInt(keyLengthBits).writeBytes(mac);
        } else {
            w.writeRaw(mac);
        }
        return w.toByteString();
    }

    /** True if the MAC is that of {@code data} under {@code secret}; constant-time. */
    public boolean verify(byte[] secret, byte[] data) {
        if (secret.length == 0 || mac.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(compute(algorithm, secret, data, salt.toByteArray(), iterations, keyLengthBits),
                mac.toByteArray());
    }

    /** A client's answer; PBKDF2 uses CNRI's parameters (16-byte random salt, 10,000 iterations, 160 bits). */
    public static SecretKeyAnswer create(byte[] secret, Algorithm algorithm, byte[] data) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("empty secret key");
        }
        if (algorithm != Algorithm.PBKDF2_HMAC_SHA1) {
            return new SecretKeyAnswer(algorithm, ByteString.wrap(compute(algorithm, secret, data, null, 0, 0)),
                    ByteString.EMPTY, 0, 0);
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] mac = compute(algorithm, secret, data, salt, 10_000, 160);
        return new SecretKeyAnswer(algorithm, ByteString.wrap(mac), ByteString.wrap(salt), 10_000, 160);
    }

    /** The password bytes CNRI's PBKDF2 input becomes: bytes as ISO-8859-1 characters, then UTF-8. */
    static byte[] pbkdf2Password(byte[] secret) {
        return new String(secret, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] compute(Algorithm a, byte[] secret, byte[] data, byte[] salt, int iterations, int bits) {
        try {
            switch (a) {
                case MD5, SHA1, SHA256 -> {
                    MessageDigest md = MessageDigest.getInstance(a.jcaName);
                    md.update(secret);
                    md.update(data);
                    md.update(secret);
                    return md.digest();
                }
                case HMAC_SHA1, HMAC_SHA256 -> {
                    return hmac(a.jcaName, secret, data);
                }
                default -> {
                    PKCS5S2ParametersGenerator g = new PKCS5S2ParametersGenerator(new SHA1Digest());
                    g.init(pbkdf2Password(secret), salt, iterations);
                    byte[] derived = ((KeyParameter) g.generateDerivedMacParameters(bits)).getKey();
                    return hmac("HmacSHA1", derived, data);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK without " + a.jcaName, e);
        }
    }

    private static byte[] hmac(String alg, byte[] key, byte[] data) throws GeneralSecurityException {
        Mac m = Mac.getInstance(alg);
        m.init(new SecretKeySpec(key, alg));
        return m.doFinal(data);
    }
}
