package cn.idnode.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.protocol.AdminValue;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ValuePermissions;
import cn.idnode.protocol.ValueList;
import cn.idnode.protocol.ValueReference;
import cn.idnode.server.EmbeddedNode;
import cn.idnode.server.TestRecords;
import cn.idnode.testing.FakeClock;
import cn.idnode.testing.JsonFixture;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Handle.Net-compatible REST API checked with a plain HTTP client against JSON fixtures. */
class RestApiTest {
    @TempDir
    static Path dir;
    static EmbeddedNode node;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        FakeClock clock = FakeClock.atFixtureTime();
        node = EmbeddedNode.start(dir, clock, Map.of());
        int ts = (int) clock.instant().getEpochSecond();
        TestRecords.put(node.server().node(), "88.888/demo", List.of(
                HandleValue.text(1, "URL", "https://example.cn/p/demo").withTimestamp(ts),
                HandleValue.text(2, "EMAIL", "ops@example.cn").withTimestamp(ts).withTtl(0, 3600)
                        .withPermissions(0x0F),
                HandleValue.of(3, "BIN", ByteString.fromHex("0001020304ff")).withTimestamp(ts)
                        .withTtl(1, (int) Instant.parse("2030-01-01T00:00:00Z").getEpochSecond()),
                HandleValue.text(4, "DESC", "line one\nline two").withTimestamp(ts)
                        .withReferences(List.of(ValueReference.of(1, "88.888/other"))),
                HandleValue.of(100, "HS_ADMIN", AdminValue.of(0x0FF2, ValueReference.of(300, "0.NA/88.888"))
                        .encode()).withTimestamp(ts),
                HandleValue.of(200, "HS_VLIST", new ValueList(List.of(ValueReference.of(300, "88.888/admin1"),
                        ValueReference.of(301, "88.888/admin2"))).encode()).withTimestamp(ts),
                HandleValue.text(2000, "name", "小型机械01").withTimestamp(ts),
                HandleValue.text(2001, "internal", "restricted").withTimestamp(ts)
                        .withPermissions(ValuePermissions.ADMIN_READ | ValuePermissions.ADMIN_WRITE)));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node.httpBase() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void resolvesEveryDataFormatLikeHandleNet() throws Exception {
        HttpResponse<String> r = get("/api/handles/88.888/demo");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonFixture.assertMatches("/rest/demo-all.json", r.body());
    }

    @Test
    void percentEncodedHandlesAndFilters() throws Exception {
        JsonFixture.assertMatches("/rest/demo-filtered.json", get("/api/handles/88.888%2Fdemo?type=URL&index=100").body());
        JsonFixture.assertMatches("/rest/demo-filtered.json", get("/api/handles/88.888/demo?type=url&index=100").body());
    }

