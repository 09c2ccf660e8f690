package cn.idnode.server.snms;

import static cn.idnode.server.snms.SnmsClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.crypto.PrivateKeyFiles;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import net.handle.hdllib.AbstractMessage;
import net.handle.hdllib.AbstractRequest;
import net.handle.hdllib.AbstractResponse;
import net.handle.hdllib.CreateHandleRequest;
import net.handle.hdllib.GenericRequest;
import net.handle.hdllib.GetSiteInfoResponse;
import net.handle.hdllib.HandleResolver;
import net.handle.hdllib.HandleValue;
import net.handle.hdllib.ModifyValueRequest;
import net.handle.hdllib.PublicKeyAuthenticationInfo;
import net.handle.hdllib.ResolutionRequest;
import net.handle.hdllib.ResolutionResponse;
import net.handle.hdllib.SiteInfo;
import net.handle.hdllib.Util;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accounts, templates and prefix resolution beyond the happy path: lockout, application credentials, password
 * changes, restricted values, industry template packs, template rules enforced on the Handle protocol by CNRI's
 * client, templates in use, self-hosted enterprise nodes and hosting requests.
 */
class SnmsOperationsTest {
    @TempDir
    static Path dir;
    static FakeClock clock;
    static EmbeddedNode node;
    static SnmsClient client;
    static String admin;
    static String acme;
    static String beta;

