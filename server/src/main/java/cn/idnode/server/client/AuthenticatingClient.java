package cn.idnode.server.client;

import cn.idnode.crypto.ChallengeAnswers;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ChallengeAnswerRequest;
import cn.idnode.protocol.ChallengeResponse;
import cn.idnode.protocol.ListHandlesResponse;
import cn.idnode.protocol.Message;
import cn.idnode.protocol.MessageBody;
import cn.idnode.protocol.MessageCodec;
import cn.idnode.protocol.OpCode;
import cn.idnode.protocol.OpFlags;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.ValueReference;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking Handle client over one TCP connection that answers challenges (handle-protocol.md §13) with a private
 * key or a secret key — what {@code idnode create/add/…} use. Continued answers (listings) are read to the end.
 */
public final class AuthenticatingClient implements AutoCloseable {
    /** How to prove the identity. */
    public sealed interface Credentials permits KeyCredentials, SecretCredentials {
        ValueReference identity();
    }

    public record KeyCredentials(ValueReference identity, PrivateKey key) implements Credentials {}

    public record SecretCredentials(ValueReference identity, byte[] secret) implements Credentials {}

    private final Socket socket;
    private final DataInputStream in;
    private final Credentials credentials;

    public AuthenticatingClient(InetSocketAddress server, Credentials credentials, Duration timeout)
            throws IOException {
        this.socket = new Socket();
        socket.connect(server, (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(socket.getInputStream());
        this.credentials = credentials;
    }

    /** Sends a request; answers a challenge if one comes; returns the final answer (the last of a series). */
    public Message send(OpCode op, int flags, MessageBody body) throws IOException, ProtocolException {
        return sendCollecting(op, flags, body, new ArrayList<>());
    }

    /** Like {@link #send}, collecting the handles of every message of a continued listing. */
    public Message sendCollecting(OpCode op, int flags, MessageBody body, List<ByteString> listed)
            throws IOException, ProtocolException {
        Message answer = exchange(HandleClient.request(op, flags, body), listed);
        if (answer.responseCode().code() != 402) {
            return answer;
        }
        ChallengeResponse ch = (ChallengeResponse) answer.body();
        byte[] nonce = ch.nonce().toByteArray();
        byte[] digest = answer.digest().orElseThrow(() -> ProtocolException.malformed("challenge without digest"))
                .digest().toByteArray();
        ValueReference id = credentials.identity();
        ByteString signed;
        ByteString type;
        try {
            if (credentials instanceof KeyCredentials k) {
                signed = ChallengeAnswers.signPublicKey(k.key(), "SHA-256", id.handle(), nonce, digest);
                type = ChallengeAnswerRequest.HS_PUBKEY;
            } else {
                signed = ChallengeAnswers.secretKeyAnswer(((SecretCredentials) credentials).secret(), 0x22, nonce,
                        digest);
                type = ChallengeAnswerRequest.HS_SECKEY;
            }
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            throw new IOException("cannot answer the challenge: " + e.getMessage(), e);
        }
        Message reply = HandleClient.request(OpCode.CHALLENGE_RESPONSE, OpFlags.RETURN_REQUEST_DIGEST,
                new ChallengeAnswerRequest(type, id.handle(), id.index(), signed));
        Message withSession = new Message(reply.envelope().withSessionId(answer.sessionId()), reply.header(),
                reply.digest(), reply.body(), reply.credential(), reply.headerAndBody());
        return exchange(withSession, listed);
    }

    private Message exchange(Message request, List<ByteString> listed) throws IOException, ProtocolException {
        socket.getOutputStream().write(MessageCodec.encode(request));
        socket.getOutputStream().flush();
        while (true) {
            Message m = HandleClient.readMessage(in);
            if (m.body() instanceof ListHandlesResponse l) {
                listed.addAll(l.handles());
            }
            if (!m.has(OpFlags.CONTINUOUS)) {
                return m;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
