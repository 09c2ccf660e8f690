package cn.idnode.node.op;

import cn.idnode.node.site.LocalSite;
import cn.idnode.protocol.SiteInfo;

/** OC_GET_SITE_INFO (handle-protocol.md §7.2): this node's site record. The request's handle is ignored. */
public final class GetSiteInfoOperation implements Operation<Void, SiteInfo> {
    private final LocalSite site;

    public GetSiteInfoOperation(LocalSite site) {
        this.site = site;
    }

    @Override
    public String name() {
        return "get-site-info";
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public SiteInfo execute(Void input, OperationContext ctx) {
        return site.current();
    }
}