    @BeforeAll
    static void start() throws Exception {
        // real time: CNRI's client refuses answers whose expiry lies in the past
        clock = new FakeClock(java.time.Instant.now());
        node = EmbeddedNode.start(dir, clock, Map.of("snms.passwordHashMemoryKib", "8192"));
        client = new SnmsClient(node.httpBase());
        admin = client.login("admin", Files.readString(dir.resolve("keys/snms-admin.password")).trim());
        acme = Onboarding.onboard(client, admin, "acme", "pw-acme", 1, "88.888.2001");
        beta = Onboarding.onboard(client, admin, "beta", "pw-beta", 2, "88.888.2002");
        Reply pack = client.post("/snms/api/v5/template/packs/install", acme, JSON.createObjectNode()
                .put("prefix", "88.888.2001").put("version", "food-1").put("pack", "food"));
        assertThat(pack.status()).as(pack.toString()).isEqualTo(1);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static JsonNode foodTemplate() throws Exception {
        return client.get("/snms/api/v5/template?prefix=88.888.2001&version=food-1", acme).data();
    }

    /** An identifier filling every required item of the food pack (value "v" or a valid length). */
    static ObjectNode foodIdentifier(String handle) throws Exception {
        ObjectNode o = JSON.createObjectNode().put("handle", handle).put("templateVersion", "food-1");
        ArrayNode values = o.putArray("value");
        for (JsonNode item : foodTemplate().path("items")) {
            if (item.path("required").asBoolean()) {
                int min = Math.max(1, item.path("metadata").path("minLength").asInt());
                values.addObject().put("index", item.path("idIndex").asInt()).put("type", item.path("idType").asText())
                        .put("auth", "").set("data", JSON.createObjectNode().put("format", "string")
                                .put("value", "9".repeat(min)));
            }
        }
        return o;
    }

    @Test
    void accountIsLockedAfterRepeatedFailuresThenUnlocksWithTime() throws Exception {
        assertThat(client.post("/identity/registry", admin, JSON.createObjectNode().put("username", "victim")
                .put("password", SnmsClient.sha256("right")).put("email", "v@example.cn").put("mobile", "13700000001"))
                .status()).isEqualTo(1);
        for (int i = 0; i < 4; i++) {
            assertThat(login("victim", "wrong").message()).isEqualTo("用户名/密码错误！");
        }
        assertThat(login("victim", "wrong").message()).contains("锁定");
        Reply locked = login("victim", "right");
        assertThat(locked.status()).isEqualTo(-2);
        assertThat(locked.message()).contains("锁定");
        clock.advance(Duration.ofMinutes(16));
        assertThat(login("victim", "right").status()).isEqualTo(1);
        Reply audit = client.get("/snms/api/audit?object=account/victim", admin);
        assertThat(audit.data().path("items")).extracting(i -> i.path("action").asText())
                .contains("create-account", "login-failed", "login-locked", "login");
    }

    static Reply login(String user, String password) throws Exception {
        return client.post("/identity/token", null, JSON.createObjectNode().put("username", user)
                .put("password", password));
    }

    @Test
    void applicationCredentialsRegisterForTheirEnterpriseOnly() throws Exception {
        Reply cred = client.post("/identity/app-credential", acme, JSON.createObjectNode().put("remarks", "MES"));
        assertThat(cred.status()).as(cred.toString()).isEqualTo(1);
        String ak = cred.data().path("ak").asText();
        assertThat(cred.data().path("identity").asText()).isEqualTo("300:88.888.2001/App_" + ak);
        String app = client.login(ak, cred.data().path("sk").asText());
        Reply created = client.post("/identityv2/data", app, foodIdentifier("88.888.2001/app-1"));
        assertThat(created.status()).as(created.toString()).isEqualTo(1);
        Reply elsewhere = client.post("/identityv2/data", app, foodIdentifier("88.888.2002/app-1"));
        assertThat(elsewhere.status()).isEqualTo(-3);
        assertThat(client.post("/identity/app-credential", app, "{}").status()).isEqualTo(-3);
        Reply audit = client.get("/snms/api/audit?object=88.888.2001/app-1", admin);
        assertThat(audit.data().path("items").get(0).path("actor").asText()).isEqualTo("300:88.888.2001/App_" + ak);
    }

    @Test
    void passwordChangeEndsEarlierTokens() throws Exception {
        client.post("/identity/registry", admin, JSON.createObjectNode().put("username", "changer")
                .put("password", SnmsClient.sha256("one")).put("email", "c@example.cn").put("mobile", "13700000002"));
        String token = client.login("changer", "one");
        Reply changed = client.post("/identity/password", token, JSON.createObjectNode()
                .put("oldPassword", SnmsClient.sha256("one")).put("newPassword", SnmsClient.sha256("two")));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(1);
        assertThat(client.get("/identity/me", token).status()).isEqualTo(-1);
        assertThat(login("changer", "one").status()).isEqualTo(-2);
        assertThat(client.get("/identity/me", client.login("changer", "two")).data().path("username").asText())
                .isEqualTo("changer");
    }

    @Test
    void restrictedValuesAreSeenOnlyByTheirEnterprise() throws Exception {
        ObjectNode id = foodIdentifier("88.888.2001/secret-1");
        JsonNode first = id.path("value").get(0);
        ((ObjectNode) first).put("auth", "0");
        assertThat(client.post("/identityv2/data", acme, id).status()).isEqualTo(1);
        int restricted = first.path("index").asInt();
        JsonNode own = client.get("/identityv2/data/detail?handle=88.888.2001/secret-1", acme).data();
        assertThat(own.path("value")).anySatisfy(v -> {
            assertThat(v.path("index").asInt()).isEqualTo(restricted);
            assertThat(v.path("auth").asText()).isEqualTo("0");
        });
        JsonNode other = client.get("/identityv2/data/detail?handle=88.888.2001/secret-1", beta).data();
        assertThat(other.path("value")).noneSatisfy(v -> assertThat(v.path("index").asInt()).isEqualTo(restricted));
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                node.httpBase() + "/api/handles/88.888.2001/secret-1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(anonymous.body()).path("values")).noneSatisfy(v ->
                assertThat(v.path("index").asInt()).isEqualTo(restricted));
    }

