package cn.idnode.node.auth;

import cn.idnode.crypto.ChallengeAnswerException;
import cn.idnode.crypto.ChallengeAnswers;
import cn.idnode.crypto.IdentityKey;
import cn.idnode.crypto.KeyFormatException;
import cn.idnode.crypto.PublicKeys;
import cn.idnode.protocol.ByteString;

/** The node's {@link KeyVerifier}, backed by the crypto module (every HS_PUBKEY encoding, every MAC code). */
public final class CryptoKeyVerifier implements KeyVerifier {

    @Override
    public boolean verifyPublicKey(ByteString keyData, ByteString identityHandle, ByteString signedResponse,
                                   byte[] nonce, byte[] digest) throws BadAnswerException, UnusableKeyException {
        IdentityKey key;
        try {
            key = PublicKeys.decode(keyData);
        } catch (KeyFormatException e) {
            throw new UnusableKeyException("unusable public key: " + e.getMessage());
        }
        try {
            return ChallengeAnswers.verifyPublicKey(key, identityHandle, signedResponse, nonce, digest);
        } catch (ChallengeAnswerException e) {
            if (e.reason() == ChallengeAnswerException.Reason.UNSUPPORTED_KEY) {
                throw new UnusableKeyException(e.getMessage());
            }
            throw new BadAnswerException(e.responseCode(), e.getMessage());
        }
    }

    @Override
    public boolean verifySecretKey(ByteString secret, ByteString signedResponse, byte[] nonce, byte[] digest)
            throws BadAnswerException {
        try {
            return ChallengeAnswers.verifySecretKey(secret.toByteArray(), signedResponse, nonce, digest);
        } catch (ChallengeAnswerException e) {
            throw new BadAnswerException(e.responseCode(), e.getMessage());
        }
    }
}
