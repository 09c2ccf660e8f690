package cn.idnode.server.keys;

import cn.idnode.crypto.KeyBlobs;
import cn.idnode.crypto.KeyFormatException;
import cn.idnode.node.auth.KeyVerifier;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.WireReader;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/** The node's {@link KeyVerifier}, backed by the crypto module. */
public final class CryptoKeyVerifier implements KeyVerifier {

    @Override
    public boolean verifyPublicKey(ByteString keyData, ByteString identityHandle, ByteString signedResponse,
                                   byte[] nonce, byte[] digest) throws BadAnswerException {
        PublicKey key;
        try {
            key = KeyBlobs.decodePublicKey(keyData);
        } catch (KeyFormatException e) {
            throw new BadAnswerException("unusable public key: " + e.getMessage());
        }
        try {
            WireReader r = WireReader.of(signedResponse);
            String alg = r.readBytes("hash algorithm").utf8();
            byte[] sig = r.readBytes("signature").toByteArray();
            String hash = switch (alg.toUpperCase(java.util.Locale.ROOT)) {
                case "SHA-256", "SHA256", "\u0003" -> "SHA256";
                case "SHA1", "SHA-1", "\u0002" -> "SHA1";
                case "MD5", "\u0001" -> "MD5";
                default -> throw new BadAnswerException("unsupported signature hash " + alg);
            };
            Signature s = Signature.getInstance(hash + "with" + key.getAlgorithm());
            s.initVerify(key);
            s.update(nonce);
            s.update(digest);
            return s.verify(sig);
        } catch (ProtocolException e) {
            throw new BadAnswerException("malformed signed response: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public boolean verifySecretKey(ByteString secret, ByteString signedResponse, byte[] nonce, byte[] digest)
            throws BadAnswerException {
        if (signedResponse.isEmpty()) {
            throw new BadAnswerException("empty secret-key answer");
        }
        throw new BadAnswerException("secret-key answers are not supported yet");
    }

}