    @Test
    void packsAreListedAndTemplatesInUseCannotBeDeleted() throws Exception {
        Reply packs = client.get("/snms/api/v5/template/packs", beta);
        assertThat(packs.data()).hasSize(15);
        assertThat(foodTemplate().path("items").size()).isGreaterThanOrEqualTo(10);
        assertThat(client.post("/identityv2/data", acme, foodIdentifier("88.888.2001/in-use")).status()).isEqualTo(1);
        ObjectNode del = JSON.createObjectNode().put("prefix", "88.888.2001").put("version", "food-1");
        Reply refused = client.call("DELETE", "/snms/api/v5/template", acme, del);
        assertThat(refused.status()).isEqualTo(-2);
        assertThat(refused.message()).contains("正在被").contains("使用");
        Reply othersTemplate = client.get("/snms/api/v5/template?prefix=88.888.2001&version=food-1", beta);
        assertThat(othersTemplate.status()).isEqualTo(-3);
        // a template nobody uses goes away
        ObjectNode t = JSON.createObjectNode().put("prefix", "88.888.2002").put("version", "tmp");
        t.putArray("items").addObject().put("name", "名称").put("idType", "name")
                .set("metadata", JSON.createObjectNode().put("type", "string"));
        assertThat(client.post("/snms/api/v5/template", beta, t).status()).isEqualTo(1);
        assertThat(client.call("DELETE", "/snms/api/v5/template", beta, JSON.createObjectNode()
                .put("prefix", "88.888.2002").put("version", "tmp")).status()).isEqualTo(1);
        assertThat(client.get("/snms/api/v5/template?prefix=88.888.2002&version=tmp", beta).status()).isEqualTo(-2);
    }

    @Test
    void handleProtocolWritesAreValidatedAgainstTheTemplate() throws Exception {
        HandleResolver resolver = new HandleResolver();
        resolver.setSessionTracker(null);
        resolver.setTcpTimeout(10_000);
        PrivateKey key = PrivateKeyFiles.decode(Files.readAllBytes(node.server().adminKeyFile()));
        PublicKeyAuthenticationInfo auth = new PublicKeyAuthenticationInfo(Util.encodeString("0.NA/88.888"), 300, key);
        SiteInfo site = ((GetSiteInfoResponse) resolver.sendHdlTcpRequest(new GenericRequest(Util.encodeString("/"),
                AbstractMessage.OC_GET_SITE_INFO, null), InetAddress.getByName("127.0.0.1"),
                node.server().tcpPort())).siteInfo;
        site.servers[0].interfaces = Arrays.stream(site.servers[0].interfaces)
                .filter(i -> i.protocol == net.handle.hdllib.Interface.SP_HDL_TCP)
                .toArray(net.handle.hdllib.Interface[]::new);
        JsonNode template = foodTemplate();
        JsonNode firstItem = template.path("items").get(0);
        HandleValue templateId = new HandleValue(1000, "TEMPLATE_ID", template.path("handle").asText());
        HandleValue version = new HandleValue(1001, "TEMPLATE", "food-1");
        HandleValue unknown = new HandleValue(2999, "colour", "red");
        byte[] h = Util.encodeString("88.888.2001/by-handle");
        AbstractResponse refused = send(resolver, site, new CreateHandleRequest(h,
                new HandleValue[] {templateId, version, unknown}, auth));
        assertThat(refused.responseCode).isEqualTo(AbstractMessage.RC_INVALID_VALUE);
        assertThat(refused.toString()).contains("索引2999在模板中不存在");

        JsonNode valid = foodIdentifier("88.888.2001/by-handle").path("value");
        HandleValue[] values = new HandleValue[valid.size() + 2];
        values[0] = templateId;
        values[1] = version;
        for (int i = 0; i < valid.size(); i++) {
            JsonNode v = valid.get(i);
            values[i + 2] = new HandleValue(v.path("index").asInt(), v.path("type").asText(),
                    v.path("data").path("value").asText());
        }
        assertThat(send(resolver, site, new CreateHandleRequest(h, values, auth)).responseCode)
                .isEqualTo(AbstractMessage.RC_SUCCESS);
        HandleValue tooLong = new HandleValue(firstItem.path("idIndex").asInt(), firstItem.path("idType").asText(),
                "x".repeat(firstItem.path("metadata").path("maxLength").asInt() + 1));
        AbstractResponse modify = send(resolver, site, new ModifyValueRequest(h, tooLong, auth));
        assertThat(modify.responseCode).isEqualTo(AbstractMessage.RC_INVALID_VALUE);
        assertThat(modify.toString()).contains("长度应在");
    }

