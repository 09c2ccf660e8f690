package cn.idnode.server.snms;

import static cn.idnode.server.snms.SnmsClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.node.NodeSchema;
import cn.idnode.node.business.ChinaTime;
import cn.idnode.node.prefix.PrefixPolicy;
import cn.idnode.protocol.ByteString;
import cn.idnode.server.EmbeddedNode;
import cn.idnode.server.snms.SnmsClient.Reply;
import cn.idnode.testing.FakeClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import net.handle.hdllib.AbstractMessage;
import net.handle.hdllib.AbstractResponse;
import net.handle.hdllib.HandleResolver;
import net.handle.hdllib.ResolutionRequest;
import net.handle.hdllib.ResolutionResponse;
import net.handle.hdllib.Util;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secondary-node business end to end through the SNMS REST API (issue 5): an administrator onboards an
 * enterprise (apply with licence upload → review → approve), the prefix is homed with its HS_SITE, the enterprise
 * publishes a template and registers 2000 identifiers in one batch, which CNRI's client resolves over UDP and
 * {@code /api/handles} serves; then the prefix is disabled and resolution is refused everywhere. Refusals along the
 * way — invalid USCC, unknown and missing template fields, oversized batches, duplicates, expired tokens — are
 * specific and write nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnmsLifecycleTest {
    static final String PREFIX = "88.888.1001";
    static final String USER = "acme";
    static final String USER_PASSWORD = "Acme-Passw0rd";

    @TempDir
    static Path dir;
    static FakeClock clock;
    static EmbeddedNode node;
    static SnmsClient client;
    static String admin;
    static String enterprise;
    static long enterpriseId;

    @BeforeAll
    static void start() throws Exception {
        clock = FakeClock.atFixtureTime();
        node = EmbeddedNode.start(dir, clock, Map.of("snms.passwordHashMemoryKib", "8192"));
        client = new SnmsClient(node.httpBase());
        String password = Files.readString(dir.resolve("keys/snms-admin.password")).trim();
        admin = client.login("admin", password);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static ObjectNode application(String uscc, String prefix, long licence, long idFront, long idBack) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode user = body.putObject("sysUser");
        user.put("userName", USER);
        user.put("password", sha(USER_PASSWORD));
        user.put("email", "it@acme.example.cn");
        user.put("mobile", "13800138000");
        ObjectNode b = body.putObject("entBasicInfo");
        b.put("orgName", "重庆艾克米机械有限公司");
        b.put("orgNature", 2);
        b.put("orgAddr", "重庆市渝中区解放碑1号");
        b.put("orgAddrProvince", "500000");
        b.put("orgAddrCity", "500100");
        b.put("orgAddrCounty", "500103");
        b.put("orgCrtType", 1);
        b.put("orgCrtCode", uscc);
        b.put("orgCrtImgRid", licence);
        b.put("industryCategory", "C");
        b.put("industrySpecific", "36");
        b.put("website", "https://acme.example.cn");
        b.put("contactName", "张三");
        b.put("contactCrtType", 1);
        b.put("contactCrtNo", SnmsClient.idCard("50010319900101123"));
        b.put("contactEmail", "zhangsan@acme.example.cn");
        b.put("contactPhone", "13800138001");
        b.put("legalName", "李四");
        b.put("legalCrtType", 1);
        b.put("legalCrtNo", SnmsClient.idCard("50010319800202456"));
        b.put("legalCrtFrontImgRid", idFront);
        b.put("legalCrtBackImgRid", idBack);
        b.put("entPrefix", prefix);
        ObjectNode m = body.putObject("entRegisterManageInfo");
        ArrayNode systems = m.putArray("entInfoSyses");
        for (int t = 1; t <= 4; t++) {
            ObjectNode s = systems.addObject();
            s.put("sysType", t);
            s.put("deployMode", 2);
            s.put("name", "天翼云");
            if (t == 1) {
                s.put("ipPort", "[10.0.0.8]:2641");
            }
        }
        m.put("servSysBuildType", 1);
        m.put("servSysOperType", 1);
        return body;
    }

    static String sha(String s) {
        try {
            return SnmsClient.sha256(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long upload(String token) throws Exception {
        Reply r = client.upload(token, "licence.png", SnmsClient.png());
        assertThat(r.status()).as(r.toString()).isEqualTo(1);
        assertThat(r.data().path("path").asText()).endsWith(".png");
        return r.data().path("id").asLong();
    }

    @Test
    @Order(1)
    void hashedLoginAndWrongPasswords() throws Exception {
        String password = Files.readString(dir.resolve("keys/snms-admin.password")).trim();
        String today = ChinaTime.date(clock.millis());
        Reply ok = client.post("/identity/token/v1", null, JSON.createObjectNode().put("username", "admin")
                .put("password", SnmsClient.sha256(SnmsClient.sha256(password) + today)));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(1);
        assertThat(ok.data().path("token").asText()).contains(".");
        Reply wrong = client.post("/identity/token", null, JSON.createObjectNode().put("username", "admin")
                .put("password", "not-it"));
        assertThat(wrong.http()).isEqualTo(200);
        assertThat(wrong.status()).isEqualTo(-2);
        assertThat(wrong.message()).isEqualTo("用户名/密码错误！");
        assertThat(wrong.data().isNull()).isTrue();
        Reply unknown = client.post("/identity/token", null, JSON.createObjectNode().put("username", "nobody")
                .put("password", "x"));
        assertThat(unknown.message()).isEqualTo("用户名/密码错误！");
        Reply noToken = client.get("/snms/api/prefix/page", null);
        assertThat(noToken.status()).isEqualTo(-1);
        Reply badToken = client.get("/snms/api/prefix/page", "abc.def.ghi");
        assertThat(badToken.status()).isEqualTo(-1);
    }

    @Test
    @Order(2)
    void invalidSocialCreditCodeIsRefusedAndNothingIsWritten() throws Exception {
        long licence = upload(admin);
        Reply r = client.post("/snms/api/v3/ent/apply", admin, application("91500000MA5U7G8N4R", PREFIX, licence,
                upload(admin), upload(admin)));
        assertThat(r.status()).as(r.toString()).isEqualTo(-2);
        assertThat(r.message()).contains("orgCrtCode").contains("校验位");
        Reply page = client.get("/snms/api/v3/ent/page", admin);
        assertThat(page.data().path("totalElements").asLong()).isZero();
        assertThat(client.post("/identity/token", null, JSON.createObjectNode().put("username", USER)
                .put("password", USER_PASSWORD)).status()).isEqualTo(-2);
    }

    @Test
    @Order(3)
    void applyReviewApprove() throws Exception {
        long licence = upload(admin);
        Reply applied = client.post("/snms/api/v3/ent/apply", admin, application("91500000MA5U7G8N47", PREFIX,
                licence, upload(admin), upload(admin)));
        assertThat(applied.status()).as(applied.toString()).isEqualTo(1);
        assertThat(applied.data().asBoolean()).isTrue();
        Reply queue = client.get("/snms/api/v3/ent/page?status=4", admin);
        assertThat(queue.data().path("totalElements").asLong()).isEqualTo(1);
        JsonNode row = queue.data().path("content").get(0);
        enterpriseId = row.path("id").asLong();
        assertThat(row.path("orgCrtCode").asText()).isEqualTo("91500000MA5U7G8N47");
        Reply pending = client.get("/snms/api/prefix/query?prefix=" + PREFIX, admin);
        assertThat(pending.data().path("status").asInt()).isEqualTo(4);
        assertThat(pending.data().path("entNameCn").asText()).isEqualTo("重庆艾克米机械有限公司");

        assertThat(client.post("/snms/api/v3/ent/review", admin, JSON.createObjectNode().put("id", enterpriseId)
                .put("action", "start")).status()).isEqualTo(1);
        Reply approved = client.post("/snms/api/v3/ent/review", admin, JSON.createObjectNode().put("id", enterpriseId)
                .put("action", "approve"));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(1);
        assertThat(approved.data().path("status").asInt()).isEqualTo(1);

        Reply detail = client.get("/snms/api/v3/ent/detail?id=" + enterpriseId, admin);
        assertThat(detail.data().path("history")).extracting(h -> h.path("action").asText())
                .containsExactly("apply", "start-review", "approve");
        assertThat(detail.data().path("entBasicInfo").path("legalName").asText()).isEqualTo("李四");

        // the prefix handle is homed here with this node's site and the enterprise's group as administrator
        AbstractResponse site = resolveUdp("0.NA/" + PREFIX);
        assertThat(site.responseCode).isEqualTo(AbstractMessage.RC_SUCCESS);
        assertThat(((ResolutionResponse) site).getHandleValues()).extracting(v -> v.getTypeAsString())
                .contains("HS_SITE", "HS_ADMIN");
        assertThat(node.server().node().prefixes().isHomed(ByteString.utf8("0.NA/" + PREFIX))).isTrue();
        enterprise = client.login(USER, USER_PASSWORD);
        Reply mine = client.get("/snms/api/prefix/page", enterprise);
        assertThat(mine.data().path("content")).hasSize(1);
        assertThat(mine.data().path("content").get(0).path("state").asInt()).isEqualTo(1);
        assertThat(mine.data().path("content").get(0).path("proxyState").asInt()).isEqualTo(4);
    }

    @Test
    @Order(4)
    void templatePublishedByTheEnterprise() throws Exception {
        ObjectNode t = JSON.createObjectNode();
        t.put("prefix", PREFIX);
        t.put("version", "1.0");
        t.put("industryCategory", "C");
        t.put("industrySpecific", "36");
        t.put("type", 2);
        ArrayNode items = t.putArray("items");
        items.addObject().put("name", "产品名称").put("idType", "name").put("idIndex", 2000).put("required", true)
                .set("metadata", JSON.createObjectNode().put("type", "string").put("minLength", 1)
                        .put("maxLength", 64));
        items.addObject().put("name", "批次号").put("idType", "batchNo").put("idIndex", "2001")
                .set("metadata", JSON.createObjectNode().put("type", "string").put("maxLength", 32));
        Reply created = client.post("/snms/api/v5/template", enterprise, t);
        assertThat(created.status()).as(created.toString()).isEqualTo(1);
        Reply again = client.post("/snms/api/v5/template", enterprise, t);
        assertThat(again.status()).isEqualTo(-2);
        Reply read = client.get("/snms/api/v5/template?prefix=" + PREFIX + "&version=1.0", enterprise);
        assertThat(read.data().path("items")).extracting(i -> i.path("idIndex").asInt()).containsExactly(2000, 2001);
        assertThat(read.data().path("handle").asText()).startsWith(PREFIX + "/META_");
        // items are incremental: a new one is added with the next index, none is ever removed
        ObjectNode update = JSON.createObjectNode().put("prefix", PREFIX).put("version", "1.0");
        update.putArray("items").addObject().put("name", "生产日期").put("idType", "productionDate")
                .set("metadata", JSON.createObjectNode().put("type", "string").put("maxLength", 10));
        assertThat(client.call("PUT", "/snms/api/v5/template", enterprise, update).status()).isEqualTo(1);
        assertThat(client.get("/snms/api/v5/template?prefix=" + PREFIX + "&version=1.0", enterprise).data()
                .path("items")).extracting(i -> i.path("idType").asText())
                .containsExactly("name", "batchNo", "productionDate");
    }

    static ObjectNode identifier(String suffix, String name, int extraIndex) {
        ObjectNode o = JSON.createObjectNode();
        o.put("handle", PREFIX + "/" + suffix);
        o.put("templateVersion", "1.0");
        ArrayNode v = o.putArray("value");
        if (name != null) {
            v.addObject().put("index", 2000).put("type", "name").put("auth", "")
                    .set("data", JSON.createObjectNode().put("format", "string").put("value", name));
        }
        v.addObject().put("index", 2001).put("type", "batchNo").put("auth", "")
                .set("data", JSON.createObjectNode().put("format", "string").put("value", "B2026-11"));
        if (extraIndex > 0) {
            v.addObject().put("index", extraIndex).put("type", "colour").put("auth", "")
                    .set("data", JSON.createObjectNode().put("format", "string").put("value", "red"));
        }
        return o;
    }

    @Test
    @Order(5)
    void batchCreateOf2000ResolvedWithTheCnriClientAndRest() throws Exception {
        ArrayNode batch = JSON.createArrayNode();
        for (int i = 0; i < 2000; i++) {
            batch.add(identifier("SN" + i, "小型机械" + i, 0));
        }
        Reply r = client.post("/identityv2/data/batchCreate", enterprise, batch);
        assertThat(r.status()).as(r.message()).isEqualTo(1);
        assertThat(r.data()).hasSize(2000);
        assertThat(r.data()).allSatisfy(x -> assertThat(x.path("msg").asText()).isEqualTo("success"));
        assertThat(r.data().get(1999).path("handle").asText()).isEqualTo(PREFIX + "/SN1999");
        assertThat(node.server().node().store().counter(NodeSchema.USAGE,
                PrefixPolicy.handleCountKey(ByteString.utf8(PREFIX)))).isEqualTo(2001); // + the template identifier

        for (int i : new int[] {0, 777, 1999}) {
            AbstractResponse res = resolveUdp(PREFIX + "/SN" + i);
            assertThat(res.responseCode).isEqualTo(AbstractMessage.RC_SUCCESS);
            net.handle.hdllib.HandleValue[] values = ((ResolutionResponse) res).getHandleValues();
            assertThat(values).extracting(net.handle.hdllib.HandleValue::getIndex)
                    .containsExactly(100, 1000, 1001, 2000, 2001);
            assertThat(values[3].getDataAsString()).isEqualTo("小型机械" + i);
            assertThat(values[2].getDataAsString()).isEqualTo("1.0");
        }
        HttpResponse<String> rest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                node.httpBase() + "/api/handles/" + PREFIX + "/SN42?index=2000")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(rest.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(rest.body()).path("values").get(0).path("data").path("value").asText())
                .isEqualTo("小型机械42");
        Reply detail = client.get("/identityv2/data/detail?handle=" + PREFIX + "/SN42", enterprise);
        assertThat(detail.status()).isEqualTo(1);
        assertThat(detail.data().path("templateVersion").asText()).isEqualTo("1.0");
        assertThat(detail.data().path("value")).extracting(v -> v.path("index").asInt())
                .containsExactly(1000, 1001, 2000, 2001);
        assertThat(detail.data().path("value").get(2).path("auth").asText()).isEqualTo("1");
    }

    @Test
    @Order(6)
    void refusalsAreSpecificAndWriteNothing() throws Exception {
        ArrayNode mixed = JSON.createArrayNode();
        mixed.add(identifier("SN0", "重复", 0));                 // exists already
        mixed.add(identifier("X-unknown", "甲", 2999));        // not in the template
        mixed.add(identifier("X-missing", null, 0));           // required item missing
        mixed.add(identifier("X-ok", "乙", 0));
        mixed.add(identifier("X-ok", "乙", 0));                // twice in one call
        ObjectNode reserved = identifier("X-reserved", "丙", 0);
        ((ArrayNode) reserved.get("value")).addObject().put("index", 1001).put("type", "TEMPLATE")
                .set("data", JSON.createObjectNode().put("format", "string").put("value", "9.9"));
        mixed.add(reserved);
        ObjectNode tooLong = identifier("X-long", "丁".repeat(65), 0);
        mixed.add(tooLong);
        Reply r = client.post("/identityv2/data/batchCreate", enterprise, mixed);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.data()).extracting(x -> x.path("msg").asText()).satisfiesExactly(
                m -> assertThat(m).isEqualTo("标识已存在"),
                m -> assertThat(m).isEqualTo("非法操作，索引2999在模板中不存在"),
                m -> assertThat(m).startsWith("缺少必填项: 产品名称"),
                m -> assertThat(m).isEqualTo("success"),
                m -> assertThat(m).isEqualTo("标识在本次请求中重复"),
                m -> assertThat(m).contains("索引1001为保留索引"),
                m -> assertThat(m).contains("长度应在1-64个字符之间"));
        assertThat(resolveUdp(PREFIX + "/X-unknown").responseCode).isEqualTo(AbstractMessage.RC_HANDLE_NOT_FOUND);
        assertThat(resolveUdp(PREFIX + "/SN0").responseCode).isEqualTo(AbstractMessage.RC_SUCCESS);

        ArrayNode oversized = JSON.createArrayNode();
        for (int i = 0; i < 2001; i++) {
            oversized.add(identifier("BIG" + i, "x", 0));
        }
        Reply big = client.post("/identityv2/data/batchCreate", enterprise, oversized);
        assertThat(big.status()).isEqualTo(-2);
        assertThat(big.message()).contains("2000").contains("2001");
        assertThat(resolveUdp(PREFIX + "/BIG0").responseCode).isEqualTo(AbstractMessage.RC_HANDLE_NOT_FOUND);

        Reply single = client.post("/identityv2/data", enterprise, identifier("SN1", "重复", 0));
        assertThat(single.status()).isEqualTo(-2);
        assertThat(single.message()).isEqualTo("标识已存在");
        Reply notMine = client.post("/identityv2/data", enterprise, identifier("x", "y", 0).put("handle",
                "88.888.2002/x"));
        assertThat(notMine.status()).isEqualTo(-2);

        // a token outlives neither its 24 hours nor a password change
        clock.advance(Duration.ofHours(25));
        Reply expired = client.get("/snms/api/prefix/page", enterprise);
        assertThat(expired.status()).isEqualTo(-1);
        assertThat(expired.message()).contains("过期");
        enterprise = client.login(USER, USER_PASSWORD);
        admin = client.login("admin", Files.readString(dir.resolve("keys/snms-admin.password")).trim());
    }

    @Test
    @Order(7)
    void updateAndDeleteThroughTheApi() throws Exception {
        ObjectNode changed = identifier("SN5", "改名", 0);
        assertThat(client.call("PUT", "/identityv2/data", enterprise, changed).status()).isEqualTo(1);
        assertThat(((ResolutionResponse) resolveUdp(PREFIX + "/SN5")).getHandleValues()[3].getDataAsString())
                .isEqualTo("改名");
        Reply deleted = client.call("DELETE", "/identityv2/data/batchDelete", enterprise,
                JSON.createArrayNode().add(PREFIX + "/SN6").add(PREFIX + "/nope"));
        assertThat(deleted.data()).extracting(x -> x.path("code").asInt()).containsExactly(1, -2);
        assertThat(deleted.data().get(1).path("msg").asText()).isEqualTo("标识不存在");
        assertThat(resolveUdp(PREFIX + "/SN6").responseCode).isEqualTo(AbstractMessage.RC_HANDLE_NOT_FOUND);
        Reply history = client.get("/snms/api/audit?object=" + PREFIX + "/SN5", admin);
        assertThat(history.data().path("items")).extracting(i -> i.path("action").asText())
                .containsExactly("snms-create", "snms-update");
        assertThat(history.data().path("items").get(1).path("before").path("values").toString()).contains("小型机械5");
        Reply forbidden = client.get("/snms/api/audit?object=" + PREFIX + "/SN5", enterprise);
        assertThat(forbidden.status()).isEqualTo(-3);
    }

    @Test
    @Order(8)
    void disabledPrefixRefusesResolutionAndRegistration() throws Exception {
        Reply disabled = client.post("/snms/api/prefix/state", admin, JSON.createObjectNode().put("prefix", PREFIX)
                .put("status", 0));
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(1);
        assertThat(resolveUdp(PREFIX + "/SN1").responseCode).isEqualTo(AbstractMessage.RC_SERVER_NOT_RESP);
        HttpResponse<String> rest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                node.httpBase() + "/api/handles/" + PREFIX + "/SN1")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(rest.statusCode()).isEqualTo(403);
        assertThat(rest.body()).contains("停用");
        Reply detail = client.get("/identityv2/data/detail?handle=" + PREFIX + "/SN1", enterprise);
        assertThat(detail.status()).isEqualTo(-2);
        assertThat(detail.message()).contains("停用");
        Reply create = client.post("/identityv2/data", enterprise, identifier("after-disable", "x", 0));
        assertThat(create.status()).isEqualTo(-2);
        assertThat(create.message()).contains("停用");
        // enabled again, everything is served as before
        assertThat(client.post("/snms/api/prefix/state", admin, JSON.createObjectNode().put("prefix", PREFIX)
                .put("status", 1)).status()).isEqualTo(1);
        assertThat(resolveUdp(PREFIX + "/SN1").responseCode).isEqualTo(AbstractMessage.RC_SUCCESS);
    }

    static AbstractResponse resolveUdp(String handle) throws Exception {
        HandleResolver resolver = new HandleResolver();
        return resolver.sendHdlUdpRequest(new ResolutionRequest(Util.encodeString(handle), null, null, null),
                InetAddress.getByName("127.0.0.1"), node.server().udpPort());
    }
}
