package cn.idnode.protocol;

/** OC_UNHOME_NA request (§7.11). */
public record UnhomePrefixRequest(ByteString handle) implements MessageBody {
    @Override
    public void encodeTo(WireWriter w) {
        w.writeBytes(handle);
    }

    static UnhomePrefixRequest decode(WireReader r) throws ProtocolException {
        return new UnhomePrefixRequest(r.hasRemaining() ? r.readBytes("handle") : ByteString.EMPTY);
    }
}
