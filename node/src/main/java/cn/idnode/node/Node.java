package cn.idnode.node;

import cn.idnode.node.account.AccessTokens;
import cn.idnode.node.account.AccountStore;
import cn.idnode.node.account.Passwords;
import cn.idnode.node.account.SecretBox;
import cn.idnode.node.business.Business;
import cn.idnode.node.business.BusinessConfig;
import cn.idnode.node.business.BusinessOperations;
import cn.idnode.node.business.Ids;
import cn.idnode.node.enterprise.EnterpriseStore;
import cn.idnode.node.file.FileStore;
import cn.idnode.node.prefix.PrefixStates;
import cn.idnode.node.record.RecordWriter;
import cn.idnode.node.standard.Industries;
import cn.idnode.node.standard.Regions;
import cn.idnode.node.standard.TemplatePacks;
import cn.idnode.node.template.TemplateValidator;
import cn.idnode.node.template.Templates;
import cn.idnode.node.op.GetSiteInfoOperation;
import cn.idnode.node.op.OperationRunner;
import cn.idnode.node.op.ResolveOperation;
import cn.idnode.node.prefix.PrefixPolicy;
import cn.idnode.node.prefix.PrefixTable;
import cn.idnode.node.prefix.UsageCounters;
import cn.idnode.node.prefix.Responsibility;
import cn.idnode.node.record.RecordStore;
import cn.idnode.node.site.LocalSite;
import cn.idnode.node.site.SitePublisher;
import cn.idnode.node.auth.Authenticator;
import cn.idnode.node.auth.Authorizer;
import cn.idnode.node.auth.CryptoKeyVerifier;
import cn.idnode.node.auth.IdentityTokens;
import cn.idnode.node.auth.RemoteIdentities;
import cn.idnode.node.auth.ServerAdmins;
import cn.idnode.node.op.admin.AdminOperations;
import cn.idnode.protocol.ValueReference;
import cn.idnode.protocol.ValueTypes;
import cn.idnode.store.Store;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

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
    private final Authorizer authorizer;
    private final AdminOperations admin;
    private final ValueReference adminIdentity;
    private final Responsibility responsibility;
    private final RemoteIdentities remote;
    private final Authenticator authenticator;
    private final IdentityTokens identityTokens;
    private final PrefixPolicy policy;
    private final Templates templates;
    private final RecordWriter writer;
    private final BusinessOperations business;

    private Node(Store store, InstantSource clock, Metrics metrics, NodeSettings settings) {
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
        this.records = new RecordStore(store);
        this.prefixes = new PrefixTable(store);
        this.site = new LocalSite(settings.site());
        this.runner = new OperationRunner(records, clock, metrics);
        this.responsibility = new Responsibility(prefixes);
        this.adminIdentity = SitePublisher.adminIdentity(settings.prefix().toAsciiUpperCase());
        List<ValueReference> admins = new ArrayList<>();
        admins.add(adminIdentity);
        admins.add(Business.operatorsGroup(settings.prefix().toAsciiUpperCase()));
        admins.addAll(settings.serverAdmins());
        this.remote = settings.remote();
        Authorizer.GroupSource groups = (ref, reads) -> responsibility.isMine(ref.handle())
                ? reads.read(ref.handle()).map(r -> r.values().decode())
                : remote.resolve(ref.handle(), List.of(ValueTypes.HS_VLIST), List.of(ref.index()));
        this.authorizer = new Authorizer(new ServerAdmins(admins, settings.homeOnlyAdmins(),
                settings.adminFullAccess()), groups);
        this.authenticator = new Authenticator(new CryptoKeyVerifier(), responsibility, remote);
        this.identityTokens = new IdentityTokens(authenticator, clock, settings.tokenWindow(),
                settings.rejectTokenReplays());
        this.policy = new PrefixPolicy(settings.prefixLimits(), new UsageCounters(clock), store, new PrefixStates());
        this.resolve = new ResolveOperation(responsibility, authorizer, policy);
        this.getSiteInfo = new GetSiteInfoOperation(site);
        this.templates = new Templates(store);
        this.writer = new RecordWriter(store, new TemplateValidator(templates));
        this.admin = new AdminOperations(store, records, prefixes, responsibility, authorizer, policy,
                settings.listHandles(), writer);
        BusinessConfig bc = settings.business();
        Business b = new Business(store, records, writer, authorizer, prefixes, policy, site, clock,
                settings.prefix().toAsciiUpperCase(), adminIdentity, new AccountStore(store),
                new Passwords(bc.argonMemoryKib(), bc.argonIterations()), new SecretBox(bc.dataKey()),
                new AccessTokens(bc.tokenKey(), clock, bc.tokenLifetime()), bc.settings(), new Ids(store, "account"),
                new Ids(store, "enterprise"), new Ids(store, "file"), new Ids(store, "template"),
                new EnterpriseStore(store), templates, new FileStore(store));
        this.business = new BusinessOperations(b, resolve, Regions.bundled(), Industries.bundled(),
                TemplatePacks.bundled());
    }

    /** The secondary-node business: accounts, enterprises, prefixes, templates, identifier data. */
    public BusinessOperations business() {
        return business;
    }

    /** Writes records with validation (metadata templates), counters and audit — shared by every surface. */
    public RecordWriter writer() {
        return writer;
    }

    /**
     * Opens the node over an open store (declared with {@link NodeSchema#all()}) and publishes its site: the prefix
     * handle and homings are created on first start.
     */
    public static Node open(Store store, InstantSource clock, Metrics metrics, NodeSettings settings) {
        Node node = new Node(store, clock, metrics, settings);
        new SitePublisher(store, node.records, node.prefixes).publish(node.site, settings.prefix(), settings.site(),
                settings.adminKeyBlob(), clock.millis());
        return node;
    }

    /** Proves identities from challenge answers, for every surface. */
    public Authenticator authenticator() {
        return authenticator;
    }

    /** Per-prefix limits and usage counts. */
    public PrefixPolicy prefixPolicy() {
        return policy;
    }

    /** IDIS identity tokens in resolution requests. */
    public IdentityTokens identityTokens() {
        return identityTokens;
    }

    /** Identities and groups served by other nodes. */
    public RemoteIdentities remoteIdentities() {
        return remote;
    }

    public Responsibility responsibility() {
        return responsibility;
    }

    public AdminOperations admin() {
        return admin;
    }

    public Authorizer authorizer() {
        return authorizer;
    }

    /** The node's own administrator, {@code 300:0.NA/<prefix>}. */
    public ValueReference adminIdentity() {
        return adminIdentity;
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
