package cn.idnode.server.idis;

import static cn.idnode.server.idis.IdisWireClient.DEFAULT_FLAGS;
import static cn.idnode.server.idis.IdisWireClient.OC_CREATE;
import static cn.idnode.server.idis.IdisWireClient.OC_GET_SITE_INFO;
import static cn.idnode.server.idis.IdisWireClient.OC_LOGIN;
import static cn.idnode.server.idis.IdisWireClient.OC_RESOLUTION;
import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.node.audit.AuditEntry;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections as the SDK uses them (idis-extensions.md §3, §4, appendix A1, A2, A5): pooled, long-lived, several
 * logged in at once with client-chosen session ids that other clients reuse; a login binds to its connection only;
 * pipelined requests get exactly one answer each, in order, with their ids echoed; errors and the heartbeat leave
 * the connection open.
 */
class IdisConnectionTest {
    @TempDir
    static Path dir;
    static IdisTestNode node;

    @BeforeAll
    static void start() {
        node = IdisTestNode.start(dir, Map.of());
        for (int i = 0; i < 4; i++) {
            node.put("88.888/pipe-" + i, List.of(IdisValue.text(1, "URL", "https://example.cn/" + i)));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    private static IdisValue selfAdmin(IdisIdentity id) {
        return IdisValue.admin(100, 0x0FF2, id.handle(), id.index());
    }

    /** A1/A2: one reply per request, in request order, ids echoed — whether answered inline or on the executor. */
    @Test
    void pipelinedRequestsGetOneReplyEachInOrder() throws Exception {
        try (IdisWireClient c = node.loggedIn(IdisTestNode.SM2_PEM, 10001)) {
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            List<int[]> expected = new ArrayList<>(); // {request id, opcode, response code (0 = any)}
            for (int i = 0; i < 12; i++) {
                switch (i % 6) {
                    case 0 -> frames.writeBytes(c.resolutionFrame("88.888/pipe-" + (i % 4), List.of(), List.of(), "",
                            DEFAULT_FLAGS));
                    case 1 -> frames.writeBytes(c.frame(OC_CREATE, DEFAULT_FLAGS, new IdisBytes().utf8("88.888/piped-" + i)
                            .raw(IdisValue.encodeList(List.of(selfAdmin(IdisTestNode.SM2_PEM),
                                    IdisValue.text(1, "URL", "x")))).toArray()));
                    case 2 -> frames.writeBytes(c.resolutionFrame("88.888/missing-" + i, List.of(), List.of(), "",
                            DEFAULT_FLAGS));
                    case 3 -> frames.writeBytes(c.resolutionFrame("0", List.of(), List.of(), "", DEFAULT_FLAGS));
                    case 4 -> frames.writeBytes(c.frame(999, DEFAULT_FLAGS, new IdisBytes().utf8("/").toArray()));
                    default -> frames.writeBytes(c.frame(OC_GET_SITE_INFO, DEFAULT_FLAGS,
                            new IdisBytes().utf8("/").toArray()));
                }
                int op = switch (i % 6) {
                    case 0, 2, 3 -> OC_RESOLUTION;
                    case 1 -> OC_CREATE;
                    case 4 -> 999;
                    default -> OC_GET_SITE_INFO;
                };
                int rc = switch (i % 6) {
                    case 0, 1, 5 -> 1;
                    case 2 -> 100;
                    case 3 -> 0; // the heartbeat "0": any answer (§3.3)
                    default -> 5;
                };
                expected.add(new int[] {c.lastRequestId, op, rc});
            }
            // a request whose body is truncated inside a well-framed message: RC 4, the connection stays usable
            byte[] bad = c.frame(OC_RESOLUTION, DEFAULT_FLAGS, new byte[] {0, 0, 0, 40, 'x'});
            frames.writeBytes(bad);
            expected.add(new int[] {c.lastRequestId, OC_RESOLUTION, 4});
            frames.writeBytes(c.resolutionFrame("88.888/pipe-1", List.of(), List.of(), "", DEFAULT_FLAGS));
            expected.add(new int[] {c.lastRequestId, OC_RESOLUTION, 1});

            c.write(frames.toByteArray());
            for (int[] e : expected) {
                IdisReply r = c.read();
                assertThat(r.requestId()).as("answers in request order").isEqualTo(e[0]);
                assertThat(r.sessionId()).isEqualTo(10001);
                if (e[2] != 4) {
                    assertThat(r.opCode()).as(r.toString()).isEqualTo(e[1]);
                }
                if (e[2] != 0) {
                    assertThat(r.responseCode()).as(r.toString()).isEqualTo(e[2]);
                } else {
                    assertThat(r.responseCode()).isIn(100, 301);
                }
            }
            assertThat(c.nextByte(300)).as("no unsolicited or duplicate answer, connection open").isEqualTo(-2);
        }
    }

    /** A5: pooled connections each log in; ids 10001... are reused by other clients; nothing leaks between them. */
    @Test
    void pooledConnectionsEachLogInAndNeverShareTheirLogin() throws Exception {
        List<IdisIdentity> ids = List.of(IdisTestNode.SM2_PEM, IdisTestNode.RSA_BLOB, IdisTestNode.SM2_DER);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<IdisWireClient> clients = new ArrayList<>();
        try (IdisWireClient anonymous = node.connect(10001)) {
            List<Future<IdisWireClient>> logins = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                IdisIdentity id = ids.get(i);
                int session = 10001 + i;
                logins.add(pool.submit(() -> node.loggedIn(id, session)));
            }
            for (Future<IdisWireClient> f : logins) {
                clients.add(f.get());
            }
            for (int i = 0; i < ids.size(); i++) {
                IdisReply r = clients.get(i).create("88.888/pooled-" + i, List.of(selfAdmin(ids.get(i)),
                        IdisValue.text(1, "URL", "x")));
                assertThat(r.responseCode()).as(r.toString()).isEqualTo(1);
                assertThat(r.sessionId()).isEqualTo(10001 + i);
            }
            // same session id as the first pooled connection, on another connection: not logged in
            IdisReply challenged = anonymous.create("88.888/pooled-anon", List.of(IdisValue.text(1, "URL", "x")));
            assertThat(challenged.responseCode()).isEqualTo(402);
            assertThat(challenged.opCode()).isEqualTo(OC_CREATE);
            assertThat(challenged.sessionId()).isEqualTo(10001);
        } finally {
            pool.shutdownNow();
            for (IdisWireClient c : clients) {
                c.close();
            }
        }
        for (int i = 0; i < ids.size(); i++) {
            String handle = "88.888/pooled-" + i;
            AuditEntry created = node.audit().stream().filter(a -> a.object().equals(handle)).findFirst().orElseThrow();
            assertThat(created.actor()).isEqualTo(ids.get(i).reference());
        }
        assertThat(node.stored("88.888/pooled-anon")).isEmpty();
    }

    /** A5: a login challenge belongs to its connection; the same session id elsewhere cannot answer it. */
    @Test
    void aLoginChallengeCannotBeAnsweredFromAnotherConnection() throws Exception {
        try (IdisWireClient a = node.connect(10001); IdisWireClient b = node.connect(10001)) {
            IdisReply challenge = a.sendLogin(IdisTestNode.SM2_PEM.handle(), 300);
            assertThat(challenge.responseCode()).isEqualTo(402);
            IdisReply stolen = b.answer(challenge, IdisTestNode.SM2_PEM);
            assertThat(stolen.responseCode()).isEqualTo(405);
            assertThat(b.create("88.888/stolen", List.of(IdisValue.text(1, "URL", "x"))).responseCode())
                    .isEqualTo(402);
            IdisReply own = a.answer(challenge, IdisTestNode.SM2_PEM);
            assertThat(own.responseCode()).isEqualTo(1);
            assertThat(own.opCode()).isEqualTo(OC_LOGIN);
        }
    }

    /** §4: connection-scoped state is dropped with the connection. */
    @Test
    void aLoginEndsWithItsConnection() throws Exception {
        node.loggedIn(IdisTestNode.SM2_PEM, 10001).close();
        try (IdisWireClient c = node.connect(10001)) {
            assertThat(c.create("88.888/after-close", List.of(IdisValue.text(1, "URL", "x"))).responseCode())
                    .isEqualTo(402);
        }
    }

    /** §3.1, §3.2 rule 3, §3.3: errors and the heartbeat are answered and the connection stays open. */
    @Test
    void errorsAndTheHeartbeatLeaveTheConnectionOpen() throws Exception {
        try (IdisWireClient c = node.connect(0)) {
            IdisReply heartbeat = c.resolve("0");
            assertThat(heartbeat.responseCode()).isIn(100, 301);
            assertThat(c.resolve("88.888/nothing").responseCode()).isEqualTo(100);
            assertThat(c.nextByte(200)).isEqualTo(-2);
            IdisReply ok = c.resolve("88.888/pipe-2");
            assertThat(ok.responseCode()).isEqualTo(1);
            assertThat(ok.values()).extracting(IdisValue::text).containsExactly("https://example.cn/2");
            assertThat(c.nextByte(200)).isEqualTo(-2);
        }
    }
}
