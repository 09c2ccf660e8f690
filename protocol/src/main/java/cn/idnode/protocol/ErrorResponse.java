package cn.idnode.protocol;

/** The error body (§6.6): a human-readable UTF-8 message, possibly empty. */
public record ErrorResponse(ByteString message) implements MessageBody {
    public static ErrorResponse of(String message) {
        return new ErrorResponse(ByteString.utf8(message == null ? "" : message));
    }

    @Override
    public void encodeTo(WireWriter w) {
        w.writeBytes(message);
    }

    static ErrorResponse decode(WireReader r) throws ProtocolException {
        return new ErrorResponse(r.hasRemaining() ? r.readBytes("error message") : ByteString.EMPTY);
    }
}
