package cn.idnode.server;

import cn.idnode.crypto.ResponseSigner;
import cn.idnode.node.Metrics;
import cn.idnode.node.Node;
import cn.idnode.node.NodeSchema;
import cn.idnode.node.business.BusinessConfig;
import cn.idnode.node.business.BusinessSettings;
import cn.idnode.node.NodeSettings;
import cn.idnode.node.prefix.PrefixLimits;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ProtocolVersion;
import cn.idnode.protocol.SiteInfo;
import cn.idnode.protocol.ValueReference;
import cn.idnode.server.config.ConfigException;
import cn.idnode.server.config.IdnodeConfig;
import cn.idnode.node.auth.Authenticator;
import cn.idnode.node.auth.Authorizer;
import cn.idnode.node.auth.RemoteIdentities;
import cn.idnode.server.handle.HandleService;
import cn.idnode.server.handle.HandleSettings;
import cn.idnode.server.handle.SiteKey;
import cn.idnode.server.client.UpstreamIdentities;
import cn.idnode.server.client.UpstreamResolver;
import cn.idnode.server.handle.TcpServer;
import cn.idnode.server.handle.UdpServer;
import cn.idnode.server.http.HttpApi;
import cn.idnode.server.http.HttpSettings;
import cn.idnode.server.keys.NodeKeys;
import cn.idnode.node.site.SitePublisher;
import cn.idnode.store.Store;
import cn.idnode.store.rocksdb.RocksDbOptions;
import cn.idnode.store.rocksdb.RocksDbStore;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the store, loads or creates the node's keys, binds the Handle transports and the HTTP
 * port, assembles the node and publishes its site record (with the ports actually bound), and closes everything in
 * reverse order.
 */
