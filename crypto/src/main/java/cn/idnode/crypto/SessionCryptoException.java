package cn.idnode.crypto;

import cn.idnode.protocol.ResponseCode;

/**
 * A session key exchange or session message could not be processed (handle-protocol.md §14.3): carries the response
 * code to answer with — 501 for a message that does not decrypt, 503 when the client's key cannot carry a session
 * key, 504 for unusable session-setup data.
 */
public final class SessionCryptoException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ResponseCode responseCode;

    public SessionCryptoException(ResponseCode responseCode, String message) {
        super(message, null, false, false);
        this.responseCode = responseCode;
    }

    public ResponseCode responseCode() {
        return responseCode;
    }
}
