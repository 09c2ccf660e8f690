package cn.idnode.server.idis;

import static cn.idnode.server.idis.IdisWireClient.DEFAULT_FLAGS;
import static cn.idnode.server.idis.IdisWireClient.OC_HOME;
import static cn.idnode.server.idis.IdisWireClient.OC_LIST_HOMED;
import static cn.idnode.server.idis.IdisWireClient.OC_UNHOME;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prefix lookups and homing as the SDK does them (idis-extensions.md §10): a bare prefix resolves like
 * {@code 0.NA/<PREFIX>} and the bare handle is echoed; the SDK asks for type {@code HS_SITE} exactly, takes the first
 * site, its first server and first TCP interface, and resolves the full identifier there. OC 300/301 take bare
 * prefixes and are for server administrators only.
 */
class IdisBarePrefixTest {
    static final byte[] LOOPBACK = {127, 0, 0, 1};

    @TempDir
    static Path dir;
    static IdisTestNode node;

    @BeforeAll
    static void start() {
        node = IdisTestNode.start(dir, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @Test
    void theNodesOwnPrefixResolvesBareWithItsTcpInterfaceFirst() throws Exception {
        try (IdisWireClient c = node.connect(0)) {
            IdisReply bare = c.resolve("88.888");
            IdisReply full = c.resolve("0.NA/88.888");
            assertThat(bare.responseCode()).isEqualTo(1);
            assertThat(bare.handle()).as("the bare handle is echoed").isEqualTo("88.888");
            assertThat(full.handle()).isEqualTo("0.NA/88.888");
            assertThat(bare.values()).extracting(IdisValue::index)
                    .containsExactlyElementsOf(full.values().stream().map(IdisValue::index).toList());

            IdisReply site = c.resolve("88.888", List.of(), List.of("HS_SITE"), "", DEFAULT_FLAGS);
            assertThat(site.values()).extracting(IdisValue::type).containsExactly("HS_SITE");
            IdisSiteInfo info = IdisSiteInfo.decode(site.values().get(0).data());
            assertThat(info.primaryMask() & 0x80).as("primary").isEqualTo(0x80);
            IdisSiteInfo.Interface first = info.servers().get(0).interfaces().get(0);
            assertThat(first.protocol()).as("TCP listed first").isEqualTo(IdisSiteInfo.TCP);
            assertThat(first.port()).isEqualTo(node.server.tcpPort());
            assertThat(first.type() & 0x02).as("answers queries").isEqualTo(0x02);
            assertThat(info.servers().get(0).inetAddress().getHostAddress()).isEqualTo("127.0.0.1");
        }
    }

    /**
     * §10.1 end to end: an enterprise prefix with HS_SITE and HS_SITE.6, found bare with the exact type filter, then
     * the identifier resolved on a new connection to the first TCP interface of the first HS_SITE.
     */
    @Test
    void theSdkFindsAnEnterpriseNodeThroughItsBarePrefix() throws Exception {
        try (IdisWireClient ops = node.loggedIn(IdisTestNode.OPS, 10001)) {
            assertThat(ops.home("88.888.5").responseCode()).isEqualTo(1);
            byte[] site = IdisSiteInfo.encode(LOOPBACK, 1, List.of(
                    new IdisSiteInfo.Interface(3, IdisSiteInfo.TCP, node.server.tcpPort()),
                    new IdisSiteInfo.Interface(2, 0, node.server.udpPort())));
            byte[] site6 = IdisSiteInfo.encode(LOOPBACK, 1, List.of(new IdisSiteInfo.Interface(3, IdisSiteInfo.TCP, 1)));
            IdisReply created = ops.create("0.NA/88.888.5", List.of(IdisValue.of(1, "HS_SITE", site),
                    IdisValue.of(2, "HS_SITE.6", site6), IdisValue.admin(100, 0x0FFF, IdisTestNode.SM2_PEM.handle(),
                            300)));
            assertThat(created.responseCode()).as(created.toString()).isEqualTo(1);
        }
        try (IdisWireClient owner = node.loggedIn(IdisTestNode.SM2_PEM, 10001)) {
            IdisReply item = owner.create("88.888.5/item", List.of(IdisValue.text(1, "URL", "https://example.cn/5")));
            assertThat(item.responseCode()).as(item.toString()).isEqualTo(1);
        }
        IdisSiteInfo.Interface where;
        try (IdisWireClient recursive = node.connect(0)) {
            IdisReply exact = recursive.resolve("88.888.5", List.of(), List.of("HS_SITE"), "", DEFAULT_FLAGS);
            assertThat(exact.handle()).isEqualTo("88.888.5");
            assertThat(exact.values()).as("HS_SITE (exact) does not match HS_SITE.6").extracting(IdisValue::index)
                    .containsExactly(1);
            IdisReply withSubtypes = recursive.resolve("88.888.5", List.of(), List.of("HS_SITE."), "", DEFAULT_FLAGS);
            assertThat(withSubtypes.values()).extracting(IdisValue::index).containsExactlyInAnyOrder(1, 2);
            where = IdisSiteInfo.decode(exact.values().get(0).data()).firstTcpInterface();
        }
        try (IdisWireClient there = new IdisWireClient(new InetSocketAddress("127.0.0.1", where.port()), 0)) {
            IdisReply r = there.resolve("88.888.5/item");
            assertThat(r.responseCode()).isEqualTo(1);
            assertThat(r.values()).extracting(IdisValue::text).containsExactly("https://example.cn/5");
        }
    }

    /** §10.3: bare OC 300/301 from a server administrator, listed as 0.NA/<PREFIX>; they decide responsibility. */
    @Test
    void bareHomeAndUnhome() throws Exception {
        try (IdisWireClient ops = node.loggedIn(IdisTestNode.OPS, 10001)) {
            assertThat(ops.resolve("88.888.7/x").responseCode()).as("not homed").isEqualTo(301);
            IdisReply home = ops.home("88.888.7");
            assertThat(home.responseCode()).as(home.toString()).isEqualTo(1);
            assertThat(home.opCode()).isEqualTo(OC_HOME);
            List<IdisReply> listed = ops.listHomed();
            assertThat(listed).allSatisfy(r -> assertThat(r.opCode()).isEqualTo(OC_LIST_HOMED));
            assertThat(listed.stream().flatMap(r -> r.handles().stream()).toList()).contains("0.NA/88.888.7");
            assertThat(ops.resolve("88.888.7/x").responseCode()).as("homed: looked up here").isEqualTo(100);

            IdisReply unhome = ops.unhome("88.888.7");
            assertThat(unhome.responseCode()).isEqualTo(1);
            assertThat(unhome.opCode()).isEqualTo(OC_UNHOME);
            assertThat(ops.resolve("88.888.7/x").responseCode()).isEqualTo(301);
            assertThat(ops.home("88.888/x").responseCode()).as("a handle that is not a prefix").isEqualTo(102);
        }
    }

    @Test
    void homingNeedsAServerAdministrator() throws Exception {
        try (IdisWireClient user = node.loggedIn(IdisTestNode.SM2_PEM, 10001);
             IdisWireClient anonymous = node.connect(10001)) {
            IdisReply refused = user.home("88.888.8");
            assertThat(refused.responseCode()).as("logged in, not a server admin: 400").isEqualTo(400);
            assertThat(refused.opCode()).isEqualTo(OC_HOME);
            IdisReply challenged = anonymous.home("88.888.8");
            assertThat(challenged.responseCode()).isEqualTo(402);
            assertThat(challenged.opCode()).isEqualTo(OC_HOME);
            assertThat(user.create("88.888.8/x", List.of(IdisValue.text(1, "URL", "x"))).responseCode())
                    .as("never homed").isEqualTo(301);
        }
        try (IdisWireClient ops = node.loggedIn(IdisTestNode.OPS, 10002)) {
            assertThat(ops.listHomed().stream().flatMap(r -> r.handles().stream()).toList())
                    .doesNotContain("0.NA/88.888.8");
        }
    }
}
