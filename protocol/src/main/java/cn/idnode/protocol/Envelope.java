package cn.idnode.protocol;

/**
 * The 20-byte message envelope (handle-protocol.md §1.1). Never encrypted or signed.
 *
 * @param suggestedVersion the version the sender suggests for the answer (CNRI extension in bytes 2–3); a suggested
 *                         major of 0 means "same as {@code version}", see {@link #effectiveSuggestedVersion()}
 * @param flags            {@link #COMPRESSED}, {@link #ENCRYPTED}, {@link #TRUNCATED} (other bits are reserved)
 * @param messageId        fragment number of a multi-packet UDP message; 0 otherwise
 * @param messageLength    length of everything after the envelope (for UDP fragments: of the whole message)
 */
public record Envelope(ProtocolVersion version, ProtocolVersion suggestedVersion, int flags, int sessionId,
                       int requestId, int messageId, int messageLength) {
    public static final int COMPRESSED = 0x80;
    public static final int ENCRYPTED = 0x40;
    public static final int TRUNCATED = 0x20;
    private static final int FLAG_MASK = 0xFC;

    public Envelope {
        if ((flags & ~FLAG_MASK) != 0) {
            throw new IllegalArgumentException("envelope flags use bits 0xFC only: " + Integer.toHexString(flags));
        }
        if (suggestedVersion.major() > 3) {
            throw new IllegalArgumentException("the suggested major version has two bits: " + suggestedVersion);
        }
    }

    public boolean encrypted() {
        return (flags & ENCRYPTED) != 0;
    }

    public boolean truncated() {
        return (flags & TRUNCATED) != 0;
    }

    public ProtocolVersion effectiveSuggestedVersion() {
        return suggestedVersion.major() == 0 ? version : suggestedVersion;
    }

    public Envelope withMessageLength(int length) {
        return new Envelope(version, suggestedVersion, flags, sessionId, requestId, messageId, length);
    }

    public Envelope withFragment(int id, boolean truncatedFlag) {
        int f = truncatedFlag ? flags | TRUNCATED : flags & ~TRUNCATED;
        return new Envelope(version, suggestedVersion, f, sessionId, requestId, id, messageLength);
    }

    public Envelope withFlags(int newFlags) {
        return new Envelope(version, suggestedVersion, newFlags, sessionId, requestId, messageId, messageLength);
    }

    public Envelope withRequestId(int id) {
        return new Envelope(version, suggestedVersion, flags, sessionId, id, messageId, messageLength);
    }

    public Envelope withSessionId(int id) {
        return new Envelope(version, suggestedVersion, flags, id, requestId, messageId, messageLength);
    }

    public void encodeTo(byte[] b, int off) {
        b[off] = (byte) version.major();
        b[off + 1] = (byte) version.minor();
        b[off + 2] = (byte) (flags | (suggestedVersion.major() & 0x03));
        b[off + 3] = (byte) suggestedVersion.minor();
        WireWriter.putInt(b, off + 4, sessionId);
        WireWriter.putInt(b, off + 8, requestId);
        WireWriter.putInt(b, off + 12, messageId);
        WireWriter.putInt(b, off + 16, messageLength);
    }

    public byte[] encode() {
        byte[] b = new byte[Limits.ENVELOPE_SIZE];
        encodeTo(b, 0);
        return b;
    }

    /**
     * Decodes an envelope and checks its message length against the protocol maximum.
     *
     * @throws ProtocolException RC 4 for a negative or oversized length (the caller answers and closes)
     */
    public static Envelope decode(byte[] b, int off) throws ProtocolException {
        if (off < 0 || b.length - off < Limits.ENVELOPE_SIZE) {
            throw ProtocolException.malformed("envelope needs 20 bytes, got " + (b.length - off));
        }
        int flagsAndMajor = b[off + 2] & 0xFF;
        Envelope e = new Envelope(new ProtocolVersion(b[off] & 0xFF, b[off + 1] & 0xFF),
                new ProtocolVersion(flagsAndMajor & 0x03, b[off + 3] & 0xFF), flagsAndMajor & FLAG_MASK,
                WireReader.getInt(b, off + 4), WireReader.getInt(b, off + 8), WireReader.getInt(b, off + 12),
                WireReader.getInt(b, off + 16));
        if (e.messageLength < 0 || e.messageLength > Limits.MAX_MESSAGE_LENGTH) {
            throw ProtocolException.malformed("message length " + e.messageLength + " outside 0.."
                    + Limits.MAX_MESSAGE_LENGTH);
        }
        if (e.messageId < 0) {
            throw ProtocolException.malformed("negative message id " + e.messageId);
        }
        return e;
    }
}
