package cn.idnode.server.idis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One message read by the test client, decoded from handle-protocol.md §1 and §6: the envelope, the header, the
 * request digest (present iff RD is set in the header), and the rest of the body for the kind-specific readers.
 *
 * @param envelopeFlags byte 2 of the envelope without the suggested major version (0x40 = EC)
 * @param encryptedLength MessageLength as sent (the ciphertext length when EC was set)
 * @param headerAndBody the plaintext header and body (what a digest covers)
 * @param digest the raw digest (empty when RD is clear)
 * @param rest the body after the digest
 * @param credentialLength the int4 after the body, or -1 if the message ended there
 */
record IdisReply(int major, int minor, int suggestedMajor, int suggestedMinor, int envelopeFlags, int sessionId,
                 int requestId, int messageId, int encryptedLength, int opCode, int responseCode, int opFlags,
                 int siteSerial, int recursionCount, int expiration, int bodyLength, byte[] headerAndBody,
                 int digestCode, byte[] digest, byte[] rest, int credentialLength) {

    static final int RD = 0x00800000;

    /** Decodes a plaintext message (after the envelope, decrypted if it was encrypted). */
    static IdisReply decode(byte[] envelope, byte[] message, int sentLength) {
        IdisBytes.Reader e = new IdisBytes.Reader(envelope);
        int major = e.int1();
        int minor = e.int1();
        int flagsAndMajor = e.int1();
        int sugMinor = e.int1();
        int session = e.int4();
        int request = e.int4();
        int messageId = e.int4();
        IdisBytes.Reader h = new IdisBytes.Reader(message);
        int op = h.int4();
        int rc = h.int4();
        int flags = h.int4();
        int serial = (short) h.int2();
        int recursion = h.int1();
        h.int1();
        int expiration = h.int4();
        int bodyLength = h.int4();
        byte[] body = h.raw(bodyLength);
        int credential = h.remaining() >= 4 ? h.int4() : -1;
        IdisBytes.Reader b = new IdisBytes.Reader(body);
        int code = 0;
        byte[] digest = new byte[0];
        if ((flags & RD) != 0) {
            code = b.int1();
            digest = b.raw(switch (code) {
                case 1 -> 16;
                case 2 -> 20;
                case 3 -> 32;
                default -> throw new AssertionError("unknown digest hash code " + code);
            });
        }
        byte[] rest = b.raw(b.remaining());
        return new IdisReply(major, minor, flagsAndMajor & 0x03, sugMinor, flagsAndMajor & 0xFC, session, request,
                messageId, sentLength, op, rc, flags, serial, recursion, expiration, bodyLength,
                Arrays.copyOf(message, 24 + bodyLength), code, digest, rest, credential);
    }

    boolean has(int flag) {
        return (opFlags & flag) == flag;
    }

    IdisBytes.Reader body() {
        return new IdisBytes.Reader(rest);
    }

    /** Error body (§6.6): {@code Bytes message}. */
    String errorMessage() {
        return body().utf8();
    }

    /** Challenge body (§6.5): {@code Bytes nonce}. */
    byte[] nonce() {
        return body().bytes();
    }

    /** Resolution body (§7.1): handle and values. */
    String handle() {
        return body().utf8();
    }

    List<IdisValue> values() {
        IdisBytes.Reader r = body();
        r.bytes();
        int n = r.int4();
        List<IdisValue> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(IdisValue.read(r));
        }
        if (r.remaining() != 0) {
            throw new AssertionError(r.remaining() + " bytes after the values");
        }
        return out;
    }

    List<Integer> indexes() {
        return values().stream().map(IdisValue::index).toList();
    }

    /** Listing bodies (§7.8, §7.12): {@code int4 count}, handles. */
    List<String> handles() {
        IdisBytes.Reader r = body();
        int n = r.int4();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(r.utf8());
        }
        return out;
    }

    String digestHex() {
        return HexFormat.of().formatHex(digest);
    }

    @Override
    public String toString() {
        String text = responseCode > 1 && responseCode != 402 && rest.length >= 4
                ? " \"" + new String(rest, 4, Math.min(rest.length - 4, 200), StandardCharsets.UTF_8) + "\"" : "";
        return "reply{op " + opCode + " rc " + responseCode + " session " + sessionId + " request " + requestId
                + " flags " + Integer.toHexString(opFlags) + text + "}";
    }
}
