package cn.idnode.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.crypto.ChallengeAnswers;
import cn.idnode.crypto.KeyBlobs;
import cn.idnode.crypto.PrivateKeyFiles;
import cn.idnode.crypto.SessionCipher;
import cn.idnode.crypto.SessionKey;
import cn.idnode.crypto.SessionKeys;
import cn.idnode.crypto.SessionMac;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ChallengeAnswerRequest;
import cn.idnode.protocol.ChallengeResponse;
import cn.idnode.protocol.CreateHandleRequest;
import cn.idnode.protocol.Credential;
import cn.idnode.protocol.EncodedValues;
import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.Message;
import cn.idnode.protocol.MessageBody;
import cn.idnode.protocol.MessageCodec;
import cn.idnode.protocol.OpCode;
import cn.idnode.protocol.OpFlags;
import cn.idnode.protocol.ProtocolVersion;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.SessionExchangeKeyRequest;
import cn.idnode.protocol.SessionSetupRequest;
import cn.idnode.protocol.SessionSetupResponse;
import cn.idnode.protocol.SessionTerminateRequest;
import cn.idnode.server.EmbeddedNode;
import cn.idnode.server.client.HandleClient;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RSA key-exchange modes (handle-protocol.md §14.1 modes 1-3) and the session error codes, driven by a small
 * client written from the spec with the crypto module (CNRI's client cannot do these modes; see
 * CnriSessionInteropTest).
 */
class SessionModesTest {
    @TempDir
    static Path dir;
    static EmbeddedNode node;
    static PrivateKey adminKey;
    static final cn.idnode.testing.FakeClock clock = new cn.idnode.testing.FakeClock(java.time.Instant.now());

