package cn.idnode.crypto;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.Credential;
import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.ProtocolVersion;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS_MAC credentials of session messages (handle-protocol.md §14.4), protocol 2.7 and later.
 *
 * <p>Design note. {@code mac = HMAC-SHA256(all session key bytes, major ‖ minor ‖ [suggested major ‖ minor from
 * 2.8] ‖ sessionId ‖ requestId ‖ counter ‖ header ‖ body)}, the envelope fields being those of the message itself
 * ({@link ResponseSigner#signedPrefix}). The credential carries the counter as its signer index, type
 * {@code HS_MAC} and algorithm {@code HMAC-SHA256}. Verification compares in constant time; replay is the caller's
 * {@link ReplayWindow}. The pre-2.7 SHA-1 formats are not supported (no target client uses them).
 */
public final class SessionMac {
    private SessionMac() {}

    public static final ByteString ALGORITHM = ByteString.utf8("HMAC-SHA256");

    /** The credential for a message with envelope {@code env} and header+body {@code headerAndBody}. */
    public static Credential sign(SessionKey key, Envelope env, int counter, ByteString headerAndBody) {
        if (env.version().below(ProtocolVersion.V2_7)) {
            throw new IllegalArgumentException("HS_MAC before protocol 2.7 is not supported");
        }
        return Credential.of(Credential.HS_MAC, counter, ALGORITHM, ByteString.wrap(mac(key, env, counter,
                headerAndBody)));
    }

    /** True if {@code credential} is a valid HS_MAC of the message; the counter is its signer index. */
    public static boolean verify(SessionKey key, Envelope env, Credential credential, ByteString headerAndBody) {
        if (env.version().below(ProtocolVersion.V2_7) || !credential.type().equals(Credential.HS_MAC)) {
            return false;
        }
        byte[] sig;
        try {
            String alg = credential.algorithm().utf8().toUpperCase(Locale.ROOT).replace("-", "");
            if (!alg.equals("HMACSHA256")) {
                return false;
            }
            sig = credential.signature().toByteArray();
        } catch (ProtocolException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(key, env, credential.signerIndex(), headerAndBody), sig);
    }

    private static byte[] mac(SessionKey key, Envelope env, int counter, ByteString headerAndBody) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key.key().toByteArray(), "HmacSHA256"));
            m.update(ResponseSigner.signedPrefix(env, counter));
            return m.doFinal(headerAndBody.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK without HmacSHA256", e);
        }
    }
}