    static AbstractResponse send(HandleResolver resolver, SiteInfo site, AbstractRequest req) throws Exception {
        return resolver.sendRequestToSite(req, site);
    }

    @Test
    void selfHostedEnterpriseNodeThenHostingRequestedAndApproved() throws Exception {
        Onboarding.onboard(client, admin, "gamma", "pw-gamma", 3, "88.888.2003");
        String gamma = client.login("gamma", "pw-gamma");
        ObjectNode cfg = JSON.createObjectNode();
        cfg.putObject("entPrefixConfig").put("entPrefix", "88.888.2003").put("hdlType", "HS_SITE").put("ipType", 4)
                .put("ip", "203.0.113.7").put("tcpPort", "2643").put("udpPort", "").put("httpPort", "8080");
        Reply self = client.post("/snms/api/ent/config", gamma, cfg);
        assertThat(self.status()).as(self.toString()).isEqualTo(1);
        assertThat(self.data().path("proxyState").asInt()).isEqualTo(1);
        ResolutionResponse prefixRecord = (ResolutionResponse) udp("0.NA/88.888.2003");
        SiteInfo published = net.handle.hdllib.Encoder.decodeSiteInfoRecord(Arrays.stream(
                prefixRecord.getHandleValues()).filter(v -> v.getTypeAsString().equals("HS_SITE")).findFirst()
                .orElseThrow().getData(), 0);
        assertThat(published.servers[0].getAddressString()).isEqualTo("203.0.113.7");
        assertThat(published.servers[0].interfaces[0].protocol).isEqualTo(net.handle.hdllib.Interface.SP_HDL_TCP);
        assertThat(published.servers[0].interfaces[0].port).isEqualTo(2643);
        assertThat(published.servers[0].interfaces).hasSize(2);
        assertThat(udp("88.888.2003/anything").responseCode).isEqualTo(AbstractMessage.RC_SERVER_NOT_RESP);

        Reply request = client.post("/snms/api/ent/config", gamma, JSON.createObjectNode().put("proxyServerId", 1)
                .set("entPrefixConfig", JSON.createObjectNode().put("entPrefix", "88.888.2003")));
        assertThat(request.data().path("proxyState").asInt()).isEqualTo(2);
        assertThat(udp("88.888.2003/anything").responseCode).isEqualTo(AbstractMessage.RC_SERVER_NOT_RESP);
        Reply approved = client.post("/snms/api/ent/config/review", admin, JSON.createObjectNode()
                .put("entPrefix", "88.888.2003").put("approve", true));
        assertThat(approved.data().path("proxyState").asInt()).as(approved.toString()).isEqualTo(4);
        assertThat(udp("88.888.2003/anything").responseCode).isEqualTo(AbstractMessage.RC_HANDLE_NOT_FOUND);
        Reply bad = client.post("/snms/api/ent/config", gamma, JSON.createObjectNode().set("entPrefixConfig",
                JSON.createObjectNode().put("entPrefix", "88.888.2003").put("ipType", 4).put("ip", "example.com")
                        .put("tcpPort", "2641")));
        assertThat(bad.status()).isEqualTo(-2);
        assertThat(bad.message()).contains("IPv4");
    }

    static AbstractResponse udp(String handle) throws Exception {
        return new HandleResolver().sendHdlUdpRequest(new ResolutionRequest(Util.encodeString(handle), null, null,
                null), InetAddress.getByName("127.0.0.1"), node.server().udpPort());
    }
}
