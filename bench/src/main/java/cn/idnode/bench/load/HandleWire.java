package cn.idnode.bench.load;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.Envelope;
import cn.idnode.protocol.Header;
import cn.idnode.protocol.Limits;
import cn.idnode.protocol.Message;
import cn.idnode.protocol.MessageCodec;
import cn.idnode.protocol.OpCode;
import cn.idnode.protocol.OpFlags;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.ProtocolVersion;
import cn.idnode.protocol.ResolutionRequest;
import cn.idnode.protocol.ResolutionResponse;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.WireReader;
import java.util.Optional;

/**
 * Resolution requests and the checking of their answers, with the project's codec ({@link MessageCodec}). Requests
 * look like CNRI's resolver's: version 2.11, recursive, public values only (PO), expiry 12 h ahead.
 */
final class HandleWire {
    static final int FLAGS = OpFlags.RECURSIVE | OpFlags.CACHE_CERTIFY | OpFlags.PUBLIC_ONLY;

    private HandleWire() {}

    /** Everything after the envelope of a resolution request for {@code handle}. */
    static byte[] resolutionMessage(String handle) {
        int expiration = (int) (System.currentTimeMillis() / 1000) + 43_200;
        Header header = new Header(OpCode.RESOLUTION, ResponseCode.RESERVED, FLAGS, -1, 0, expiration, 0);
        return MessageCodec.encodeMessage(ProtocolVersion.CURRENT, header, Optional.empty(),
                ResolutionRequest.of(handle), Optional.empty());
    }

    /** The envelope of a request (or of fragment {@code messageId} of one) as 20 bytes in {@code out}. */
    static void envelope(byte[] out, int requestId, int messageId, int messageLength, boolean truncated) {
        new Envelope(ProtocolVersion.CURRENT, ProtocolVersion.CURRENT, truncated ? Envelope.TRUNCATED : 0, 0,
                requestId, messageId, messageLength).encodeTo(out, 0);
    }

    /** Envelope and message of a whole request (TCP, HTTP tunnel). */
    static byte[] frame(String handle, int requestId) {
        byte[] message = resolutionMessage(handle);
        byte[] out = new byte[Limits.ENVELOPE_SIZE + message.length];
        envelope(out, requestId, 0, message.length, false);
        System.arraycopy(message, 0, out, Limits.ENVELOPE_SIZE, message.length);
        return out;
    }

    /**
     * Checks an answer to {@code req}: null if it is correct (success with the requested handle echoed and values;
     * or, for an identifier chosen to be unknown, RC 100), else the kind of error. {@code full} decodes the whole
     * message with the codec; otherwise only the envelope and header are read (cheaper for the generator).
     */
    static String check(Req req, Envelope env, byte[] buf, int off, int len, boolean full) {
        if (len < Limits.HEADER_SIZE) {
            return "bad answer: shorter than a header";
        }
        int op = WireReader.getInt(buf, off);
        if (op != OpCode.RESOLUTION.code()) {
            return "bad answer: opcode " + op;
        }
        int rc;
        if (full) {
            Message m;
            try {
                m = MessageCodec.decode(env, buf, off, len);
            } catch (ProtocolException e) {
                return "bad answer: " + e.getMessage();
            }
            rc = m.responseCode().code();
            if (rc == ResponseCode.SUCCESS.code()) {
                if (!(m.body() instanceof ResolutionResponse rr)) {
                    return "bad answer: success without resolution body";
                }
                if (!rr.handle().equals(ByteString.utf8(req.handle))) {
                    return "bad answer: handle not echoed";
                }
                if (rr.values().count() == 0) {
                    return "bad answer: no values";
                }
            }
        } else {
            rc = WireReader.getInt(buf, off + 4);
        }
        return classify(req.miss, rc);
    }

    static String classify(boolean miss, int rc) {
        if (!miss && rc == ResponseCode.SUCCESS.code()) {
            return null;
        }
        if (miss && rc == ResponseCode.HANDLE_NOT_FOUND.code()) {
            return null;
        }
        return "RC " + rc + " " + ResponseCode.of(rc).name() + (miss ? " (unknown id)" : "");
    }
}
