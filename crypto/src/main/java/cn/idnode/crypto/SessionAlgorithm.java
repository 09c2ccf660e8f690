package cn.idnode.crypto;

import cn.idnode.protocol.ResponseCode;

/**
 * Session cipher algorithm codes (handle-protocol.md §14.1; SM4 from idis-extensions.md §11): the code that leads the
 * session key blob {@code int4 alg ‖ key}, how many key bytes the cipher uses, and the IV size.
 */
public enum SessionAlgorithm {
    DES(1, 8, 8),
    DESEDE(2, 24, 8),
    /** The default from protocol 2.2: AES-128 on the first 16 key bytes (the HMAC uses all of them). */
    AES(3, 16, 16),
    /** IDIS: SM4-CBC with IV = key and no IV prefix. */
    SM4(4, 16, 16);

    private final int code;
    private final int cipherKeyLength;
    private final int blockSize;

    SessionAlgorithm(int code, int cipherKeyLength, int blockSize) {
        this.code = code;
        this.cipherKeyLength = cipherKeyLength;
        this.blockSize = blockSize;
    }

    public int code() {
        return code;
    }

    /** Key bytes the cipher uses (a longer key is truncated for the cipher, used in full for the MAC). */
    public int cipherKeyLength() {
        return cipherKeyLength;
    }

    /** Block and IV size in bytes. */
    public int blockSize() {
        return blockSize;
    }

    public static SessionAlgorithm ofCode(int code) throws SessionCryptoException {
        for (SessionAlgorithm a : values()) {
            if (a.code == code) {
                return a;
            }
        }
        throw new SessionCryptoException(ResponseCode.INVALID_SESSIONSETUP_REQUEST,
                "unknown session cipher algorithm code " + code);
    }
}
