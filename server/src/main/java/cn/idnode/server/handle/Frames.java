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