public final class IdnodeServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IdnodeServer.class);

    private final IdnodeConfig config;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Node node;
    private final NodeKeys keys;
    private final int udpPort;
    private final int tcpPort;
    private final int httpPort;
    private final int httpsPort;
    private final long startMillis;
    private final Path snmsPasswordFile;

    private IdnodeServer(IdnodeConfig config, InstantSource clock) throws InterruptedException {
        long t0 = System.nanoTime();
        this.config = config;
        Path dataDir = config.dataDir();
        this.keys = NodeKeys.loadOrCreate(dataDir);
        Store store = RocksDbStore.open(dataDir.resolve("store"), new RocksDbOptions(
                config.store().blockCacheMb() * (1L << 20), config.store().syncWrites(),
                config.store().writeBufferMb() * (1L << 20), 2, config.store().recordCacheMb() * (1L << 20)),
                NodeSchema.all());
        closeables.add(store);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        Metrics metrics = new Metrics(registry);

        ThreadPoolExecutor executor = businessExecutor(config);
        closeables.add(executor::shutdownNow);
        ServiceHolder holder = new ServiceHolder();
        int io = config.ioThreads();
        IdnodeConfig.HandleSection h = config.handle();
        UdpServer udp = new UdpServer(h.bind(), h.udpPort(), io, holder, metrics, h.udpReassemblyTimeoutMillis(),
                h.udpReassemblyMaxBytes());
        closeables.add(udp);
        TcpServer tcp = new TcpServer(h.bind(), h.tcpPort(), io, holder, metrics, h.tcpIdleTimeoutSeconds(),
                h.maxConnectionsPerAddress(), h.maxPipelinedRequests());
        closeables.add(tcp);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(io).setWorkerPoolSize(4));
        closeables.add(() -> vertx.close().toCompletionStage().toCompletableFuture().get());
        // HTTP and HTTPS (REST authentication, handle-protocol.md §20.7); the authenticator exists once the node does
        java.util.concurrent.atomic.AtomicReference<Authenticator> httpAuthenticator =
                new java.util.concurrent.atomic.AtomicReference<>();
        HttpApi http = new HttpApi(vertx, HttpSettings.of(config, keys), holder, httpAuthenticator::get, clock,
                executor, config.http().metrics() ? Optional.of(registry) : Optional.empty());
        closeables.add(http);
        this.udpPort = udp.port();
        this.tcpPort = tcp.port();
        this.httpPort = http.port();
        this.httpsPort = http.httpsPort();

        ByteString prefix = ByteString.utf8(config.node().prefix());
        IdnodeConfig.AuthSection auth = config.auth();
        this.node = Node.open(store, clock, metrics, new NodeSettings(prefix,
                siteInfo(config, keys, tcpPort, udpPort, httpPort), keys.adminPublicKeyBlob(),
                auth.serverAdmins().stream().map(ValueReference::parse).toList(),
                auth.homeOnlyAdmins().stream().map(ValueReference::parse).toList(), auth.adminFullAccess(),
                auth.listHandles(), remoteIdentities(config), Duration.ofSeconds(config.idis().tokenWindowSeconds()),
                config.idis().rejectTokenReplays(), prefixLimits(config), businessConfig(config, keys)));
        this.snmsPasswordFile = keys.adminKeyFile().resolveSibling("snms-admin.password");
        Optional<String> password = node.business().bootstrap();
        if (password.isPresent()) {
            try {
                NodeKeys.writePrivate(snmsPasswordFile, (password.get() + "\n").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot write " + snmsPasswordFile + ": " + e.getMessage(), e);
            }
        }
        Authenticator authenticator = node.authenticator();
        httpAuthenticator.set(authenticator);
        holder.set(new HandleService(node, executor, new ResponseSigner(keys.site().getPrivate()), authenticator,
                new SiteKey(keys.sitePublicKeyBlob(), keys.site().getPrivate()), new HandleSettings(
                Duration.ofSeconds(auth.challengeLifetimeSeconds()), 100_000, auth.failedAuthPerMinute(),
                Duration.ofSeconds(auth.sessionIdleSeconds()), Duration.ofSeconds(auth.maxSessionSeconds()),
                auth.maxSessions())));
        this.startMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    static BusinessConfig businessConfig(IdnodeConfig config, NodeKeys keys) {
        IdnodeConfig.SnmsSection s = config.snms();
        return new BusinessConfig(new BusinessSettings(s.maxLoginFailures(), Duration.ofMinutes(s.lockoutMinutes()),
                s.maxBatch(), s.registryName(), s.maxImageKb() * 1024, s.maxPdfKb() * 1024), keys.dataKey(),
                keys.tokenKey(), Duration.ofHours(s.tokenLifetimeHours()), s.passwordHashMemoryKib(),
                s.passwordHashIterations());
    }

    static java.util.Map<ByteString, PrefixLimits> prefixLimits(IdnodeConfig config) {
        java.util.Map<ByteString, PrefixLimits> out = new java.util.HashMap<>();
        config.limits().prefixes().forEach((p, l) -> out.put(ByteString.utf8(p).toAsciiUpperCase(),
                new PrefixLimits(l.dailyRequests(), l.registrations(), l.suspended())));
        return out;
    }

    /** Identities homed elsewhere, found through the configured upstream nodes (none: local identities only). */
    static RemoteIdentities remoteIdentities(IdnodeConfig config) {
        List<InetSocketAddress> upstream = config.resolution().upstream().stream()
                .map(IdnodeServer::hostPort).toList();
        return upstream.isEmpty() ? RemoteIdentities.NONE : new UpstreamIdentities(new UpstreamResolver(upstream,
                Duration.ofMillis(config.resolution().timeoutMillis())));
    }

    static InetSocketAddress hostPort(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new ConfigException("resolution.upstream entries are host:port, got " + text);
        }
        try {
            return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new ConfigException("resolution.upstream entries are host:port, got " + text);
        }
    }

    /** Starts a node; closes whatever was opened if anything fails. */
    public static IdnodeServer start(IdnodeConfig config, InstantSource clock) {
        try {
            return new IdnodeServer(config, clock);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    static SiteInfo siteInfo(IdnodeConfig config, NodeKeys keys, int tcpPort, int udpPort, int httpPort) {
        InetAddress address;
        try {
            address = InetAddress.getByName(config.handle().publicAddress());
        } catch (UnknownHostException e) {
            throw new ConfigException("handle.publicAddress is not a resolvable address: "
                    + config.handle().publicAddress());
        }
        List<SiteInfo.Interface> interfaces = List.of(
                new SiteInfo.Interface(SiteInfo.Interface.ADMIN_AND_QUERY, SiteInfo.Interface.TCP, tcpPort),
                new SiteInfo.Interface(SiteInfo.Interface.QUERY, SiteInfo.Interface.UDP, udpPort),
                new SiteInfo.Interface(SiteInfo.Interface.ADMIN_AND_QUERY, SiteInfo.Interface.HTTP, httpPort));
        SiteInfo.Server server = new SiteInfo.Server(1, SiteInfo.Server.encodeAddress(address),
                keys.sitePublicKeyBlob(), interfaces);
        return new SiteInfo(1, ProtocolVersion.CURRENT, 1, SiteInfo.PRIMARY, SiteInfo.HASH_BY_HANDLE, ByteString.EMPTY,
                List.of(SiteInfo.Attribute.of("desc", config.node().description())), List.of(server));
    }

    private static ThreadPoolExecutor businessExecutor(IdnodeConfig config) {
        int threads = config.executorThreads();
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor ex = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.executor().queueSize()), r -> {
                    Thread t = new Thread(r, "idnode-business-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        ex.prestartAllCoreThreads();
        return ex;
    }

    public Node node() {
        return node;
    }

    public IdnodeConfig config() {
        return config;
    }

    public int udpPort() {
        return udpPort;
    }

    public int tcpPort() {
        return tcpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The bound HTTPS port (authenticated REST). */
    public int httpsPort() {
        return httpsPort;
    }

    /** The certificate the HTTPS port serves (self-signed for the site key unless configured). */
    public Path httpsCertificateFile() {
        return HttpSettings.of(config, keys).certificateFile();
    }

    public long startMillis() {
        return startMillis;
    }

    public ValueReference adminIdentity() {
        return SitePublisher.adminIdentity(ByteString.utf8(config.node().prefix()));
    }

    public Path adminKeyFile() {
        return keys.adminKeyFile();
    }

    /** What an operator needs to know, printed at start. */
    public String banner() {
        IdnodeConfig.HandleSection h = config.handle();
        String httpHost = config.http().bind().equals("0.0.0.0") ? h.publicAddress() : config.http().bind();
        return String.join(System.lineSeparator(),
                "idnode " + Version.get() + " — " + config.node().role() + " node for prefix " + config.node().prefix(),
                "  Handle TCP   " + h.bind() + ":" + tcpPort,
                "  Handle UDP   " + h.bind() + ":" + udpPort,
                "  HTTP         http://" + httpHost + ":" + httpPort + "/  (REST /api/handles/{handle}, Handle tunnel"
                        + (config.http().metrics() ? ", /metrics" : "") + ")",
                "  HTTPS        https://" + httpHost + ":" + httpsPort + "/  (authenticated REST; certificate "
                        + httpsCertificateFile() + ")",
                "  data dir     " + config.dataDir(),
                "  admin        " + adminIdentity() + "  private key " + keys.adminKeyFile(),
                "  SNMS API     http://" + httpHost + ":" + httpPort + "/identity/token  (user admin, password in "
                        + snmsPasswordFile + ")",
                "  started in   " + startMillis + " ms");
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                log.warn("error while closing: {}", e.toString());
            }
        }
        closeables.clear();
    }

    /** Lets the transports bind before the node exists (so the site record carries the real ports). */
    private static final class ServiceHolder implements java.util.function.Supplier<HandleService> {
        private volatile HandleService service;

        void set(HandleService s) {
            service = s;
        }

        @Override
        public HandleService get() {
            HandleService s = service;
            if (s == null) {
                throw new IllegalStateException("node is still starting");
            }
            return s;
        }
    }
}
