package cn.idnode.server.client;

import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.Header;
import cn.idnode.protocol.Limits;
import cn.idnode.protocol.Message;
import cn.idnode.protocol.MessageBody;
import cn.idnode.protocol.MessageCodec;
import cn.idnode.protocol.OpCode;
import cn.idnode.protocol.OpFlags;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.ProtocolVersion;
import cn.idnode.protocol.ResponseCode;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A small blocking Handle client over UDP, TCP and the HTTP tunnel, built on the same codec as the server. Used by
 * {@code idnode resolve} and by tests; the load generator has its own asynchronous clients.
 */
public final class HandleClient {
    private HandleClient() {}

    /** A request envelope and header as CNRI's resolver writes them: version 2.11, expiry in 12 h. */
    public static Message request(OpCode op, int flags, MessageBody body) {
        Envelope env = new Envelope(ProtocolVersion.CURRENT, ProtocolVersion.CURRENT, 0, 0,
                ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE), 0, 0);
        Header header = new Header(op, ResponseCode.RESERVED, flags, -1, 0,
                (int) (System.currentTimeMillis() / 1000) + 43_200, 0);
        return Message.outbound(env, header, Optional.empty(), body);
    }

    public static Message resolutionRequest(MessageBody body, boolean publicOnly) {
        int flags = OpFlags.RECURSIVE | OpFlags.CACHE_CERTIFY | (publicOnly ? OpFlags.PUBLIC_ONLY : 0);
        return request(OpCode.RESOLUTION, flags, body);
    }

    public static Message udp(InetSocketAddress server, Message request, Duration timeout)
            throws IOException, ProtocolException {
        byte[] message = MessageCodec.encodeMessage(request.envelope().version(), request.header(), Optional.empty(),
                request.body(), Optional.empty());
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server);
            int count = Math.max(1, (message.length + Limits.UDP_DATA_SIZE - 1) / Limits.UDP_DATA_SIZE);
            Envelope env = request.envelope().withMessageLength(message.length);
            for (int k = 0; k < count; k++) {
                int from = k * Limits.UDP_DATA_SIZE;
                int len = Math.min(Limits.UDP_DATA_SIZE, message.length - from);
                byte[] p = new byte[Limits.ENVELOPE_SIZE + len];
                env.withFragment(k, count > 1).encodeTo(p, 0);
                System.arraycopy(message, from, p, Limits.ENVELOPE_SIZE, len);
                socket.send(new DatagramPacket(p, p.length));
            }
            socket.setSoTimeout((int) timeout.toMillis());
            byte[][] fragments = null;
            int received = 0;
            Envelope first = null;
            byte[] buf = new byte[Limits.UDP_PACKET_SIZE];
            while (true) {
                DatagramPacket dp = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(dp);
                } catch (SocketTimeoutException e) {
                    throw new IOException("no answer over UDP from " + server + " within " + timeout.toMillis() + " ms");
                }
                byte[] data = java.util.Arrays.copyOf(dp.getData(), dp.getLength());
                Envelope e = Envelope.decode(data, 0);
                if (e.requestId() != request.requestId()) {
                    continue;
                }
                int payload = data.length - Limits.ENVELOPE_SIZE;
                if (e.messageLength() == payload && e.messageId() == 0) {
                    return MessageCodec.decode(e, data, Limits.ENVELOPE_SIZE, payload);
                }
                int n = (e.messageLength() + Limits.UDP_DATA_SIZE - 1) / Limits.UDP_DATA_SIZE;
                if (fragments == null) {
                    fragments = new byte[n][];
                    first = e;
                }
                if (e.messageId() < n && fragments[e.messageId()] == null) {
                    fragments[e.messageId()] = java.util.Arrays.copyOfRange(data, Limits.ENVELOPE_SIZE, data.length);
                    received++;
                }
                if (received == n) {
                    ByteArrayOutputStream all = new ByteArrayOutputStream(first.messageLength());
                    for (byte[] f : fragments) {
                        all.write(f);
                    }
                    byte[] m = all.toByteArray();
                    return MessageCodec.decode(first.withFragment(0, false), m, 0, m.length);
                }
            }
        }
    }

    public static Message tcp(InetSocketAddress server, Message request, Duration timeout)
            throws IOException, ProtocolException {
        try (Socket s = new Socket()) {
            s.connect(server, (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            out.write(MessageCodec.encode(request));
            out.flush();
            return readMessage(new DataInputStream(s.getInputStream()));
        }
    }

    /** Reads one envelope + message from a stream. */
    public static Message readMessage(InputStream in) throws IOException, ProtocolException {
        DataInputStream din = in instanceof DataInputStream d ? d : new DataInputStream(in);
        byte[] head = new byte[Limits.ENVELOPE_SIZE];
        din.readFully(head);
        Envelope e = Envelope.decode(head, 0);
        byte[] msg = new byte[e.messageLength()];
        din.readFully(msg);
        return MessageCodec.decode(e, msg, 0, msg.length);
    }

    /** The HTTP tunnel as CNRI's client uses it: POST, application/x-hdl-message, raw bytes back. */
    public static Message http(InetSocketAddress server, String path, Message request, Duration timeout)
            throws IOException, ProtocolException {
        byte[] body = MessageCodec.encode(request);
        try (Socket s = new Socket()) {
            s.connect(server, (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            OutputStream out = s.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                    + "\r\nAccept: application/x-hdl-message\r\nContent-Type: application/x-hdl-message\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            String status = readLine(in);
            if (!status.startsWith("HTTP/1.") || !status.contains(" 200")) {
                throw new IOException("HTTP tunnel answered: " + status);
            }
            while (!readLine(in).isEmpty()) {
                // skip headers
            }
            return readMessage(in);
        }
    }

    private static String readLine(DataInputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
