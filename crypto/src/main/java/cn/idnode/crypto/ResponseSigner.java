package cn.idnode.crypto;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.Credential;
import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.ProtocolVersion;
import cn.idnode.protocol.WireWriter;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

/**
 * Signs certified responses with the site key (handle-protocol.md §15) — for requests with the CT flag outside a
 * session. Signed data: from version 2.6 the envelope's version (and, from 2.8, suggested version), session id,
 * request id and session counter, then the header and body. SHA256withRSA from 2.7 (SHA1withRSA before); DSA site
 * keys use SHA-256 only from 2.11.
 *
 * <p>Signing costs about a millisecond of CPU per RSA-2048 answer: callers run it off the I/O threads. One
 * {@link Signature} per thread avoids contention.
 */
public final class ResponseSigner {
    private final PrivateKey key;
    private final ThreadLocal<Signature[]> signers = ThreadLocal.withInitial(() -> new Signature[2]);

    public ResponseSigner(PrivateKey key) {
        this.key = key;
    }

    /** The credential for a response whose envelope is {@code env} and header+body bytes are {@code headerAndBody}. */
    public Credential sign(Envelope env, int sessionCounter, ByteString headerAndBody) throws GeneralSecurityException {
        ProtocolVersion v = env.version();
        boolean sha256 = "DSA".equals(key.getAlgorithm()) ? v.atLeast(ProtocolVersion.V2_11)
                : v.atLeast(ProtocolVersion.V2_7);
        Signature s = signer(sha256);
        s.initSign(key);
        s.update(signedPrefix(env, sessionCounter));
        s.update(headerAndBody.toByteArray());
        return Credential.of(Credential.HS_SIGNED, sessionCounter, ByteString.utf8(sha256 ? "SHA-256" : "SHA1"),
                ByteString.wrap(s.sign()));
    }

    /** The envelope fields covered by signatures and MACs (§14.4, §15). */
    public static byte[] signedPrefix(Envelope env, int sessionCounter) {
        ProtocolVersion v = env.version();
        if (v.below(ProtocolVersion.V2_6)) {
            return new byte[0];
        }
        WireWriter w = new WireWriter(16);
        w.writeByte(v.major()).writeByte(v.minor());
        if (v.atLeast(ProtocolVersion.V2_8)) {
            w.writeByte(env.suggestedVersion().major()).writeByte(env.suggestedVersion().minor());
        }
        w.writeInt(env.sessionId()).writeInt(env.requestId()).writeInt(sessionCounter);
        return w.toByteArray();
    }

    private Signature signer(boolean sha256) throws GeneralSecurityException {
        Signature[] cache = signers.get();
        int i = sha256 ? 1 : 0;
        if (cache[i] == null) {
            cache[i] = Signature.getInstance((sha256 ? "SHA256with" : "SHA1with") + key.getAlgorithm());
        }
        return cache[i];
    }
}
