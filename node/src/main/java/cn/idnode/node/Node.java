package cn.idnode.node;

import cn.idnode.node.op.GetSiteInfoOperation;
import cn.idnode.node.op.OperationRunner;
import cn.idnode.node.op.ResolveOperation;
import cn.idnode.node.prefix.PrefixTable;
import cn.idnode.node.prefix.Responsibility;
import cn.idnode.node.record.RecordStore;
import cn.idnode.node.site.LocalSite;
import cn.idnode.node.site.SitePublisher;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.SiteInfo;
import cn.idnode.store.Store;
import java.time.InstantSource;

/**
 * The node's domain, assembled: storage views, the prefix table, the site, the operations and their runner.
 * Transports and APIs (the server module) call operations through {@link #runner()}.
 */
public final class Node {
    private final Store store;
    private final InstantSource clock;
    private final Metrics metrics;
    private final RecordStore records;
    private final PrefixTable prefixes;
    private final LocalSite site;
    private final OperationRunner runner;
    private final ResolveOperation resolve;
    private final GetSiteInfoOperation getSiteInfo;

    private Node(Store store, InstantSource clock, Metrics metrics, SiteInfo initialSite) {
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
        this.records = new RecordStore(store);
        this.prefixes = new PrefixTable(store);
        this.site = new LocalSite(initialSite);
        this.runner = new OperationRunner(records, clock, metrics);
        this.resolve = new ResolveOperation(new Responsibility(prefixes));
        this.getSiteInfo = new GetSiteInfoOperation(site);
    }

    /**
     * Opens the node over an open store (declared with {@link NodeSchema#all()}) and publishes its site: the prefix
     * handle and homings are created on first start.
     */
    public static Node open(Store store, InstantSource clock, Metrics metrics, ByteString prefix, SiteInfo site,
                            ByteString adminKeyBlob) {
        Node node = new Node(store, clock, metrics, site);
        new SitePublisher(store, node.records, node.prefixes).publish(node.site, prefix, site, adminKeyBlob,
                clock.millis());
        return node;
    }

    public Store store() {
        return store;
    }

    public InstantSource clock() {
        return clock;
    }

    public Metrics metrics() {
        return metrics;
    }

    public RecordStore records() {
        return records;
    }

    public PrefixTable prefixes() {
        return prefixes;
    }

    public LocalSite site() {
        return site;
    }

    public OperationRunner runner() {
        return runner;
    }

    public ResolveOperation resolve() {
        return resolve;
    }

    public GetSiteInfoOperation getSiteInfo() {
        return getSiteInfo;
    }
}
