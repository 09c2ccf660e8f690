package cn.idnode.server.snms;

import static cn.idnode.server.snms.SnmsClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.server.EmbeddedNode;
import cn.idnode.server.snms.SnmsClient.Reply;
import cn.idnode.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SNMS security surface (STYLE.md §6): {@link SnmsApi#ROUTES} must match the checked-in table
 * {@code snms/routes.txt}, every route marked "token" must refuse a call without one (status -1), administrator
 * routes must refuse an enterprise user (-3), and with {@code snms.allowPlainHttp} off plain HTTP is refused.
 */
class SnmsSecuritySurfaceTest {
    @TempDir
    static Path dir;
    static EmbeddedNode node;
    static SnmsClient client;
    static String admin;
    static String user;

    @BeforeAll
    static void start() throws Exception {
        node = EmbeddedNode.start(dir, FakeClock.atFixtureTime(), Map.of("snms.passwordHashMemoryKib", "8192"));
        client = new SnmsClient(node.httpBase());
        admin = client.login("admin", Files.readString(dir.resolve("keys/snms-admin.password")).trim());
        Reply made = client.post("/identity/registry", admin, JSON.createObjectNode().put("username", "plain")
                .put("password", SnmsClient.sha256("pw-plain")).put("email", "p@example.cn").put("mobile", "13900000000"));
        assertThat(made.status()).as(made.toString()).isEqualTo(1);
        user = client.login("plain", "pw-plain");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void routesMatchTheCheckedInTable() throws Exception {
        List<String> actual = new ArrayList<>();
        for (SnmsApi.Route r : SnmsApi.ROUTES) {
            actual.add(String.format("%-6s %-38s %s", r.method().name(), r.path(), r.access()).stripTrailing());
        }
        List<String> expected;
        try (var in = SnmsSecuritySurfaceTest.class.getResourceAsStream("/snms/routes.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(String::stripTrailing).toList();
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void tokenRoutesRefuseCallsWithoutAToken() throws Exception {
        for (SnmsApi.Route r : SnmsApi.ROUTES) {
            if (!r.token()) {
                continue;
            }
            Reply reply = client.call(r.method().name(), r.path(), null, "{}");
            assertThat(reply.http()).as(r.path()).isEqualTo(200);
            assertThat(reply.status()).as(r.method() + " " + r.path() + " " + reply).isEqualTo(-1);
        }
    }

    @Test
    void administratorRoutesRefuseOtherUsers() throws Exception {
        for (SnmsApi.Route r : SnmsApi.ROUTES) {
            if (!r.access().equals("token: ADMIN") && !r.access().equals("token: ADMIN or REVIEWER")) {
                continue;
            }
            Reply reply = client.call(r.method().name(), r.path(), user, "{}");
            assertThat(reply.status()).as(r.method() + " " + r.path() + " " + reply).isEqualTo(-3);
        }
    }

    @Test
    void unknownPathsAndBadBodiesAreAnsweredInTheEnvelope() throws Exception {
        Reply unknown = client.get("/snms/api/nothing-here", admin);
        assertThat(unknown.http()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(-2);
        Reply garbage = client.post("/identityv2/data", admin, "{not json");
        assertThat(garbage.status()).isEqualTo(-2);
        assertThat(garbage.message()).startsWith("请求体不是合法的JSON");
    }

    @Test
    void plainHttpCanBeRefused(@TempDir Path other) throws Exception {
        try (EmbeddedNode strict = EmbeddedNode.start(other, FakeClock.atFixtureTime(),
                Map.of("snms.allowPlainHttp", "false", "snms.passwordHashMemoryKib", "8192"))) {
            Reply r = new SnmsClient(strict.httpBase()).post("/identity/token", null,
                    JSON.createObjectNode().put("username", "admin").put("password", "x"));
            assertThat(r.http()).isEqualTo(403);
            assertThat(r.status()).isEqualTo(-3);
        }
    }
}
