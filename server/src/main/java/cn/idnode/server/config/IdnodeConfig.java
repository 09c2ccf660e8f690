package cn.idnode.server.config;

import java.nio.file.Path;

/**
 * The typed configuration of one idnode process, read by {@link ConfigLoader} from the built-in defaults, an
 * operator's YAML file and {@code IDNODE_*} environment variables. Every key is documented in
 * docs/configuration.md; {@link #validate()} runs at start-up and names the offending key.
 */
public record IdnodeConfig(NodeSection node, HandleSection handle, HttpSection http, StoreSection store,
                           ExecutorSection executor, AuthSection auth, ResolutionSection resolution,
                           IdisSection idis, LimitsSection limits, SnmsSection snms) {

    public record NodeSection(String prefix, String role, String dataDir, String description) {}

    public record HandleSection(String bind, String publicAddress, int udpPort, int tcpPort, int tcpIdleTimeoutSeconds,
                                int maxConnectionsPerAddress, int maxPipelinedRequests, int udpReassemblyTimeoutMillis,
                                int udpReassemblyMaxBytes, int ioThreads) {}

    /**
     * The HTTP port and its TLS twin ({@code httpsPort}): REST, tunnel, metrics. Empty {@code tlsCertificate} /
     * {@code tlsPrivateKey} = a self-signed certificate for the site key, made at first start.
     */
    public record HttpSection(String bind, int port, boolean publicPrefixList, int maxBodyBytes, boolean metrics,
                              int httpsPort, String tlsCertificate, String tlsPrivateKey,
                              boolean allowAuthOverPlainHttp, int sessionIdleSeconds, int maxSessions) {}

    public record StoreSection(int blockCacheMb, boolean syncWrites, int writeBufferMb, int recordCacheMb) {}

    public record ExecutorSection(int threads, int queueSize) {}

    /** Per enterprise prefix: a daily resolution quota, a registration cap, suspension (0 = unlimited). */
    public record PrefixLimitsSection(long dailyRequests, long registrations, boolean suspended) {}

    /** Limits keyed by enterprise prefix, e.g. {@code limits.prefixes."88.888.1".dailyRequests: 1000000}. */
    public record LimitsSection(java.util.Map<String, PrefixLimitsSection> prefixes) {}

    /**
     * The secondary-node business API (snms-api.md): logins, tokens, enterprise onboarding, templates, identifier data.
     *
     * @param allowPlainHttp serve the SNMS API on the plain HTTP port as well (its documented clients use http://);
     *                       false: HTTPS only
     */
    public record SnmsSection(boolean allowPlainHttp, int tokenLifetimeHours, int maxLoginFailures, int lockoutMinutes,
                              int maxBatch, int maxBodyBytes, String registryName, int maxImageKb, int maxPdfKb,
                              int passwordHashMemoryKib, int passwordHashIterations) {}

    /** IDIS client behaviour (idis-extensions.md §8): identity tokens in resolution requests. */
    public record IdisSection(int tokenWindowSeconds, boolean rejectTokenReplays) {}

    /**
     * Where handles served by other nodes are found: upstream nodes (the top-level node or a recursive node) asked
     * for a prefix's HS_SITE, as {@code host:port} of their Handle TCP interface.
     */
    public record ResolutionSection(java.util.List<String> upstream, int timeoutMillis) {}

    /**
     * Authentication and authorization. Identities are written {@code index:handle}; the node's own administrator
     * {@code 300:0.NA/<prefix>} is always a server administrator.
     */
    public record AuthSection(java.util.List<String> serverAdmins, java.util.List<String> homeOnlyAdmins,
                              boolean adminFullAccess, boolean listHandles, int challengeLifetimeSeconds,
                              int failedAuthPerMinute, int sessionIdleSeconds, int maxSessionSeconds,
                              int maxSessions) {}

    public Path dataDir() {
        return Path.of(node.dataDir()).toAbsolutePath().normalize();
    }

    /** Business executor threads: configured, or 4 per core with a minimum of 8 (reads may wait for the disk). */
    public int executorThreads() {
        return executor.threads() > 0 ? executor.threads() : Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    }

    /** Netty I/O threads for the Handle transports: configured, or one per core. */
    public int ioThreads() {
        return handle.ioThreads() > 0 ? handle.ioThreads() : Runtime.getRuntime().availableProcessors();
    }

    /** Checks every value; the message names the key. */
    public IdnodeConfig validate() {
        require(node.prefix() != null && node.prefix().matches("[0-9]+(\\.[0-9]+)*"),
                "node.prefix must be digits separated by dots, like 88.888 (got " + node.prefix() + ")");
        require(node.prefix().length() <= 64, "node.prefix is at most 64 characters");
        require("secondary".equals(node.role()) || "top-level".equals(node.role()),
                "node.role must be secondary or top-level (got " + node.role() + ")");
        require(node.dataDir() != null && !node.dataDir().isBlank(), "node.dataDir is required");
        port(handle.udpPort(), "handle.udpPort");
        port(handle.tcpPort(), "handle.tcpPort");
        port(http.port(), "http.port");
        require(handle.bind() != null && !handle.bind().isBlank(), "handle.bind is required");
        require(handle.publicAddress() != null && !handle.publicAddress().isBlank(),
                "handle.publicAddress is required (the address clients reach this node at)");
        require(handle.tcpIdleTimeoutSeconds() >= 1, "handle.tcpIdleTimeoutSeconds must be at least 1");
        require(handle.maxConnectionsPerAddress() >= 1, "handle.maxConnectionsPerAddress must be at least 1");
        require(handle.maxPipelinedRequests() >= 1, "handle.maxPipelinedRequests must be at least 1");
        require(handle.udpReassemblyTimeoutMillis() >= 100, "handle.udpReassemblyTimeoutMillis must be at least 100");
        require(handle.udpReassemblyMaxBytes() >= 262_144, "handle.udpReassemblyMaxBytes must be at least 262144");
        require(handle.ioThreads() >= 0, "handle.ioThreads must be 0 (auto) or more");
        require(http.maxBodyBytes() >= 1024, "http.maxBodyBytes must be at least 1024");
        port(http.httpsPort(), "http.httpsPort");
        require(http.tlsCertificate() != null && http.tlsPrivateKey() != null
                        && http.tlsCertificate().isBlank() == http.tlsPrivateKey().isBlank(),
                "http.tlsCertificate and http.tlsPrivateKey are set together (or both left empty)");
        require(http.sessionIdleSeconds() >= 10, "http.sessionIdleSeconds must be at least 10");
        require(http.maxSessions() >= 1, "http.maxSessions must be at least 1");
        require(store.blockCacheMb() >= 8, "store.blockCacheMb must be at least 8");
        require(store.writeBufferMb() >= 1, "store.writeBufferMb must be at least 1");
        require(store.recordCacheMb() >= 0, "store.recordCacheMb must be 0 (off) or more");
        require(executor.threads() >= 0, "executor.threads must be 0 (auto) or more");
        require(executor.queueSize() >= 1, "executor.queueSize must be at least 1");
        for (String a : auth.serverAdmins()) {
            identity(a, "auth.serverAdmins");
        }
        for (String a : auth.homeOnlyAdmins()) {
            identity(a, "auth.homeOnlyAdmins");
        }
        require(auth.challengeLifetimeSeconds() >= 5, "auth.challengeLifetimeSeconds must be at least 5");
        require(auth.failedAuthPerMinute() >= 1, "auth.failedAuthPerMinute must be at least 1");
        require(auth.sessionIdleSeconds() >= 10, "auth.sessionIdleSeconds must be at least 10");
        require(auth.maxSessionSeconds() >= 60, "auth.maxSessionSeconds must be at least 60");
        require(auth.maxSessions() >= 1, "auth.maxSessions must be at least 1");
        for (String u : resolution.upstream()) {
            require(u.matches("[^\\s]+:[0-9]{1,5}"), "resolution.upstream entries are host:port, got " + u);
        }
        require(resolution.timeoutMillis() >= 100, "resolution.timeoutMillis must be at least 100");
        require(idis.tokenWindowSeconds() >= 1, "idis.tokenWindowSeconds must be at least 1");
        require(snms.tokenLifetimeHours() >= 1, "snms.tokenLifetimeHours must be at least 1");
        require(snms.maxLoginFailures() >= 1, "snms.maxLoginFailures must be at least 1");
        require(snms.lockoutMinutes() >= 1, "snms.lockoutMinutes must be at least 1");
        require(snms.maxBatch() >= 1 && snms.maxBatch() <= 100_000, "snms.maxBatch must be 1..100000");
        require(snms.maxBodyBytes() >= 65_536, "snms.maxBodyBytes must be at least 65536");
        require(snms.maxImageKb() >= 1 && snms.maxPdfKb() >= 1, "snms.maxImageKb and snms.maxPdfKb must be positive");
        require(snms.passwordHashMemoryKib() >= 8_192 && snms.passwordHashIterations() >= 1,
                "snms.passwordHashMemoryKib must be at least 8192 and snms.passwordHashIterations at least 1");
        require(snms.registryName() != null, "snms.registryName is required");
        limits.prefixes().forEach((p, l) -> {
            require(p.matches("[0-9]+(\\.[0-9]+)*"), "limits.prefixes: " + p + " is not a prefix like 88.888.1");
            require(l != null && l.dailyRequests() >= 0 && l.registrations() >= 0,
                    "limits.prefixes." + p + ": limits are 0 (unlimited) or positive");
        });
        return this;
    }

    private static void identity(String text, String key) {
        try {
            cn.idnode.protocol.ValueReference r = cn.idnode.protocol.ValueReference.parse(text);
            require(r.index() >= 0 && !r.handle().isEmpty(), key + ": " + text + " is not index:handle");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + e.getMessage());
        }
    }

    private static void port(int p, String key) {
        require(p >= 0 && p <= 65535, key + " must be a port number 0..65535 (0 = any free port)");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new ConfigException(message);
        }
    }
}
