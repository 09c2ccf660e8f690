package cn.idnode.protocol;

/** OC_SESSION_TERMINATE request (§7.13); the handle is ignored. */
public record SessionTerminateRequest(ByteString handle) implements MessageBody {
    @Override
    public void encodeTo(WireWriter w) {
        w.writeBytes(handle);
    }

    static SessionTerminateRequest decode(WireReader r) throws ProtocolException {
        return new SessionTerminateRequest(r.hasRemaining() ? r.readBytes("handle") : ByteString.EMPTY);
    }
}
