package cn.idnode.node.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password handling for the SNMS logins (snms-api.md §2).
 *
 * <p>Design note. Both login variants reduce to the <em>password digest</em> {@code H1 = hex(SHA-256(password))}:
 * the plain login hashes what it receives, {@code /identity/registry} receives H1 directly, and the hashed login
 * {@code /identity/token/v1} sends {@code hex(SHA-256(H1 + "yyyy-MM-dd"))}, which the server can only check if it can
 * recover H1. So an account stores H1 twice: as an Argon2id hash (slow, salted; used by the plain login) and sealed
 * with the node's data key ({@link SecretBox}; used by the hashed login). H1 is password-equivalent for the hashed
 * login — that is the protocol's design, not ours; the data key lives outside the store, in the keys directory.
 */
public final class Passwords {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final int memoryKib;
    private final int iterations;

    /** OWASP's Argon2id minimum: 19 MiB, 2 passes, 1 lane. */
    public static Passwords standard() {
        return new Passwords(19_456, 2);
    }

    public Passwords(int memoryKib, int iterations) {
        if (memoryKib < 8 || iterations < 1) {
            throw new IllegalArgumentException("argon2 needs memory >= 8 KiB and iterations >= 1");
        }
        this.memoryKib = memoryKib;
        this.iterations = iterations;
    }

    /** {@code hex(SHA-256(UTF-8(text)))}, lower case. */
    public static String sha256Hex(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Is {@code text} a 64-character hex SHA-256 digest? */
    public static boolean isDigest(String text) {
        if (text == null || text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The Argon2id hash of a password digest, in PHC string form. */
    public String hash(String digest) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] out = argon(digest, salt, memoryKib, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=1$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(out);
    }

    /** Does {@code digest} match a hash made by {@link #hash} (with whatever parameters it records)? */
    public boolean matches(String digest, String phc) {
        String[] parts = phc.split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id")) {
            return false;
        }
        int m = 0;
        int t = 0;
        for (String kv : parts[3].split(",")) {
            String[] p = kv.split("=");
            if (p[0].equals("m")) {
                m = Integer.parseInt(p[1]);
            } else if (p[0].equals("t")) {
                t = Integer.parseInt(p[1]);
            }
        }
        byte[] salt = Base64.getDecoder().decode(parts[4]);
        byte[] expected = Base64.getDecoder().decode(parts[5]);
        return MessageDigest.isEqual(expected, argon(digest, salt, m, t));
    }

    /** The value the hashed login sends for a digest on a date: {@code hex(SHA-256(digest + date))}. */
    public static String dated(String digest, String date) {
        return sha256Hex(digest + date);
    }

    /** Constant-time comparison of two lower-case hex strings (case-insensitive on input). */
    public static boolean sameHex(String a, String b) {
        return MessageDigest.isEqual(a.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                b.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** A random secret of {@code bytes} bytes as lower-case hex. */
    public static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HEX.formatHex(b);
    }

    private static byte[] argon(String digest, byte[] salt, int m, int t) {
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(m).withIterations(t).withParallelism(1).build());
        byte[] out = new byte[32];
        gen.generateBytes(digest.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII), out);
        return out;
    }
}