    @Test
    void errorsMapToHandleNetStatuses() throws Exception {
        HttpResponse<String> missing = get("/api/handles/88.888/missing");
        assertThat(missing.statusCode()).isEqualTo(404);
        JsonFixture.assertMatches("/rest/not-found.json", missing.body());
        HttpResponse<String> noValues = get("/api/handles/88.888/demo?type=NOPE");
        assertThat(noValues.statusCode()).isEqualTo(200);
        JsonFixture.assertMatches("/rest/values-not-found.json", noValues.body());
        HttpResponse<String> foreign = get("/api/handles/88.999/x");
        assertThat(foreign.statusCode()).isEqualTo(400);
        JsonFixture.assertMatches("/rest/not-homed.json", foreign.body());
        HttpResponse<String> unknown = get("/api/nothing");
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonFixture.assertMatches("/rest/unknown-endpoint.json", unknown.body());
        HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(URI.create(node.httpBase()
                + "/api/site")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(JsonFixture.parse(wrongMethod.body()).path("responseCode").asInt()).isEqualTo(4);
    }

    @Test
    void restrictedValuesNeedAuthentication() throws Exception {
        // over plain HTTP no challenge is offered: authentication is accepted over HTTPS only (RestAuthTest)
        HttpResponse<String> r = get("/api/handles/88.888/demo?publicOnly=false");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(JsonFixture.parse(r.body()).path("responseCode").asInt()).isEqualTo(402);
        assertThat(get("/api/handles/88.888/demo?index=2001").statusCode()).isEqualTo(200);
        assertThat(JsonFixture.parse(get("/api/handles/88.888/demo?index=2001").body()).path("responseCode").asInt())
                .isEqualTo(200);
    }

    @Test
    void jsonpPrettyAndHead() throws Exception {
        HttpResponse<String> jsonp = get("/api/handles/88.888/demo?index=1&callback=show");
        assertThat(jsonp.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/javascript"));
        assertThat(jsonp.body()).startsWith("show({").endsWith("});");
        HttpResponse<String> hostile = get("/api/handles/88.888/demo?index=1&callback=alert(1)%3B//");
        assertThat(hostile.body()).startsWith("alert1({");
        assertThat(get("/api/handles/88.888/demo?index=1&pretty").body()).contains("\n  \"responseCode\"");
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(node.httpBase()
                + "/api/handles/88.888/demo")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(Integer.parseInt(head.headers().firstValue("Content-Length").orElseThrow()))
                .isEqualTo(get("/api/handles/88.888/demo").body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void corsAllowsAnyOriginWithoutCredentials() throws Exception {
        HttpResponse<String> pre = http.send(HttpRequest.newBuilder(URI.create(node.httpBase() + "/api/handles/88.888/demo"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://app.example.cn")
                .header("Access-Control-Request-Method", "PUT").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pre.statusCode()).isIn(200, 204);
        assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
        assertThat(pre.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("PUT");
        assertThat(pre.headers().firstValue("Access-Control-Max-Age")).hasValue("86400");
        assertThat(pre.headers().firstValue("Access-Control-Allow-Credentials")).isNotEqualTo(java.util.Optional.of("true"));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node.httpBase() + "/api/site"))
                .header("Origin", "https://app.example.cn").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
    }

    @Test
    void siteAndPrefixes() throws Exception {
        JsonNode site = JsonFixture.parse(get("/api/site").body());
        assertThat(site.path("responseCode").asInt()).isEqualTo(1);
        JsonNode s = site.path("site");
        assertThat(s.path("primarySite").asBoolean()).isTrue();
        assertThat(s.path("protocolVersion").asText()).isEqualTo("2.11");
        assertThat(s.path("servers").get(0).path("interfaces").get(0).path("protocol").asText()).isEqualTo("TCP");
        assertThat(s.path("servers").get(0).path("interfaces").get(0).path("port").asInt())
                .isEqualTo(node.server().tcpPort());
        assertThat(s.path("servers").get(0).path("publicKey").path("value").path("kty").asText()).isEqualTo("RSA");
        JsonNode all = JsonFixture.parse(get("/api/prefixes").body());
        assertThat(all.path("totalCount").asText()).isEqualTo("2");
        // home one more so paging has something to page over
        var b = new cn.idnode.store.WriteBatch();
        node.server().node().prefixes().home(b, ByteString.utf8("0.NA/88.888.1"));
        node.server().node().store().write(b);
        node.server().node().prefixes().applied(ByteString.utf8("0.NA/88.888.1"), true);
        JsonFixture.assertMatches("/rest/prefixes-page.json", get("/api/prefixes?page=1&pageSize=2").body());
    }

    @Test
    void getOnATunnelPathRedirectsToTheRestApiAndStrayPostsAreRefused() throws Exception {
        HttpResponse<String> r = get("/88.888/demo?pretty");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("/api/handles/88.888/demo?pretty");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(node.httpBase() + "/88.888/demo"))
                .POST(HttpRequest.BodyPublishers.ofString("hello")).header("Content-Type", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(415);
    }
}
