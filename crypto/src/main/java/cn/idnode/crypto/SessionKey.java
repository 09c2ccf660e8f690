package cn.idnode.crypto;

import cn.idnode.protocol.ByteString;
import java.util.Objects;

/**
 * An agreed session key (handle-protocol.md §14.1): the algorithm and every key byte agreed — all of them feed the
 * HS_MAC HMAC, the cipher uses the first {@link SessionAlgorithm#cipherKeyLength()}. DES, DESede and SM4 keys have
 * exactly that length; AES keys 16 to 32 bytes (32 when derived by Diffie-Hellman). {@link #toString()} never shows
 * the key.
 */
public record SessionKey(SessionAlgorithm algorithm, ByteString key) {
    public SessionKey {
        Objects.requireNonNull(algorithm);
        int n = key.length();
        boolean ok = algorithm == SessionAlgorithm.AES ? n >= 16 && n <= 32 : n == algorithm.cipherKeyLength();
        if (!ok) {
            throw new IllegalArgumentException(algorithm + " session key of " + n + " bytes");
        }
    }

    @Override
    public String toString() {
        return "SessionKey[" + algorithm + ", " + key.length() + " bytes]";
    }
}
