package cn.idnode.server.handle;

import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.Limits;
import cn.idnode.protocol.Message;
import cn.idnode.protocol.MessageCodec;
import cn.idnode.protocol.OpCode;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.ProtocolVersion;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.WireReader;

/** Decoding shared by the transports: a message, or the error answer to send instead. */
final class Frames {
    private Frames() {}

    /** Either a decoded request or the answer to a malformed one. */
    record Decoded(Message message, Outbound error) {
        boolean ok() {
            return message != null;
        }
    }

    static Decoded decode(Envelope envelope, byte[] buf, int off, int len, int siteSerial) {
        try {
            return new Decoded(MessageCodec.decode(envelope, buf, off, len), null);
        } catch (ProtocolException e) {
            OpCode op = len >= 4 ? OpCode.of(WireReader.getInt(buf, off)) : OpCode.RESERVED;
            return new Decoded(null, HandleService.errorFor(envelope, op, e.responseCode(), e.getMessage(),
                    siteSerial));
        }
    }

    /**
     * The answer to an envelope that failed validation: the raw fields are still readable (the length is what was
     * wrong), so the answer carries the request and session ids.
     */
    static Outbound badEnvelope(byte[] raw, int off, String message, int siteSerial) {
        Envelope e = new Envelope(new ProtocolVersion(raw[off] & 0xFF, raw[off + 1] & 0xFF),
                new ProtocolVersion(raw[off + 2] & 0x03, raw[off + 3] & 0xFF), 0, WireReader.getInt(raw, off + 4),
                WireReader.getInt(raw, off + 8), 0, 0);
        return HandleService.errorFor(e, OpCode.RESERVED, ResponseCode.PROTOCOL_ERROR, message, siteSerial);
    }

    static boolean hasEnvelope(int readable) {
        return readable >= Limits.ENVELOPE_SIZE;
    }
}
