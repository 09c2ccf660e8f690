package cn.idnode.protocol;

/** OC_GET_SITE_INFO success body (§7.2): the raw site record, no length prefix, nothing after it. */
public record SiteInfoResponse(SiteInfo siteInfo) implements MessageBody {
    @Override
    public void encodeTo(WireWriter w) {
        w.writeRaw(siteInfo.encode());
    }

    static SiteInfoResponse decode(WireReader r) throws ProtocolException {
        SiteInfo s = SiteInfo.decode(r);
        r.requireEnd("site info");
        return new SiteInfoResponse(s);
    }
}