    @BeforeAll
    static void start() throws Exception {
        node = EmbeddedNode.start(dir, clock, java.util.Map.of());
        adminKey = PrivateKeyFiles.decode(Files.readAllBytes(node.server().adminKeyFile()));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** One TCP connection speaking in one session. */
    static final class SessionClient implements AutoCloseable {
        final Socket socket;
        final DataInputStream in;
        int sessionId;
        SessionKey key;
        int counter;
        boolean encrypt;

        SessionClient() throws IOException {
            socket = new Socket("127.0.0.1", node.server().tcpPort());
            socket.setSoTimeout(10_000);
            in = new DataInputStream(socket.getInputStream());
        }

        Message exchange(Message request) throws Exception {
            socket.getOutputStream().write(MessageCodec.encode(request));
            Envelope env = readEnvelope();
            byte[] msg = new byte[env.messageLength()];
            in.readFully(msg);
            if (env.encrypted()) {
                msg = new SessionCipher(key, ProtocolVersion.CURRENT).decrypt(msg);
                env = env.withFlags(0).withMessageLength(msg.length);
            }
            return MessageCodec.decode(env, msg, 0, msg.length);
        }

        Envelope readEnvelope() throws Exception {
            byte[] head = new byte[20];
            in.readFully(head);
            return Envelope.decode(head, 0);
        }

        Message plain(OpCode op, MessageBody body) {
            Message m = HandleClient.request(op, 0, body);
            return new Message(m.envelope().withSessionId(sessionId), m.header(), Optional.empty(), body,
                    Optional.empty(), ByteString.EMPTY);
        }

        /** A request in the session, MACed with the next counter (or {@code forcedCounter}). */
        byte[] sessionFrame(OpCode op, int flags, MessageBody body, int forcedCounter, boolean mac) throws Exception {
            Message m = HandleClient.request(op, flags | (encrypt ? OpFlags.ENCRYPT : 0), body);
            Envelope env = m.envelope().withSessionId(sessionId);
            byte[] message = MessageCodec.encodeMessage(env.version(), m.header(), Optional.empty(), body,
                    Optional.empty());
            if (mac) {
                int c = forcedCounter > 0 ? forcedCounter : ++counter;
                Credential cred = SessionMac.sign(key, env, c, MessageCodec.headerAndBody(message));
                message = MessageCodec.encodeMessage(env.version(), m.header(), Optional.empty(), body,
                        Optional.of(cred));
            }
            if (encrypt) {
                message = new SessionCipher(key, ProtocolVersion.CURRENT).encrypt(message);
                env = env.withFlags(Envelope.ENCRYPTED);
            }
            return MessageCodec.frame(env, message);
        }

        Message send(byte[] frame) throws Exception {
            socket.getOutputStream().write(frame);
            Envelope env = readEnvelope();
            byte[] msg = new byte[env.messageLength()];
            in.readFully(msg);
            if (env.encrypted()) {
                msg = new SessionCipher(key, ProtocolVersion.CURRENT).decrypt(msg);
                env = env.withFlags(0).withMessageLength(msg.length);
            }
            return MessageCodec.decode(env, msg, 0, msg.length);
        }

        /** Sends an admin request in the session, answering the challenge with the node admin key if one comes. */
        Message admin(OpCode op, MessageBody body) throws Exception {
            Message first = send(sessionFrame(op, 0, body, 0, true));
            if (first.responseCode().code() != 402) {
                return first;
            }
            ChallengeResponse ch = (ChallengeResponse) first.body();
            ByteString sig = ChallengeAnswers.signPublicKey(adminKey, "SHA-256", ByteString.utf8("0.NA/88.888"),
                    ch.nonce().toByteArray(), first.digest().orElseThrow().digest().toByteArray());
            Message answer = plain(OpCode.CHALLENGE_RESPONSE, new ChallengeAnswerRequest(ChallengeAnswerRequest.HS_PUBKEY,
                    ByteString.utf8("0.NA/88.888"), 300, sig));
            return exchange(answer);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static CreateHandleRequest create(String handle) {
        return new CreateHandleRequest(ByteString.utf8(handle),
                EncodedValues.of(List.of(HandleValue.text(1, "URL", "https://example.cn/" + handle))));
    }

    static SessionSetupRequest setup(int mode, ByteString key, String keyHandle, int keyIndex) {
        return new SessionSetupRequest(mode, 600, ByteString.utf8("0.NA/88.888"), 300, key,
                ByteString.utf8(keyHandle), keyIndex);
    }

    static SessionKey rsaUnwrap(PrivateKey priv, ByteString data) throws Exception {
        Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        c.init(Cipher.DECRYPT_MODE, priv);
        return SessionKeys.parseKeyBlob(c.doFinal(data.toByteArray()), ProtocolVersion.CURRENT);
    }

    void lifecycle(SessionClient c, String handle) throws Exception {
        Message created = c.admin(OpCode.CREATE_HANDLE, create(handle));
        assertThat(created.responseCode()).as(created.toString()).isEqualTo(ResponseCode.SUCCESS);
        // authenticated now: the next request is not challenged
        Message second = c.send(c.sessionFrame(OpCode.CREATE_HANDLE, 0, create(handle + "-2"), 0, true));
        assertThat(second.responseCode()).as(second.toString()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(second.sessionId()).isEqualTo(c.sessionId);
    }

    @Test
    void mode1ClientRsaKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        try (SessionClient c = new SessionClient()) {
            Message r = c.exchange(c.plain(OpCode.SESSION_SETUP, setup(SessionSetupRequest.CIPHER_CLIENT,
                    KeyBlobs.encodePublicKey(kp.getPublic()), "", -1)));
            assertThat(r.responseCode()).as(r.toString()).isEqualTo(ResponseCode.SUCCESS);
            c.sessionId = r.sessionId();
            c.key = rsaUnwrap(kp.getPrivate(), ((SessionSetupResponse) r.body()).data());
            lifecycle(c, "88.888/mode1");
        }
    }

    @Test
    void mode2ServerRsaKeyThenExchangeKey() throws Exception {
        try (SessionClient c = new SessionClient()) {
            Message r = c.exchange(c.plain(OpCode.SESSION_SETUP, setup(SessionSetupRequest.CIPHER_SERVER,
                    ByteString.EMPTY, "", -1)));
            c.sessionId = r.sessionId();
            PublicKey site = KeyBlobs.decodePublicKey(((SessionSetupResponse) r.body()).data());
            c.key = SessionKeys.generate(SessionKeys.defaultAlgorithm(ProtocolVersion.CURRENT));
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, site);
            byte[] wrapped = rsa.doFinal(SessionKeys.keyBlob(c.key, ProtocolVersion.CURRENT));
            Message ok = c.exchange(c.plain(OpCode.SESSION_EXCHANGEKEY,
                    new SessionExchangeKeyRequest(ByteString.wrap(wrapped))));
            assertThat(ok.responseCode()).as(ok.toString()).isEqualTo(ResponseCode.SUCCESS);
            lifecycle(c, "88.888/mode2");
        }
    }

    @Test
    void mode3KeyNamedByHandleAndEncryptedTraffic() throws Exception {
        try (SessionClient c = new SessionClient()) {
            Message r = c.exchange(c.plain(OpCode.SESSION_SETUP, setup(SessionSetupRequest.CIPHER_HDL,
                    ByteString.EMPTY, "0.NA/88.888", 300)));
            assertThat(r.responseCode()).as(r.toString()).isEqualTo(ResponseCode.SUCCESS);
            c.sessionId = r.sessionId();
            c.key = rsaUnwrap(adminKey, ((SessionSetupResponse) r.body()).data());
            c.encrypt = true;
            lifecycle(c, "88.888/mode3");
        }
    }

    @Test
    void sessionErrorCodes() throws Exception {
        try (SessionClient c = new SessionClient()) {
            Message r = c.exchange(c.plain(OpCode.SESSION_SETUP, setup(SessionSetupRequest.CIPHER_HDL,
                    ByteString.EMPTY, "0.NA/88.888", 300)));
            c.sessionId = r.sessionId();
            c.key = rsaUnwrap(adminKey, ((SessionSetupResponse) r.body()).data());
            lifecycle(c, "88.888/errors");
            int used = c.counter;
            assertThat(c.send(c.sessionFrame(OpCode.CREATE_HANDLE, 0, create("88.888/replay"), used, true))
                    .responseCode()).isEqualTo(ResponseCode.SESSION_MESSAGE_REJECTED);
            assertThat(c.send(c.sessionFrame(OpCode.CREATE_HANDLE, 0, create("88.888/nomac"), 0, false))
                    .responseCode()).isEqualTo(ResponseCode.INVALID_CREDENTIAL);
            SessionKey real = c.key;
            c.key = SessionKeys.generate(real.algorithm());
            assertThat(c.send(c.sessionFrame(OpCode.CREATE_HANDLE, 0, create("88.888/badmac"), 0, true))
                    .responseCode()).isEqualTo(ResponseCode.INVALID_SESSION_KEY);
            c.key = real;
            assertThat(c.send(c.sessionFrame(OpCode.SESSION_TERMINATE, 0,
                    new SessionTerminateRequest(ByteString.utf8("/")), 0, true)).responseCode())
                    .isEqualTo(ResponseCode.SUCCESS);
            assertThat(c.send(c.sessionFrame(OpCode.CREATE_HANDLE, 0, create("88.888/after"), 0, true))
                    .responseCode()).isEqualTo(ResponseCode.SESSION_TIMEOUT);
        }
    }

    @Test
    void challengeAnswersWorkOnlyOnceAndExpire() throws Exception {
        try (SessionClient c = new SessionClient()) {
            Message challenge = c.exchange(c.plain(OpCode.CREATE_HANDLE, create("88.888/once")));
            assertThat(challenge.responseCode()).isEqualTo(ResponseCode.AUTHENTICATION_NEEDED);
            c.sessionId = challenge.sessionId();
            ChallengeResponse ch = (ChallengeResponse) challenge.body();
            ByteString sig = ChallengeAnswers.signPublicKey(adminKey, "SHA-256", ByteString.utf8("0.NA/88.888"),
                    ch.nonce().toByteArray(), challenge.digest().orElseThrow().digest().toByteArray());
            Message answer = c.plain(OpCode.CHALLENGE_RESPONSE, new ChallengeAnswerRequest(
                    ChallengeAnswerRequest.HS_PUBKEY, ByteString.utf8("0.NA/88.888"), 300, sig));
            Message done = c.exchange(answer);
            assertThat(done.responseCode()).isEqualTo(ResponseCode.SUCCESS);
            assertThat(done.opCode()).isEqualTo(OpCode.CREATE_HANDLE);
            assertThat(done.requestId()).isEqualTo(answer.requestId());
            Message replayed = c.exchange(answer);
            assertThat(replayed.responseCode()).isEqualTo(ResponseCode.AUTHEN_TIMEOUT);
        }
    }

    @Test
    void expiredChallengesAreRefused() throws Exception {
        try (SessionClient c = new SessionClient()) {
            Message challenge = c.exchange(c.plain(OpCode.CREATE_HANDLE, create("88.888/late")));
            assertThat(challenge.responseCode()).isEqualTo(ResponseCode.AUTHENTICATION_NEEDED);
            c.sessionId = challenge.sessionId();
            ChallengeResponse ch = (ChallengeResponse) challenge.body();
            ByteString sig = ChallengeAnswers.signPublicKey(adminKey, "SHA-256", ByteString.utf8("0.NA/88.888"),
                    ch.nonce().toByteArray(), challenge.digest().orElseThrow().digest().toByteArray());
            clock.advance(java.time.Duration.ofSeconds(61));
            Message late = c.exchange(c.plain(OpCode.CHALLENGE_RESPONSE, new ChallengeAnswerRequest(
                    ChallengeAnswerRequest.HS_PUBKEY, ByteString.utf8("0.NA/88.888"), 300, sig)));
            assertThat(late.responseCode()).isEqualTo(ResponseCode.AUTHEN_TIMEOUT);
            assertThat(late.opCode()).isEqualTo(OpCode.CHALLENGE_RESPONSE);
        }
    }

}
