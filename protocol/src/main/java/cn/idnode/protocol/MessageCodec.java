package cn.idnode.protocol;

import java.util.Optional;

/**
 * Encodes and decodes whole messages (handle-protocol.md §1): the one codec behind every transport.
 *
 * <p>Decoding never trusts a length: every count and size is checked against the bytes that remain (see
 * {@link WireReader}), and every failure is a {@link ProtocolException} carrying the response code to answer with.
 * Body kinds are chosen from the opcode and response code; unknown opcodes are kept as {@link OpaqueBody} so that
 * they survive a round trip and can be answered with RC 5.
 */
public final class MessageCodec {
    private MessageCodec() {}

    /** Decodes a message whose envelope was already read; {@code buf[off, off+len)} is everything after it. */
    public static Message decode(Envelope envelope, byte[] buf, int off, int len) throws ProtocolException {
        if (off < 0 || len < 0 || len > buf.length - off) {
            throw ProtocolException.malformed("message of " + len + " bytes at offset " + off + " is not inside the "
                    + buf.length + "-byte buffer");
        }
        if (len != envelope.messageLength()) {
            throw ProtocolException.malformed("message is " + len + " bytes, envelope says "
                    + envelope.messageLength());
        }
        if (len < Limits.HEADER_SIZE) {
            throw ProtocolException.malformed("message of " + len + " bytes is shorter than the 24-byte header");
        }
        Header header = decodeHeader(buf, off, len, envelope.version());
        int bodyStart = off + Limits.HEADER_SIZE;
        WireReader body = new WireReader(buf, bodyStart, header.bodyLength());
        Optional<RequestDigest> digest = Optional.empty();
        if (!header.isRequest() && header.has(OpFlags.RETURN_REQUEST_DIGEST)) {
            digest = Optional.of(RequestDigest.decode(body));
        }
        MessageBody decoded = header.isRequest()
                ? decodeRequestBody(header.opCode(), body)
                : decodeResponseBody(header.opCode(), header.responseCode(), body);
        Optional<Credential> credential = decodeCredential(buf, bodyStart + header.bodyLength(), off + len);
        ByteString signed = ByteString.copyOf(buf, off, Limits.HEADER_SIZE + header.bodyLength());
        return new Message(envelope, header, digest, decoded, credential, signed);
    }

    /** Decodes envelope and message from one buffer (a TCP frame, an HTTP body, a reassembled datagram). */
    public static Message decode(byte[] frame) throws ProtocolException {
        Envelope e = Envelope.decode(frame, 0);
        return decode(e, frame, Limits.ENVELOPE_SIZE, frame.length - Limits.ENVELOPE_SIZE);
    }

    static Header decodeHeader(byte[] buf, int off, int len, ProtocolVersion version) throws ProtocolException {
        OpCode op = OpCode.of(WireReader.getInt(buf, off));
        if (op.code() == 0 && WireReader.getInt(buf, off + 4) == 0) {
            // a request with opcode 0; answers to undecodable envelopes legitimately carry opcode 0 (§1.1)
            throw ProtocolException.malformed("opcode 0 is reserved");
        }
        ResponseCode rc = ResponseCode.of(WireReader.getInt(buf, off + 4)).fromVersion(version);
        int flags = WireReader.getInt(buf, off + 8);
        int serial = (short) (((buf[off + 12] & 0xFF) << 8) | (buf[off + 13] & 0xFF));
        int recursion = buf[off + 14] & 0xFF;
        int expiration = WireReader.getInt(buf, off + 16);
        int bodyLength = WireReader.getInt(buf, off + 20);
        if (bodyLength < 0 || bodyLength > len - Limits.HEADER_SIZE) {
            throw ProtocolException.malformed("body length " + bodyLength + " outside 0.."
                    + (len - Limits.HEADER_SIZE));
        }
        return new Header(op, rc, flags, serial, recursion, expiration, bodyLength);
    }

    static MessageBody decodeRequestBody(OpCode op, WireReader r) throws ProtocolException {
        return switch (op.code()) {
            case 1 -> ResolutionRequest.decode(r);
            case 2 -> GetSiteInfoRequest.decode(r);
            case 100 -> CreateHandleRequest.decode(r);
            case 101 -> DeleteHandleRequest.decode(r);
            case 102 -> AddValueRequest.decode(r);
            case 103 -> RemoveValueRequest.decode(r);
            case 104 -> ModifyValueRequest.decode(r);
            case 105 -> ListHandlesRequest.decode(r);
            case 200 -> ChallengeAnswerRequest.decode(r);
            case 201 -> VerifyChallengeRequest.decode(r);
            case 300 -> HomePrefixRequest.decode(r);
            case 301 -> UnhomePrefixRequest.decode(r);
            case 302 -> ListHomedPrefixesRequest.decode(r);
            case 400 -> SessionSetupRequest.decode(r);
            case 401 -> SessionTerminateRequest.decode(r);
            case 402 -> SessionExchangeKeyRequest.decode(r);
            case 2001 -> LoginIdSystemRequest.decode(r);
            default -> new OpaqueBody(r.readFixed(r.remaining(), "opaque body"));
        };
    }

