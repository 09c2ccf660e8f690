package cn.idnode.protocol;

/** OC_LIST_HANDLES request (§7.8): a prefix handle, `0.NA/P` or bare `P`. */
public record ListHandlesRequest(ByteString handle) implements MessageBody {
    @Override
    public void encodeTo(WireWriter w) {
        w.writeBytes(handle);
    }

    static ListHandlesRequest decode(WireReader r) throws ProtocolException {
        return new ListHandlesRequest(r.hasRemaining() ? r.readBytes("handle") : ByteString.EMPTY);
    }
}
