package cn.idnode.protocol;

import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * The properties every decode must have, shared by the parser-attack tests and the fuzz tests:
 * <ol>
 *   <li>decoding either returns a value or throws {@link ProtocolException} — no other exception, no error;</li>
 *   <li>a decoded message re-encodes without failing, the re-encoding decodes to a structurally equal message
 *       ({@link Fixtures#structure}), and re-encoding that gives the same bytes again (the canonical form is a fixed
 *       point).</li>
 * </ol>
 */
final class CodecOracle {
    private CodecOracle() {}

    /** Runs a decode; returns its value, or null if it threw ProtocolException; any other throwable fails. */
    static <T> T decodeOrReject(Callable<T> decode, byte[] input) {
        try {
            return decode.call();
        } catch (ProtocolException e) {
            if (e.responseCode() == null) {
                throw new AssertionError("ProtocolException without a response code for input " + hex(input), e);
            }
            return null;
        } catch (Throwable t) {
            throw new AssertionError("decoding threw " + t + " (only ProtocolException is allowed) for input "
                    + hex(input), t);
        }
    }

    /** Decodes a frame under the contract and checks the structural round trip of whatever decodes. */
    static Message checkFrame(byte[] frame) {
        Message m = decodeOrReject(() -> MessageCodec.decode(frame), frame);
        if (m != null) {
            checkRoundTrip(m, frame);
        }
        return m;
    }

    static void checkRoundTrip(Message m, byte[] input) {
        String.valueOf(m); // servers log what they decode: describing a message may not fail either
        byte[] once;
        try {
            once = MessageCodec.encode(m);
        } catch (RuntimeException e) {
            throw new AssertionError("a decoded message failed to encode: " + m + " from " + hex(input), e);
        }
        if (once.length - Limits.ENVELOPE_SIZE > Limits.MAX_MESSAGE_LENGTH) {
            return; // canonicalisation added the int4 credential length to a maximal message; nothing to compare
        }
        Message again;
        try {
            again = MessageCodec.decode(once);
        } catch (ProtocolException e) {
            throw new AssertionError("the re-encoding of a decoded message does not decode (" + e.getMessage()
                    + "): " + m + "\n input " + hex(input) + "\n output " + hex(once), e);
        }
        if (!Fixtures.structure(again).equals(Fixtures.structure(m))) {
            throw new AssertionError("round trip changed the message\n before " + m + "\n after  " + again
                    + "\n input " + hex(input) + "\n output " + hex(once));
        }
        byte[] twice = MessageCodec.encode(again);
        if (!Arrays.equals(once, twice)) {
            throw new AssertionError("re-encoding is not stable\n first  " + hex(once) + "\n second " + hex(twice));
        }
    }

    static String hex(byte[] b) {
        return b.length > 600 ? java.util.HexFormat.of().formatHex(b, 0, 600) + "...(" + b.length + " bytes)"
                : java.util.HexFormat.of().formatHex(b);
    }
}
