package cn.idnode.protocol;

/** OC_HOME_NA request (§7.11): `0.NA/P` or bare `P`. */
public record HomePrefixRequest(ByteString handle) implements MessageBody {
    @Override
    public void encodeTo(WireWriter w) {
        w.writeBytes(handle);
    }

    static HomePrefixRequest decode(WireReader r) throws ProtocolException {
        return new HomePrefixRequest(r.hasRemaining() ? r.readBytes("handle") : ByteString.EMPTY);
    }
}
