package cn.idnode.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.Credential;
import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.ProtocolVersion;
import cn.idnode.protocol.WireReader;
import cn.idnode.protocol.WireWriter;
import java.util.Arrays;
import net.handle.hdllib.AbstractMessage;
import net.handle.hdllib.MessageEnvelope;
import net.handle.hdllib.ResolutionRequest;
import net.handle.hdllib.Util;
import org.junit.jupiter.api.Test;

/** HS_MAC credentials (handle-protocol.md §14.4), checked against CNRI's signMessage/verifyMessage. */
class SessionMacTest {
    private static final SessionKey KEY = new SessionKey(SessionAlgorithm.AES,
            ByteString.wrap(Sm2Crypto.sm3("a 32-byte session key".getBytes())));

    @Test
    void cnriMacsVerifyAndOursVerifyWithCnri() throws Exception {
        for (int minor : new int[] {11, 8, 7}) { // suggested version is covered from 2.8
            ResolutionRequest req = request(minor);
            req.sessionCounter = 5;
            req.signMessage(KEY.key().toByteArray());
            byte[] msg = req.getEncodedMessage();
            int bodyLength = WireReader.getInt(msg, 20);
            ByteString headerAndBody = ByteString.copyOf(msg, 0, 24 + bodyLength);
            int credLength = WireReader.getInt(msg, 24 + bodyLength);
            Credential cred = Credential.decode(new WireReader(msg, 28 + bodyLength, credLength));
            Envelope env = envelope(req);
            assertThat(cred.type()).isEqualTo(Credential.HS_MAC);
            assertThat(cred.signerIndex()).isEqualTo(5);
            assertThat(SessionMac.verify(KEY, env, cred, headerAndBody)).as("2.%d", minor).isTrue();
            assertThat(SessionMac.verify(KEY, env.withRequestId(8), cred, headerAndBody)).isFalse();

            // ours, on the same header and body, with another counter: CNRI's verifyMessage accepts it
            Credential ours = SessionMac.sign(KEY, env, 6, headerAndBody);
            WireWriter w = new WireWriter().writeRaw(headerAndBody);
            ours.encodeTo(w);
            MessageEnvelope me = new MessageEnvelope();
            me.protocolMajorVersion = 2;
            me.protocolMinorVersion = (byte) minor;
            me.suggestMajorProtocolVersion = 2;
            me.suggestMinorProtocolVersion = (byte) minor;
            me.sessionId = req.sessionId;
            me.requestId = req.requestId;
            byte[] ourMsg = w.toByteArray();
            me.messageLength = ourMsg.length;
            AbstractMessage decoded = net.handle.hdllib.Encoder.decodeMessage(ourMsg, 0, me);
            assertThat(decoded.verifyMessage(KEY.key().toByteArray())).as("CNRI verifies ours at 2.%d", minor).isTrue();
            byte[] otherKey = KEY.key().toByteArray();
            otherKey[0] ^= 1;
            assertThat(decoded.verifyMessage(otherKey)).isFalse();
        }
    }

    @Test
    void wrongTypeAlgorithmOrLengthNeverVerifies() {
        Envelope env = new Envelope(ProtocolVersion.V2_11, ProtocolVersion.V2_11, 0, 9, 10, 0, 0);
        ByteString hb = ByteString.wrap(new byte[40]);
        Credential good = SessionMac.sign(KEY, env, 1, hb);
        assertThat(SessionMac.verify(KEY, env, good, hb)).isTrue();
        ByteString sig = ByteString.wrap(signature(good));
        assertThat(SessionMac.verify(KEY, env, Credential.of(Credential.HS_SIGNED, 1, SessionMac.ALGORITHM, sig), hb))
                .isFalse();
        assertThat(SessionMac.verify(KEY, env, Credential.of(Credential.HS_MAC, 1, ByteString.utf8("HMAC-SHA1"), sig),
                hb)).isFalse();
        assertThat(SessionMac.verify(KEY, env, Credential.of(Credential.HS_MAC, 1, SessionMac.ALGORITHM,
                ByteString.wrap(Arrays.copyOf(signature(good), 31))), hb)).isFalse();
        assertThat(SessionMac.verify(KEY, env, Credential.of(Credential.HS_MAC, 2, SessionMac.ALGORITHM, sig), hb))
                .as("counter is covered").isFalse();
        assertThat(SessionMac.verify(KEY, env, new Credential(0, 0, 0, ByteString.EMPTY, 1, Credential.HS_MAC,
                ByteString.fromHex("ffffffff")), hb)).isFalse();
        Envelope old = new Envelope(ProtocolVersion.V2_6, ProtocolVersion.V2_6, 0, 9, 10, 0, 0);
        assertThat(SessionMac.verify(KEY, old, good, hb)).isFalse();
    }

    private static byte[] signature(Credential c) {
        try {
            return c.signature().toByteArray();
        } catch (cn.idnode.protocol.ProtocolException e) {
            throw new AssertionError(e);
        }
    }

    private static ResolutionRequest request(int minor) {
        ResolutionRequest req = new ResolutionRequest(Util.encodeString("88.111/abc"), null, null, null);
        req.majorProtocolVersion = 2;
        req.minorProtocolVersion = (byte) minor;
        req.suggestMajorProtocolVersion = 2;
        req.suggestMinorProtocolVersion = (byte) minor;
        req.sessionId = 123456;
        req.requestId = 777;
        return req;
    }

    private static Envelope envelope(AbstractMessage m) {
        return new Envelope(new ProtocolVersion(m.majorProtocolVersion, m.minorProtocolVersion),
                new ProtocolVersion(m.suggestMajorProtocolVersion, m.suggestMinorProtocolVersion), 0, m.sessionId,
                m.requestId, 0, 0);
    }
}