    static MessageBody decodeResponseBody(OpCode op, ResponseCode rc, WireReader r) throws ProtocolException {
        switch (rc.code()) {
            case 1:
                return switch (op.code()) {
                    case 1 -> ResolutionResponse.decode(r);
                    case 2 -> SiteInfoResponse.decode(r);
                    case 100 -> CreateHandleResponse.decode(r);
                    case 105, 302 -> ListHandlesResponse.decode(r);
                    case 201 -> VerifyChallengeResponse.decode(r);
                    case 400 -> SessionSetupResponse.decode(r);
                    case 101, 102, 103, 104, 300, 301, 401, 402, 1003, 2001 -> GenericResponse.INSTANCE;
                    default -> new OpaqueBody(r.readFixed(r.remaining(), "opaque body"));
                };
            case 402:
                return ChallengeResponse.decode(r);
            case 302, 303:
                return ReferralResponse.decode(r);
            default:
                return ErrorResponse.decode(r);
        }
    }

    private static Optional<Credential> decodeCredential(byte[] buf, int start, int end) throws ProtocolException {
        int remaining = end - start;
        if (remaining == 0) {
            return Optional.empty();
        }
        if (remaining < 4) {
            throw ProtocolException.malformed(remaining + " stray bytes where the credential length belongs");
        }
        int len = WireReader.getInt(buf, start);
        if (len == 0) {
            return Optional.empty();
        }
        if (len < 0 || len > remaining - 4) {
            throw ProtocolException.malformed("credential length " + len + " outside 0.." + (remaining - 4));
        }
        return Optional.of(Credential.decode(new WireReader(buf, start + 4, len)));
    }

    /**
     * Encodes everything after the envelope. For responses the RD flag is set exactly when a digest is given, and the
     * response code is written as the envelope version requires (§3 downgrades). The credential, if any, is appended;
     * otherwise the credential length 0 is written.
     */
    public static byte[] encodeMessage(ProtocolVersion version, Header header, Optional<RequestDigest> digest,
                                       MessageBody body, Optional<Credential> credential) {
        WireWriter w = new WireWriter(Limits.HEADER_SIZE + digest.map(d -> 1 + d.digest().length()).orElse(0)
                + body.sizeHint() + (credential.isPresent() ? 256 : 4));
        int flags = header.opFlags();
        ResponseCode rc = header.responseCode();
        if (!header.isRequest()) {
            flags = digest.isPresent() ? flags | OpFlags.RETURN_REQUEST_DIGEST : flags & ~OpFlags.RETURN_REQUEST_DIGEST;
            rc = rc.forVersion(version);
        } else if (digest.isPresent()) {
            throw new IllegalArgumentException("requests carry no digest");
        }
        w.writeInt(header.opCode().code()).writeInt(rc.code()).writeInt(flags).writeShort(header.siteInfoSerial())
                .writeByte(header.recursionCount()).writeByte(0).writeInt(header.expirationTime());
        int bodyLengthAt = w.position();
        w.writeInt(0);
        digest.ifPresent(d -> d.encodeTo(w));
        body.encodeTo(w);
        int bodyLength = w.position() - Limits.HEADER_SIZE;
        w.setInt(bodyLengthAt, bodyLength);
        if (credential.isPresent()) {
            credential.get().encodeTo(w);
        } else {
            w.writeInt(0);
        }
        return w.toExactByteArray();
    }

    /** Envelope (with the right message length) followed by {@code message}. */
    public static byte[] frame(Envelope envelope, byte[] message) {
        byte[] out = new byte[Limits.ENVELOPE_SIZE + message.length];
        envelope.withMessageLength(message.length).encodeTo(out, 0);
        System.arraycopy(message, 0, out, Limits.ENVELOPE_SIZE, message.length);
        return out;
    }

    /** Envelope and message in one buffer. */
    public static byte[] encode(Message m) {
        byte[] message = encodeMessage(m.envelope().version(), m.header(), m.digest(), m.body(), m.credential());
        return frame(m.envelope(), message);
    }

    /** The header and body part of an encoded message (input of digests and MACs). */
    public static ByteString headerAndBody(byte[] message) {
        int bodyLength = WireReader.getInt(message, 20);
        return ByteString.copyOf(message, 0, Limits.HEADER_SIZE + bodyLength);
    }
}
