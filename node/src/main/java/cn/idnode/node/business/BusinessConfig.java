package cn.idnode.node.business;

import java.security.SecureRandom;
import java.time.Duration;

/**
 * What the business layer needs from the server: its settings and two secrets kept outside the store — the data key
 * that seals password digests and the key that signs access tokens (both generated at first start).
 *
 * @param argonMemoryKib password hashing memory (Argon2id)
 */
public record BusinessConfig(BusinessSettings settings, byte[] dataKey, byte[] tokenKey, Duration tokenLifetime,
                             int argonMemoryKib, int argonIterations) {

    /** Defaults with fresh random keys (tests and embedded use; a server loads its keys from the keys directory). */
    public static BusinessConfig ephemeral() {
        SecureRandom r = new SecureRandom();
        byte[] data = new byte[32];
        byte[] token = new byte[32];
        r.nextBytes(data);
        r.nextBytes(token);
        return new BusinessConfig(BusinessSettings.defaults(), data, token, Duration.ofHours(24), 19_456, 2);
    }
}
