package cn.idnode.node.auth;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ResponseCode;

/**
 * Checks challenge answers against key material (implemented with the crypto module). Kept as an interface so the
 * node's authentication logic does not depend on how each algorithm is verified.
 */
public interface KeyVerifier {

    /**
     * The answer cannot be checked at all (unreadable container: RC 406; unknown algorithm: RC 404) — whatever key
     * it is checked against.
     */
    final class BadAnswerException extends Exception {
        private static final long serialVersionUID = 1L;
        private final ResponseCode responseCode;

        public BadAnswerException(String message) {
            this(ResponseCode.AUTHEN_ERROR, message);
        }

        public BadAnswerException(ResponseCode responseCode, String message) {
            super(message, null, false, false);
            this.responseCode = responseCode;
        }

        public ResponseCode responseCode() {
            return responseCode;
        }
    }

    /**
     * This key cannot check any answer — unreadable key data, an SM9 key without the KGC's master key, a DH key
     * (idis-extensions.md §6.2, §7: RC 403 at authentication time). Other keys of the identity may still verify.
     */
    final class UnusableKeyException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnusableKeyException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Verifies an HS_PUBKEY answer (handle-protocol.md §13.3, idis-extensions.md §6).
     *
     * @param keyData        the HS_PUBKEY value data, in any supported encoding
     * @param identityHandle the identity's handle (the SM2 user id)
     * @param signedResponse {@code UTF8String hashAlg, Bytes signature}
     * @return whether the signature over {@code nonce ‖ digest} verifies
     */
    boolean verifyPublicKey(ByteString keyData, ByteString identityHandle, ByteString signedResponse, byte[] nonce,
                            byte[] digest) throws BadAnswerException, UnusableKeyException;

    /** Verifies an HS_SECKEY answer (§13.4): a hash code and the MAC of {@code nonce ‖ digest} under the secret. */
    boolean verifySecretKey(ByteString secret, ByteString signedResponse, byte[] nonce, byte[] digest)
            throws BadAnswerException;
}
