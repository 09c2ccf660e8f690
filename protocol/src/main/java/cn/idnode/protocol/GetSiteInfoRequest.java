package cn.idnode.protocol;

/** OC_GET_SITE_INFO request (§7.2): clients send "/" and the server ignores it; an empty body is accepted. */
public record GetSiteInfoRequest(ByteString handle) implements MessageBody {
    public static final GetSiteInfoRequest SLASH = new GetSiteInfoRequest(ByteString.utf8("/"));

    @Override
    public void encodeTo(WireWriter w) {
        w.writeBytes(handle);
    }

    static GetSiteInfoRequest decode(WireReader r) throws ProtocolException {
        return new GetSiteInfoRequest(r.hasRemaining() ? r.readBytes("handle") : ByteString.EMPTY);
    }
}
