package cn.idnode.node.auth;

import cn.idnode.protocol.ByteString;

/**
 * Checks challenge answers against key material (implemented with the crypto module). Kept as an interface so the
 * node's authentication logic does not depend on how each algorithm is verified.
 */
public interface KeyVerifier {

    /** The answer's container or the key could not be read (answered RC 406 / 403 with a reason). */
    final class BadAnswerException extends Exception {
        private static final long serialVersionUID = 1L;

        public BadAnswerException(String message) {
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
                            byte[] digest) throws BadAnswerException;

    /** Verifies an HS_SECKEY answer (§13.4): a hash code and the MAC of {@code nonce ‖ digest} under the secret. */
    boolean verifySecretKey(ByteString secret, ByteString signedResponse, byte[] nonce, byte[] digest)
            throws BadAnswerException;
}
