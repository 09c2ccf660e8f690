package cn.idnode.server.idis;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test client for the IDIS extensions written from the specification only (idis-extensions.md, and the parts of
 * handle-protocol.md it builds on) — raw sockets and byte building, BouncyCastle for cryptography, nothing from
 * idnode's own codec or crypto — so that it cross-checks the server rather than agreeing with it by construction.
 *
 * <p>It behaves like the id-pointer SDK: one long-lived TCP connection, envelope 2.10 suggesting 2.11, request ids
 * from a process-wide counter starting at 1, an optional client-chosen session id sent on every request, default
 * flags REC|CA|PO, login-related messages with REC|RD, OC 2001 without a credential length, and, after OC 400 mode 3,
 * every message encrypted (EC in the envelope, ENC in the header).
 */
final class IdisWireClient implements AutoCloseable {
    static final int OC_RESOLUTION = 1;
    static final int OC_GET_SITE_INFO = 2;
    static final int OC_CREATE = 100;
    static final int OC_DELETE = 101;
    static final int OC_ADD_VALUE = 102;
    static final int OC_REMOVE_VALUE = 103;
    static final int OC_MODIFY_VALUE = 104;
    static final int OC_CHALLENGE_ANSWER = 200;
    static final int OC_HOME = 300;
    static final int OC_UNHOME = 301;
    static final int OC_LIST_HOMED = 302;
    static final int OC_SESSION_SETUP = 400;
    static final int OC_LOGIN = 2001;

    static final int AT = 0x80000000;
    static final int ENC = 0x20000000;
    static final int REC = 0x10000000;
    static final int CA = 0x08000000;
    static final int PO = 0x01000000;
    static final int RD = 0x00800000;
    static final int TOKEN = 0x00000004;
    /** REC | CA | PO: what the SDK sends by default (idis-extensions.md §2). */
    static final int DEFAULT_FLAGS = REC | CA | PO;
    /** REC | RD: login-related messages (§2, §5.1). */
    static final int LOGIN_FLAGS = REC | RD;
    static final int EC = 0x40;

    /** Process-wide request ids from 1 (§2). */
    private static final AtomicInteger REQUEST_IDS = new AtomicInteger();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    int sessionId;
    int major = 2;
    int minor = 10;
    int expiration = (int) (System.currentTimeMillis() / 1000) + 43_200;
    /** Set after OC 400 mode 3: every later message is encrypted with it. */
    IdisCrypto.SessionKey sessionKey;
    /** Header and body of the last request written (what the server digests, §6.2). */
    byte[] lastHeaderAndBody;
    int lastRequestId;

    /** A client that only builds frames (no connection): for checking its encodings against the spec. */
    IdisWireClient(int sessionId) {
        this.socket = null;
        this.in = null;
        this.out = null;
        this.sessionId = sessionId;
    }

    IdisWireClient(InetSocketAddress server, int sessionId) throws IOException {
        this(server, sessionId, null);
    }

    /** {@code localAddress}: connect from another loopback address (per-source limits), or null. */
    IdisWireClient(InetSocketAddress server, int sessionId, String localAddress) throws IOException {
        this.socket = new Socket();
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        socket.connect(server, 5000);
        socket.setSoTimeout(10_000);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.sessionId = sessionId;
    }

    static int nextRequestId() {
        return REQUEST_IDS.incrementAndGet();
    }

    // ------------------------------------------------------------------------------------------------ framing

    /**
     * Envelope (§1.1) + header (§1.2) + body + credential section ({@code int4 0} unless {@code credential} is
     * false, as for OC 2001), encrypted when a session key is set.
     */
    byte[] frame(int opCode, int opFlags, byte[] body, boolean credential, int requestId, int session) {
        int flags = sessionKey != null ? opFlags | ENC : opFlags;
        IdisBytes m = new IdisBytes().int4(opCode).int4(0).int4(flags).int2(0xFFFF).int1(0).int1(0).int4(expiration)
                .int4(body.length).raw(body);
        lastHeaderAndBody = m.toArray();
        lastRequestId = requestId;
        if (credential) {
            m.int4(0);
        }
        byte[] message = m.toArray();
        int envelopeFlags = 0;
        if (sessionKey != null) {
            message = sessionKey.encrypt(message);
            envelopeFlags = EC;
        }
        return new IdisBytes().int1(major).int1(minor).int1(envelopeFlags | 2).int1(11).int4(session).int4(requestId)
                .int4(0).int4(message.length).raw(message).toArray();
    }

