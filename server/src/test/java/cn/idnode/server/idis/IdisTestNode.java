package cn.idnode.server.idis;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.idnode.node.NodeSchema;
import cn.idnode.node.audit.AuditEntry;
import cn.idnode.node.record.StoredRecord;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import cn.idnode.server.EmbeddedNode;
import cn.idnode.server.IdnodeServer;
import cn.idnode.server.TestRecords;
import cn.idnode.server.config.ConfigLoader;
import cn.idnode.server.config.IdnodeConfig;
import cn.idnode.store.Cursor;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * A node started with the server's test harness, holding the IDIS identities every test uses (written straight into
 * its store, HS_PUBKEY data encoded by the test client), and what the tests read back: audit entries and the
 * {@code idnode.security} log. The protocol traffic itself goes through {@link IdisWireClient} only.
 *
 * <p>Identities (prefix 88.888, the node's own): one per HS_PUBKEY encoding of idis-extensions.md §7 and per
 * signature scheme of §6 / appendix A7. The group {@code 200:0.NA/88.888} may create handles under 88.888;
 * {@link #OPS} is a configured server administrator (home / unhome).
 */
final class IdisTestNode implements AutoCloseable {
    static final String PREFIX = "88.888";

    static final KeyPair SM2_KEY_1 = IdisCrypto.sm2KeyPair();
    static final KeyPair SM2_KEY_2 = IdisCrypto.sm2KeyPair();
    static final KeyPair SM2_KEY_3 = IdisCrypto.sm2KeyPair();
    static final KeyPair SM2_KEY_4 = IdisCrypto.sm2KeyPair();
    static final KeyPair RSA_KEY_1 = IdisCrypto.rsaKeyPair(2048);
    /** 1024 bits, the smallest RSA identity key CNRI accepts (handle-protocol.md §9.4) — and quick to make. */
    static final KeyPair RSA_KEY_2 = IdisCrypto.rsaKeyPair(1024);

    /** SM2, {@code SM2_PUB_KEY} wrapping PEM text (the SDK writer), scheme SM3 with the handle as user id. */
    static final IdisIdentity SM2_PEM = new IdisIdentity("88.888/sm2user1", 300, SM2_KEY_1,
            IdisCrypto.sm2Blob(IdisCrypto.ascii(IdisCrypto.pem(SM2_KEY_1.getPublic()))), IdisIdentity.Scheme.SM2_SM3);
    /** SM2, {@code SM2_PUB_KEY} wrapping DER (the SDK reader), scheme SHA256withSM2 with the default user id. */
    static final IdisIdentity SM2_DER = new IdisIdentity("88.888/sm2der", 300, SM2_KEY_2,
            IdisCrypto.sm2Blob(SM2_KEY_2.getPublic().getEncoded()), IdisIdentity.Scheme.SM2_SHA256);
    /** SM2, bare PEM SPKI with CRLF ("IDIS format"), scheme SM3. */
    static final IdisIdentity SM2_BARE = new IdisIdentity("88.888/sm2bare", 300, SM2_KEY_3,
            IdisCrypto.ascii(IdisCrypto.pem(SM2_KEY_3.getPublic())), IdisIdentity.Scheme.SM2_SM3);
    /** RSA, CNRI {@code RSA_PUB_KEY} blob. */
    static final IdisIdentity RSA_BLOB = new IdisIdentity("88.888/rsauser", 300, RSA_KEY_1,
            IdisCrypto.rsaBlob(RSA_KEY_1.getPublic()), IdisIdentity.Scheme.RSA_SHA256);
    /** RSA, bare PEM SPKI with CRLF. */
    static final IdisIdentity RSA_PEM = new IdisIdentity("88.888/rsapem", 300, RSA_KEY_2,
            IdisCrypto.ascii(IdisCrypto.pem(RSA_KEY_2.getPublic())), IdisIdentity.Scheme.RSA_SHA256);
    /** SM9: {@code SM9_PUB_KEY} with an identity string; the node has no KGC key, so it cannot log in. */
    static final IdisIdentity SM9 = new IdisIdentity("88.888/sm9user", 300, SM2_KEY_1, IdisCrypto.sm9Blob("Alice"),
            IdisIdentity.Scheme.SM9);
    /** DSA, CNRI {@code DSA_PUB_KEY} blob, SHA256withDSA (version 2.11). */
    static final KeyPair DSA_KEY = IdisCrypto.dsaKeyPair();
    static final IdisIdentity DSA_BLOB = new IdisIdentity("88.888/dsauser", 300, DSA_KEY,
            IdisCrypto.dsaBlob(DSA_KEY.getPublic()), IdisIdentity.Scheme.DSA_SHA256);
    /** A secret key (HS_SECKEY, PBKDF2 answers). */
    static final IdisIdentity SECRET = new IdisIdentity("88.888/secretuser", 301, null,
            IdisCrypto.ascii("idis-secret-key"), IdisIdentity.Scheme.SECRET_PBKDF2);
    /** A configured server administrator (auth.serverAdmins). */
    static final IdisIdentity OPS = new IdisIdentity("88.888/ops", 300, SM2_KEY_4,
            IdisCrypto.sm2Blob(IdisCrypto.ascii(IdisCrypto.pem(SM2_KEY_4.getPublic()))), IdisIdentity.Scheme.SM2_SM3);

    static final List<IdisIdentity> ALL = List.of(SM2_PEM, SM2_DER, SM2_BARE, RSA_BLOB, RSA_PEM, DSA_BLOB, SECRET, SM9,
            OPS);
    /** Members of the group allowed to create handles under 88.888. */
    static final List<IdisIdentity> CREATORS = List.of(SM2_PEM, SM2_DER, SM2_BARE, RSA_BLOB, RSA_PEM, DSA_BLOB,
            SECRET);

    final IdnodeServer server;
    final cn.idnode.testing.FakeClock clock;
    private final AutoCloseable closer;
    private ListAppender<ILoggingEvent> security;

    private IdisTestNode(IdnodeServer server, cn.idnode.testing.FakeClock clock, AutoCloseable closer) {
        this.server = server;
        this.clock = clock;
        this.closer = closer;
    }

    /** A node with the identities; {@code settings} override configuration keys. */
    static IdisTestNode start(Path dir, Map<String, String> settings) {
        cn.idnode.testing.FakeClock clock = new cn.idnode.testing.FakeClock(Instant.now());
        Map<String, String> s = new LinkedHashMap<>(Map.of("auth.serverAdmins", OPS.reference()));
        s.putAll(settings);
        EmbeddedNode node = EmbeddedNode.start(dir, clock, s);
        IdisTestNode n = new IdisTestNode(node.server(), clock, node);
        n.installIdentities();
        return n;
    }

    /**
     * A node with per-prefix limits ({@code limits.prefixes}). They are put into the loaded configuration directly:
     * the configuration loader rejects every key under {@code limits.prefixes} in a file (the defaults hold an empty
     * mapping, and unknown keys are refused), so a file cannot carry them.
     */
    static IdisTestNode startWithLimits(Path dir, Map<String, IdnodeConfig.PrefixLimitsSection> limits) {
        cn.idnode.testing.FakeClock clock = new cn.idnode.testing.FakeClock(Instant.now());
        Map<String, String> s = new LinkedHashMap<>();
        s.put("node.dataDir", dir.toString());
        s.put("handle.bind", "127.0.0.1");
        s.put("http.bind", "127.0.0.1");
        s.put("handle.udpPort", "0");
        s.put("handle.tcpPort", "0");
        s.put("http.port", "0");
        s.put("http.httpsPort", "0");
        s.put("store.blockCacheMb", "32");
        s.put("executor.threads", "8");
        s.put("auth.serverAdmins", OPS.reference());
        IdnodeConfig config = withLimits(ConfigLoader.load(Optional.empty(), Map.of(), s),
                new IdnodeConfig.LimitsSection(limits));
        IdnodeServer server = IdnodeServer.start(config, clock);
        IdisTestNode n = new IdisTestNode(server, clock, server);
        n.installIdentities();
        return n;
    }

    /** A copy of {@code c} with other limits (by record components, so new sections need no change here). */
    private static IdnodeConfig withLimits(IdnodeConfig c, IdnodeConfig.LimitsSection limits) {
        try {
            RecordComponent[] components = IdnodeConfig.class.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = types[i] == IdnodeConfig.LimitsSection.class ? limits
                        : components[i].getAccessor().invoke(c);
            }
            return IdnodeConfig.class.getDeclaredConstructor(types).newInstance(args).validate();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private void installIdentities() {
        for (IdisIdentity id : ALL) {
            IdisValue key = IdisValue.of(id.index(), id.keyType(), id.pubkeyData());
            put(id.handle(), List.of(id.scheme() == IdisIdentity.Scheme.SECRET_PBKDF2
                    ? key.withPermissions(IdisValue.ADMIN_ONLY) : key,
                    IdisValue.admin(100, 0x0FFF, id.handle(), id.index())));
        }
        ByteString prefixHandle = ByteString.utf8("0.NA/" + PREFIX);
        List<HandleValue> values = new ArrayList<>(server.node().records().get(prefixHandle).orElseThrow().values()
                .decode());
        values.add(toServer(IdisValue.admin(101, 0x0003, "0.NA/" + PREFIX, 200)));
        values.add(toServer(IdisValue.valueList(200, CREATORS.stream().map(IdisIdentity::reference).toList())));
        TestRecords.put(server.node(), prefixHandle.utf8(), values);
    }

    /** Writes a record straight into the store (test set-up, not protocol traffic). */
    void put(String handle, List<IdisValue> values) {
        TestRecords.put(server.node(), handle, values.stream().map(IdisTestNode::toServer).toList());
    }

    Optional<StoredRecord> stored(String handle) {
        return server.node().records().get(ByteString.utf8(handle));
    }

    private static HandleValue toServer(IdisValue v) {
        return HandleValue.of(v.index(), v.type(), ByteString.wrap(v.data())).withPermissions(v.permissions());
    }

    InetSocketAddress tcp() {
        return new InetSocketAddress("127.0.0.1", server.tcpPort());
    }

    IdisWireClient connect(int sessionId) throws IOException {
        return new IdisWireClient(tcp(), sessionId);
    }

    /** A connection from another loopback source address (failed-authentication limits are per source). */
    IdisWireClient connectFrom(String localAddress, int sessionId) throws IOException {
        return new IdisWireClient(tcp(), sessionId, localAddress);
    }

    /** A connection logged in as {@code id} under {@code sessionId}; fails the test if the login does not succeed. */
    IdisWireClient loggedIn(IdisIdentity id, int sessionId) throws IOException {
        IdisWireClient c = connect(sessionId);
        IdisReply r = c.login(id);
        if (r.responseCode() != 1 || r.opCode() != IdisWireClient.OC_LOGIN) {
            c.close();
            throw new AssertionError("login of " + id + " failed: " + r);
        }
        return c;
    }

    List<AuditEntry> audit() {
        List<AuditEntry> out = new ArrayList<>();
        try (Cursor c = server.node().store().readLog(NodeSchema.AUDIT, 0)) {
            while (c.next()) {
                out.add(AuditEntry.decode(c.value()));
            }
        }
        return out;
    }

    /** Starts (or restarts) capturing the {@code idnode.security} log. */
    void captureSecurityLog() {
        Logger logger = (Logger) LoggerFactory.getLogger("idnode.security");
        if (security != null) {
            logger.detachAppender(security);
        }
        security = new ListAppender<>();
        security.start();
        logger.addAppender(security);
    }

    /** The security log lines captured so far. */
    List<String> securityLog() {
        synchronized (security) { // AppenderBase appends under the appender's lock
            return security.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Override
    public void close() throws Exception {
        if (security != null) {
            ((Logger) LoggerFactory.getLogger("idnode.security")).detachAppender(security);
        }
        closer.close();
    }
}
