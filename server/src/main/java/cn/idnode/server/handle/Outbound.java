package cn.idnode.server.handle;

import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.Limits;
import cn.idnode.protocol.MessageCodec;

/**
 * One encoded message ready to send: its envelope (message length already set) and the bytes after it. Transports
 * frame it (TCP, HTTP) or split it into datagrams (UDP).
 */
public record Outbound(Envelope envelope, byte[] message) {

    public Outbound {
        envelope = envelope.withMessageLength(message.length);
    }

    /** Envelope and message in one array. */
    public byte[] framed() {
        return MessageCodec.frame(envelope, message);
    }

    public int framedLength() {
        return Limits.ENVELOPE_SIZE + message.length;
    }
}
