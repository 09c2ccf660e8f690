package cn.idnode.protocol;

/** OC_DELETE_HANDLE request (§7.4). */
public record DeleteHandleRequest(ByteString handle) implements MessageBody {
    @Override
    public void encodeTo(WireWriter w) {
        w.writeBytes(handle);
    }

    static DeleteHandleRequest decode(WireReader r) throws ProtocolException {
        return new DeleteHandleRequest(r.hasRemaining() ? r.readBytes("handle") : ByteString.EMPTY);
    }
}
