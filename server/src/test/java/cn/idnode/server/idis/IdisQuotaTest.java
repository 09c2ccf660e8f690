package cn.idnode.server.idis;

import static cn.idnode.server.idis.IdisWireClient.OC_CREATE;
import static cn.idnode.server.idis.IdisWireClient.OC_RESOLUTION;
import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.server.config.IdnodeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-prefix limits (configuration {@code limits.prefixes}) and the IDIS-only response codes (idis-extensions.md
 * §9): 603 daily request quota, 604 registration cap, 605 prefix suspended — sent only to clients known to be IDIS
 * (a client-chosen session id on a TCP connection); every other client gets RC 2 for 603/604 (not RC 3, which makes
 * CNRI clients fail over) and RC 301 for 605, with the same message.
 *
 * <p>Prefixes, homed at start with bare OC 300 by a server administrator: 88.888.1 (3 resolutions a day),
 * 88.888.2 (suspended), 88.888.3 (2 identifiers).
 */
class IdisQuotaTest {
    static final Map<String, IdnodeConfig.PrefixLimitsSection> LIMITS = Map.of(
            "88.888.1", new IdnodeConfig.PrefixLimitsSection(3, 0, false),
            "88.888.2", new IdnodeConfig.PrefixLimitsSection(0, 0, true),
            "88.888.3", new IdnodeConfig.PrefixLimitsSection(0, 2, false));

    @TempDir
    static Path dir;
    static IdisTestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = IdisTestNode.startWithLimits(dir, LIMITS);
        try (IdisWireClient ops = node.loggedIn(IdisTestNode.OPS, 10001)) {
            for (String p : List.of("88.888.1", "88.888.2", "88.888.3")) {
                assertThat(ops.home(p).responseCode()).isEqualTo(1);
                IdisReply r = ops.create("0.NA/" + p, List.of(IdisValue.admin(100, 0x0FFF,
                        IdisTestNode.SM2_PEM.handle(), 300)));
                assertThat(r.responseCode()).as(r.toString()).isEqualTo(1);
            }
        }
        node.put("88.888.1/item", List.of(IdisValue.text(1, "URL", "https://example.cn/item")));
        node.put("88.888.2/item", List.of(IdisValue.text(1, "URL", "https://example.cn/item")));
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    /** A CNRI-style client: envelope 2.3 suggesting 2.11, no session id. */
    static IdisWireClient cnri() throws Exception {
        IdisWireClient c = node.connect(0);
        c.minor = 3;
        return c;
    }

    @Test
    void dailyQuotaIs603ForIdisClientsAndRc2ForOthers() throws Exception {
        try (IdisWireClient idis = node.connect(10001); IdisWireClient cnri = cnri();
             IdisWireClient sdkWithoutCredentials = node.connect(0)) {
            for (int i = 0; i < 3; i++) {
                assertThat(idis.resolve("88.888.1/item").responseCode()).isEqualTo(1);
            }
            IdisReply over = idis.resolve("88.888.1/item");
            assertThat(over.responseCode()).isEqualTo(603);
            assertThat(over.opCode()).isEqualTo(OC_RESOLUTION);
            assertThat(over.requestId()).isEqualTo(idis.lastRequestId);
            assertThat(over.sessionId()).isEqualTo(10001);
            assertThat(over.errorMessage()).contains("88.888.1").contains("quota");

            IdisReply mapped = cnri.resolve("88.888.1/item");
            assertThat(mapped.responseCode()).as("603 is unknown to CNRI clients").isEqualTo(2);
            assertThat(mapped.errorMessage()).contains("quota");
            // an SDK without credentials sends session id 0: not known to be IDIS
            assertThat(sdkWithoutCredentials.resolve("88.888.1/item").responseCode()).isEqualTo(2);
            // other prefixes are not affected, and the quota is per (China) day
            assertThat(idis.resolve("0.NA/88.888.1").responseCode()).isEqualTo(1);
            node.clock.advance(Duration.ofDays(1));
            assertThat(idis.resolve("88.888.1/item").responseCode()).isEqualTo(1);
        }
    }

    @Test
    void suspendedPrefixIs605ForIdisClientsAnd301ForOthers() throws Exception {
        try (IdisWireClient idis = node.loggedIn(IdisTestNode.SM2_PEM, 10001); IdisWireClient cnri = cnri()) {
            IdisReply r = idis.resolve("88.888.2/item");
            assertThat(r.responseCode()).isEqualTo(605);
            assertThat(r.errorMessage()).contains("88.888.2");
            IdisReply create = idis.create("88.888.2/new", List.of(IdisValue.text(1, "URL", "x")));
            assertThat(create.responseCode()).isEqualTo(605);
            assertThat(create.opCode()).isEqualTo(OC_CREATE);
            assertThat(cnri.resolve("88.888.2/item").responseCode()).as("605 → 301 for CNRI").isEqualTo(301);
            // the prefix handle itself is still served (it belongs to 0.NA)
            assertThat(idis.resolve("88.888.2").responseCode()).isEqualTo(1);
        }
        assertThat(node.stored("88.888.2/new")).isEmpty();
    }

    static List<IdisValue> values() {
        return List.of(IdisValue.admin(100, 0x0FF2, IdisTestNode.SM2_PEM.handle(), 300), IdisValue.text(1, "URL", "x"));
    }

    @Test
    void registrationCapIs604ForIdisClientsAndRc2ForOthers() throws Exception {
        try (IdisWireClient idis = node.loggedIn(IdisTestNode.SM2_PEM, 10001); IdisWireClient cnri = cnri()) {
            for (String h : List.of("88.888.3/a", "88.888.3/b")) {
                assertThat(idis.create(h, values()).responseCode()).isEqualTo(1);
            }
            IdisReply capped = idis.create("88.888.3/c", values());
            assertThat(capped.responseCode()).isEqualTo(604);
            assertThat(capped.opCode()).isEqualTo(OC_CREATE);
            assertThat(capped.errorMessage()).contains("88.888.3");

            // a CNRI client: challenge under a server-issued session id, answered, then the mapped code
            IdisReply challenge = cnri.create("88.888.3/c", values());
            assertThat(challenge.responseCode()).isEqualTo(402);
            assertThat(Integer.toUnsignedLong(challenge.sessionId())).isGreaterThanOrEqualTo(1L << 30);
            IdisReply mapped = cnri.answer(challenge, IdisTestNode.SM2_PEM);
            assertThat(mapped.responseCode()).as(mapped.toString()).isEqualTo(2);
            assertThat(mapped.opCode()).isEqualTo(OC_CREATE);

            // deleting one frees a place
            assertThat(idis.delete("88.888.3/a").responseCode()).isEqualTo(1);
            assertThat(idis.create("88.888.3/c", values()).responseCode()).isEqualTo(1);
        }
    }
}
