package cn.idnode.protocol;

/** OC_LIST_HOMED_NAS request (§7.12); the handle is ignored (clients send "/"). */
public record ListHomedPrefixesRequest(ByteString handle) implements MessageBody {
    @Override
    public void encodeTo(WireWriter w) {
        w.writeBytes(handle);
    }

    static ListHomedPrefixesRequest decode(WireReader r) throws ProtocolException {
        return new ListHomedPrefixesRequest(r.hasRemaining() ? r.readBytes("handle") : ByteString.EMPTY);
    }
}
