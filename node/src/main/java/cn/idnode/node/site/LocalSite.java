package cn.idnode.node.site;

import cn.idnode.protocol.SiteInfo;
import java.util.concurrent.atomic.AtomicReference;

/** This node's current site record: what GET_SITE_INFO answers and what its prefix handle publishes in HS_SITE. */
public final class LocalSite {
    private final AtomicReference<SiteInfo> current;

    public LocalSite(SiteInfo initial) {
        current = new AtomicReference<>(initial);
    }

    public SiteInfo current() {
        return current.get();
    }

    /** The serial number echoed in every response header. */
    public int serialNumber() {
        return current.get().serialNumber();
    }

    public boolean isPrimary() {
        return current.get().isPrimary();
    }

    void replace(SiteInfo site) {
        current.set(site);
    }
}
