package cn.idnode.server.http;

import static cn.idnode.server.http.RestClient.basic;
import static cn.idnode.server.http.RestClient.concat;
import static cn.idnode.server.http.RestClient.session;
import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ValuePermissions;
import cn.idnode.server.EmbeddedNode;
import cn.idnode.server.TestRecords;
import cn.idnode.testing.FakeClock;
import cn.idnode.testing.JsonFixture;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REST writes, listings and prefixes (handle-protocol.md §20.3–§20.4) over HTTPS, each checked against the node
 * operation's outcome: a secret-key identity that the administrator authorises over REST administers handles with
 * Basic; a non-administrator is refused; listings page; prefixes are homed and unhomed.
 */
class RestWriteTest {
    static final String USER = "300:88.888/writer";
    static final String SECRET = "writer-secret";
    static final String NOBODY = "300:88.888/nobody";

    @TempDir
    static Path dir;
    static EmbeddedNode node;
    static RestClient client;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        FakeClock clock = FakeClock.atFixtureTime();
        node = EmbeddedNode.start(dir, clock, Map.of("http.publicPrefixList", "false"));
        int ts = (int) clock.instant().getEpochSecond();
        TestRecords.put(node.server().node(), "88.888/writer", List.of(HandleValue.text(300, "HS_SECKEY", SECRET)
                .withTimestamp(ts).withPermissions(ValuePermissions.SECRET)));
        TestRecords.put(node.server().node(), "88.888/nobody", List.of(HandleValue.text(300, "HS_SECKEY",
                "nobody-secret").withTimestamp(ts).withPermissions(ValuePermissions.SECRET)));
        client = new RestClient(node);
        admin = client.login("300:0.NA/88.888", client.adminKey());
        // the administrator lets the writer create and list handles under 88.888 (add-value on the prefix handle)
        RestClient.Response granted = client.https("PUT", "/api/handles/0.NA/88.888?index=101",
                "{\"index\":101,\"type\":\"HS_ADMIN\",\"data\":{\"format\":\"admin\",\"value\":{\"handle\":"
                        + "\"88.888/writer\",\"index\":300,\"permissions\":\"110011110011\"}}}", session(admin));
        assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static String values(String url) {
        return "{\"values\":[{\"index\":1,\"type\":\"URL\",\"data\":\"" + url + "\"},"
                + "{\"index\":100,\"type\":\"HS_ADMIN\",\"data\":{\"format\":\"admin\",\"value\":{\"handle\":"
                + "\"88.888/writer\",\"index\":300,\"permissions\":\"011111110011\"}}}]}";
    }

    @Test
    void wholeLifecycleWithBasicAuthentication() throws Exception {
        String[] as = basic(USER, SECRET);
        RestClient.Response created = client.https("PUT", "/api/handles/88.888/item", values("https://a.cn/1"), as);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonFixture.assertMatches("/rest/write/created.json", created.body());
        JsonNode read = client.https("GET", "/api/handles/88.888/item?index=1", null).json();
        assertThat(read.path("values").get(0).path("data").path("value").asText()).isEqualTo("https://a.cn/1");

        RestClient.Response replaced = client.https("PUT", "/api/handles/88.888/item", values("https://a.cn/2"), as);
        assertThat(replaced.status()).isEqualTo(200);
        JsonFixture.assertMatches("/rest/write/created.json", replaced.body());
        RestClient.Response exists = client.https("PUT", "/api/handles/88.888/item?overwrite=false",
                values("https://a.cn/3"), as);
        assertThat(exists.status()).isEqualTo(409);
        JsonFixture.assertMatches("/rest/write/already-exists.json", exists.body());

        String email = "{\"index\":2,\"type\":\"EMAIL\",\"data\":\"ops@a.cn\"}";
        assertThat(client.https("PUT", "/api/handles/88.888/item?index=2", email, as).status()).isEqualTo(201);
        assertThat(client.https("PUT", "/api/handles/88.888/item?index=various", "[" + email + "]", as).status())
                .isEqualTo(200);
        assertThat(client.https("PUT", "/api/handles/88.888/item?index=2&overwrite=false", email, as).status())
                .isEqualTo(409);
        RestClient.Response mismatch = client.https("PUT", "/api/handles/88.888/item?index=3", email, as);
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.rc()).isEqualTo(4);
        assertThat(client.https("GET", "/api/handles/88.888/item", null).json().path("values")
                .findValuesAsText("type")).containsExactly("URL", "HS_ADMIN", "EMAIL");