    byte[] frame(int opCode, int opFlags, byte[] body) {
        return frame(opCode, opFlags, body, true, nextRequestId(), sessionId);
    }

    void write(byte[] frames) throws IOException {
        out.write(frames);
        out.flush();
    }

    /** Reads one message; an encrypted one (EC) is decrypted with the session key. */
    IdisReply read() throws IOException {
        byte[] envelope = new byte[20];
        in.readFully(envelope);
        int length = ((envelope[16] & 0xFF) << 24) | ((envelope[17] & 0xFF) << 16) | ((envelope[18] & 0xFF) << 8)
                | (envelope[19] & 0xFF);
        byte[] message = new byte[length];
        in.readFully(message);
        if ((envelope[2] & EC) != 0) {
            if (sessionKey == null) {
                throw new AssertionError("an encrypted answer but no session key");
            }
            try {
                message = sessionKey.decrypt(message);
            } catch (GeneralSecurityException e) {
                throw new AssertionError("the answer does not decrypt with the session key", e);
            }
        }
        return IdisReply.decode(envelope, message, length);
    }

    IdisReply call(int opCode, int opFlags, byte[] body) throws IOException {
        write(frame(opCode, opFlags, body));
        return read();
    }

    /**
     * What arrives within {@code timeoutMillis}: -2 nothing (the connection is open and quiet), -1 the server
     * closed it, else the first byte of an unexpected message.
     */
    int nextByte(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        try {
            return in.read();
        } catch (java.net.SocketTimeoutException e) {
            return -2;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    // ------------------------------------------------------------------------------------------------ login (§5)

    IdisReply getSiteInfo() throws IOException {
        return call(OC_GET_SITE_INFO, DEFAULT_FLAGS, new IdisBytes().utf8("/").toArray());
    }

    /** Step 2: OC 2001, REC|RD, identity handle and index, no credential length field (§5.2). */
    byte[] loginFrame(String handle, int index) {
        return frame(OC_LOGIN, LOGIN_FLAGS, new IdisBytes().utf8(handle).int4(index).toArray(), false,
                nextRequestId(), sessionId);
    }

    IdisReply sendLogin(String handle, int index) throws IOException {
        write(loginFrame(handle, index));
        return read();
    }

    /** Step 3: OC 200 under the challenge's session id, REC|RD, normal credential field (§5.4). */
    byte[] answerFrame(int challengeSessionId, String authType, String handle, int index, byte[] signedResponse) {
        byte[] body = new IdisBytes().utf8(authType).utf8(handle).int4(index).bytes(signedResponse).toArray();
        return frame(OC_CHALLENGE_ANSWER, LOGIN_FLAGS, body, true, nextRequestId(), challengeSessionId);
    }

    IdisReply answer(IdisReply challenge, IdisIdentity id) throws IOException {
        write(answerFrame(challenge.sessionId(), id.keyType(), id.handle(), id.index(),
                id.signedResponse(challenge.nonce(), challenge.digest())));
        return read();
    }

    /**
     * The whole login of §5.1 as the SDK does it: GET_SITE_INFO, OC 2001, the client's own check of the challenge
     * digest (§5.4), the signed answer. Returns the final reply (RC 1 under opcode 2001 on success).
     */
    IdisReply login(IdisIdentity id) throws IOException {
        IdisReply site = getSiteInfo();
        if (site.responseCode() != 1) {
            throw new AssertionError("GET_SITE_INFO before login: " + site);
        }
        IdisReply challenge = sendLogin(id.handle(), id.index());
        if (challenge.responseCode() != 402 || challenge.opCode() != OC_LOGIN) {
            throw new AssertionError("login was not challenged under opcode 2001: " + challenge);
        }
        if (!Arrays.equals(challenge.digest(), IdisCrypto.sha256(lastHeaderAndBody))) {
            throw new AssertionError("the challenge digest is not SHA-256 of the 2001 request");
        }
        return answer(challenge, id);
    }

    // ------------------------------------------------------------------------------------------------ operations

    /** OC 1 with the SDK's trailing token field (§8.1); {@code token} empty = {@code int4 0}. */
    byte[] resolutionFrame(String handle, List<Integer> indexes, List<String> types, String token, int flags) {
        byte[] body = new IdisBytes().utf8(handle).intList(indexes).strList(types).utf8(token).toArray();
        return frame(OC_RESOLUTION, flags, body);
    }

    IdisReply resolve(String handle) throws IOException {
        return resolve(handle, List.of(), List.of(), "", DEFAULT_FLAGS);
    }

    IdisReply resolve(String handle, List<Integer> indexes, List<String> types, String token, int flags)
            throws IOException {
        write(resolutionFrame(handle, indexes, types, token, flags));
        return read();
    }

    IdisReply create(String handle, List<IdisValue> values) throws IOException {
        return call(OC_CREATE, DEFAULT_FLAGS, new IdisBytes().utf8(handle).raw(IdisValue.encodeList(values)).toArray());
    }

    IdisReply delete(String handle) throws IOException {
        return call(OC_DELETE, DEFAULT_FLAGS, new IdisBytes().utf8(handle).toArray());
    }

    IdisReply addValues(String handle, List<IdisValue> values) throws IOException {
        return call(OC_ADD_VALUE, DEFAULT_FLAGS, new IdisBytes().utf8(handle).raw(IdisValue.encodeList(values))
                .toArray());
    }

    IdisReply modifyValues(String handle, List<IdisValue> values) throws IOException {
        return call(OC_MODIFY_VALUE, DEFAULT_FLAGS, new IdisBytes().utf8(handle).raw(IdisValue.encodeList(values))
                .toArray());
    }

    IdisReply removeValues(String handle, List<Integer> indexes) throws IOException {
        return call(OC_REMOVE_VALUE, DEFAULT_FLAGS, new IdisBytes().utf8(handle).intList(indexes).toArray());
    }

    /** OC 300 / 301 with the prefix as given (bare {@code 88.888.1} like the SDK's homeNa, §10.3). */
    IdisReply home(String prefix) throws IOException {
        return call(OC_HOME, DEFAULT_FLAGS, new IdisBytes().utf8(prefix).toArray());
    }

    IdisReply unhome(String prefix) throws IOException {
        return call(OC_UNHOME, DEFAULT_FLAGS, new IdisBytes().utf8(prefix).toArray());
    }

    /** OC 302; reads messages until CN is clear and returns them all. */
    List<IdisReply> listHomed() throws IOException {
        write(frame(OC_LIST_HOMED, DEFAULT_FLAGS, new IdisBytes().utf8("/").toArray()));
        List<IdisReply> parts = new java.util.ArrayList<>();
        IdisReply r;
        do {
            r = read();
            parts.add(r);
        } while (r.has(0x04000000));
        return parts;
    }

    /**
     * OC 400 mode 3 as the SDK sends it (§11.1): timeout 86400, no declared identity, the key named by
     * {@code keyHandle}/{@code keyIndex}, under the client's own session id, REC|RD.
     */
    IdisReply sessionSetup(String keyHandle, int keyIndex) throws IOException {
        return call(OC_SESSION_SETUP, LOGIN_FLAGS, sessionSetupBody(keyHandle, keyIndex));
    }

    static byte[] sessionSetupBody(String keyHandle, int keyIndex) {
        return new IdisBytes().int2(3).int4(86_400).utf8("").int4(-1).utf8(keyHandle).int4(keyIndex).toArray();
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
    }
}