        assertThat(client.https("DELETE", "/api/handles/88.888/item?index=2", null, as).status()).isEqualTo(200);
        RestClient.Response noValue = client.https("DELETE", "/api/handles/88.888/item?index=2", null, as);
        assertThat(noValue.status()).isEqualTo(400);
        assertThat(noValue.rc()).isEqualTo(200);

        RestClient.Response minted = client.https("PUT", "/api/handles/88.888/?mintNewSuffix=true",
                values("https://a.cn/m"), as);
        assertThat(minted.status()).isEqualTo(201);
        String mintedHandle = minted.json().path("handle").asText();
        assertThat(mintedHandle).matches("88\\.888/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(client.https("GET", "/api/handles/" + mintedHandle, null).status()).isEqualTo(200);

        RestClient.Response deleted = client.https("DELETE", "/api/handles/88.888/item", null, as);
        assertThat(deleted.status()).isEqualTo(200);
        JsonFixture.assertMatches("/rest/write/created.json", deleted.body());
        assertThat(client.https("GET", "/api/handles/88.888/item", null).status()).isEqualTo(404);
        assertThat(client.https("DELETE", "/api/handles/88.888/item", null, as).status()).isEqualTo(404);
    }

    @Test
    void bodiesInEveryAcceptedShape() throws Exception {
        String[] as = basic(USER, SECRET);
        String one = "{\"index\":1,\"type\":\"URL\",\"data\":{\"format\":\"string\",\"value\":\"https://a.cn/o\"}}";
        assertThat(client.https("PUT", "/api/handles/88.888/shapes", "[" + one + "]", as).status()).isEqualTo(201);
        assertThat(client.https("PUT", "/api/handles/88.888/shapes", one, as).status()).isEqualTo(200);
        assertThat(client.https("PUT", "/api/handles/88.888/shapes", "{\"handle\":\"88.888/SHAPES\",\"values\":["
                + one + "]}", as).status()).isEqualTo(200);
        RestClient.Response other = client.https("PUT", "/api/handles/88.888/shapes", "{\"handle\":\"88.888/else\","
                + "\"values\":[" + one + "]}", as);
        assertThat(other.status()).isEqualTo(400);
        RestClient.Response notJson = client.https("PUT", "/api/handles/88.888/shapes", one,
                concat(as, "Content-Type", "text/plain"));
        assertThat(notJson.status()).isEqualTo(400);
        JsonFixture.assertMatches("/rest/write/not-json.json", notJson.body());
        RestClient.Response broken = client.https("PUT", "/api/handles/88.888/shapes", "[{\"index\":", as);
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.rc()).isEqualTo(4);
        RestClient.Response badValue = client.https("PUT", "/api/handles/88.888/shapes",
                "[{\"index\":1,\"type\":\"URL\"}]", as);
        assertThat(badValue.status()).isEqualTo(400);
        assertThat(badValue.json().path("message").asText()).contains("\"data\" is required");
        assertThat(client.https("PUT", "/api/handles", one, as).status()).isEqualTo(405);
    }

    @Test
    void nonAdministratorsAreRefused() throws Exception {
        String[] as = basic(NOBODY, "nobody-secret");
        RestClient.Response create = client.https("PUT", "/api/handles/88.888/not-mine", values("x"), as);
        assertThat(create.status()).isEqualTo(403);
        JsonFixture.assertMatches("/rest/write/not-admin.json", create.body());
        RestClient.Response list = client.https("GET", "/api/handles?prefix=88.888", null, as);
        assertThat(list.status()).isEqualTo(403);
        assertThat(list.rc()).isEqualTo(400);
        RestClient.Response home = client.https("POST", "/api/prefixes?prefix=88.888.66", null, as);
        assertThat(home.status()).isEqualTo(403);
        assertThat(home.rc()).isEqualTo(400);
        assertThat(client.https("GET", "/api/prefixes", null, as).status()).isEqualTo(403);
        RestClient.Response anonymousList = client.https("GET", "/api/prefixes", null);
        assertThat(anonymousList.status()).isEqualTo(401);
        assertThat(anonymousList.handleChallenge()).containsKeys("sessionId", "nonce");
        RestClient.Response foreign = client.https("PUT", "/api/handles/99.1/x", values("x"), as);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.rc()).isEqualTo(301);
    }

    @Test
    void listingHandlesInPages() throws Exception {
        assertThat(client.https("POST", "/api/prefixes?prefix=88.888.5", null, session(admin)).status())
                .isEqualTo(200);
        for (int i = 0; i < 25; i++) {
            TestRecords.put(node.server().node(), String.format("88.888.5/h%02d", i),
                    List.of(HandleValue.text(1, "URL", "https://a.cn/" + i)));
        }
        RestClient.Response page = client.https("GET", "/api/handles?prefix=88.888.5&page=1&pageSize=10", null,
                session(admin));
        assertThat(page.status()).isEqualTo(200);
        JsonFixture.assertMatches("/rest/write/handles-page.json", page.body());
        JsonNode count = client.https("GET", "/api/handles?prefix=0.NA/88.888.5&pageSize=0&page=0", null,
                session(admin)).json();
        assertThat(count.path("totalCount").asText()).isEqualTo("25");
        assertThat(count.path("handles")).isEmpty();
        JsonNode all = client.https("GET", "/api/handles?prefix=88.888.5", null, session(admin)).json();
        assertThat(RestClient.list(all.path("handles"))).containsExactlyElementsOf(IntStream.range(0, 25)
                .mapToObj(i -> String.format("88.888.5/H%02d", i)).collect(Collectors.toList()));
        assertThat(all.has("page")).isFalse();
        JsonNode last = client.https("GET", "/api/handles?prefix=88.888.5&page=2&pageSize=10", null,
                session(admin)).json();
        assertThat(last.path("handles")).hasSize(5);
        // the writer holds LIST_HANDLES on 0.NA/88.888 only
        assertThat(client.https("GET", "/api/handles?prefix=88.888", null, basic(USER, SECRET)).status())
                .isEqualTo(200);
        assertThat(client.https("GET", "/api/handles?prefix=88.888.5", null, basic(USER, SECRET)).status())
                .isEqualTo(403);
        RestClient.Response notHomed = client.https("GET", "/api/handles?prefix=88.999", null, session(admin));
        assertThat(notHomed.status()).isEqualTo(400);
        assertThat(notHomed.rc()).isEqualTo(301);
        assertThat(client.https("GET", "/api/handles", null, session(admin)).status()).isEqualTo(400);
    }

    @Test
    void prefixesAreHomedListedAndUnhomed() throws Exception {
        String[] as = session(admin);
        RestClient.Response byQuery = client.https("POST", "/api/prefixes?prefix=88.888.7", null, as);
        assertThat(byQuery.status()).isEqualTo(200);
        JsonFixture.assertJsonEquals("{\"responseCode\":1,\"handle\":\"88.888.7\"}", byQuery.body());
        assertThat(client.https("POST", "/api/prefixes/0.NA%2F88.888.8", null, as).status()).isEqualTo(200);
        assertThat(client.https("POST", "/api/prefixes", "{\"prefix\":\"88.888.9\"}", as).status()).isEqualTo(200);
        List<String> listed = RestClient.list(client.https("GET", "/api/prefixes", null, as).json().path("prefixes"));
        assertThat(listed).contains("0.NA/88.888.7", "0.NA/88.888.8", "0.NA/88.888.9");

        JsonNode page = client.https("GET", "/api/prefixes?page=0&pageSize=2", null, as).json();
        assertThat(page.path("prefixes")).hasSize(2);
        assertThat(page.path("totalCount").asText()).isEqualTo(Integer.toString(listed.size()));

        assertThat(client.https("DELETE", "/api/prefixes/88.888.7", null, as).status()).isEqualTo(200);
        assertThat(client.https("DELETE", "/api/prefixes?prefix=0.NA/88.888.8", null, as).status()).isEqualTo(200);
        assertThat(client.https("DELETE", "/api/prefixes", "{\"prefix\":\"88.888.9\"}", as).status())
                .isEqualTo(200);
        assertThat(RestClient.list(client.https("GET", "/api/prefixes", null, as).json().path("prefixes")))
                .doesNotContain("0.NA/88.888.7", "0.NA/88.888.8", "0.NA/88.888.9");
        RestClient.Response none = client.https("POST", "/api/prefixes", null, as);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.rc()).isEqualTo(4);
        RestClient.Response bad = client.https("POST", "/api/prefixes?prefix=88.888/x", null, as);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.rc()).isEqualTo(102);
        assertThat(client.https("GET", "/api/prefixes/88.888", null, as).status()).isEqualTo(405);
    }

    /** The routing table and the checked-in security surface agree (STYLE.md §6). */
    @Test
    void everyRouteIsInTheSecurityTable() throws Exception {
        List<String> actual = new ArrayList<>();
        for (HttpApi.Route r : HttpApi.ROUTES) {
            actual.add(String.format("%-6s %-22s %s", r.method().name(), r.path(), r.access()).stripTrailing());
        }
        List<String> expected;
        try (var in = RestWriteTest.class.getResourceAsStream("/rest/routes.txt")) {
            expected = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(String::stripTrailing).toList();
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }
}
