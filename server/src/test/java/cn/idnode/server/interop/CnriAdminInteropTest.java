package cn.idnode.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.crypto.PrivateKeyFiles;
import cn.idnode.server.EmbeddedNode;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.handle.hdllib.AbstractMessage;
import net.handle.hdllib.AbstractRequest;
import net.handle.hdllib.AbstractResponse;
import net.handle.hdllib.AddValueRequest;
import net.handle.hdllib.AdminRecord;
import net.handle.hdllib.CreateHandleRequest;
import net.handle.hdllib.CreateHandleResponse;
import net.handle.hdllib.DeleteHandleRequest;
import net.handle.hdllib.Encoder;
import net.handle.hdllib.ErrorResponse;
import net.handle.hdllib.GenericRequest;
import net.handle.hdllib.GetSiteInfoResponse;
import net.handle.hdllib.HandleResolver;
import net.handle.hdllib.HandleValue;
import net.handle.hdllib.ListHandlesRequest;
import net.handle.hdllib.ListHandlesResponse;
import net.handle.hdllib.ModifyValueRequest;
import net.handle.hdllib.PublicKeyAuthenticationInfo;
import net.handle.hdllib.RemoveValueRequest;
import net.handle.hdllib.ResolutionRequest;
import net.handle.hdllib.ResolutionResponse;
import net.handle.hdllib.SiteInfo;
import net.handle.hdllib.Util;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Administration with CNRI's client library exactly as an operator's tools do it: challenge–response with the node's
 * administrator key (generated at first start), then the whole lifecycle.
 */
class CnriAdminInteropTest {
    @TempDir
    static Path dir;
    static EmbeddedNode node;
    static HandleResolver resolver;
    static SiteInfo site;
    static PublicKeyAuthenticationInfo admin;

    @BeforeAll
    static void start() throws Exception {
        node = EmbeddedNode.start(dir);
        resolver = new HandleResolver();
        resolver.setTcpTimeout(10_000);
        // plain challenge-response on every request; sessions have their own test
        resolver.setSessionTracker(null);
        PrivateKey key = PrivateKeyFiles.decode(Files.readAllBytes(node.server().adminKeyFile()));
        admin = new PublicKeyAuthenticationInfo(Util.encodeString("0.NA/88.888"), 300, key);
        site = ((GetSiteInfoResponse) resolver.sendHdlTcpRequest(new GenericRequest(Util.encodeString("/"),
                AbstractMessage.OC_GET_SITE_INFO, null), InetAddress.getByName("127.0.0.1"),
                node.server().tcpPort())).siteInfo;
        // CNRI's client prefers UDP for queries; keep every request on TCP so the test covers one path per call
        site.servers[0].interfaces = Arrays.stream(site.servers[0].interfaces)
                .filter(i -> i.protocol == net.handle.hdllib.Interface.SP_HDL_TCP)
                .toArray(net.handle.hdllib.Interface[]::new);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static AbstractResponse send(AbstractRequest req) throws Exception {
        return resolver.sendRequestToSite(req, site);
    }

    static HandleValue adminValue(int index, String handle, int adminIndex) {
        AdminRecord rec = new AdminRecord(Util.encodeString(handle), adminIndex, true, true, true, true, true, true,
                true, true, true, true, true, true);
        return new HandleValue(index, Util.encodeString("HS_ADMIN"), Encoder.encodeAdminRecord(rec));
    }

    @Test
    void fullLifecycleWithPublicKeyAuthentication() throws Exception {
        byte[] h = Util.encodeString("88.888/lifecycle");
        HandleValue[] values = {new HandleValue(1, "URL", "https://example.cn/one"),
                adminValue(100, "0.NA/88.888", 300)};
        AbstractResponse created = send(new CreateHandleRequest(h, values, admin));
        assertThat(created.responseCode).as(String.valueOf(created)).isEqualTo(AbstractMessage.RC_SUCCESS);
        assertThat(Util.decodeString(((CreateHandleResponse) created).handle)).isEqualTo("88.888/lifecycle");

        assertThat(send(new AddValueRequest(h, new HandleValue(2, "EMAIL", "ops@example.cn"), admin)).responseCode)
                .isEqualTo(AbstractMessage.RC_SUCCESS);
        assertThat(send(new ModifyValueRequest(h, new HandleValue(1, "URL", "https://example.cn/two"), admin))
                .responseCode).isEqualTo(AbstractMessage.RC_SUCCESS);
        ResolutionResponse r = (ResolutionResponse) send(new ResolutionRequest(h, null, null, null));
        assertThat(r.getHandleValues()).extracting(HandleValue::getIndex).containsExactly(1, 100, 2);
        assertThat(r.getHandleValues()[0].getDataAsString()).isEqualTo("https://example.cn/two");

        assertThat(send(new RemoveValueRequest(h, 2, admin)).responseCode).isEqualTo(AbstractMessage.RC_SUCCESS);
        assertThat(((ResolutionResponse) send(new ResolutionRequest(h, null, null, null))).getHandleValues())
                .hasSize(2);

        List<String> listed = list("0.NA/88.888");
        assertThat(listed).contains("88.888/LIFECYCLE");

        assertThat(send(new DeleteHandleRequest(h, admin)).responseCode).isEqualTo(AbstractMessage.RC_SUCCESS);
        assertThat(send(new ResolutionRequest(h, null, null, null)).responseCode)
                .isEqualTo(AbstractMessage.RC_HANDLE_NOT_FOUND);
    }

    @Test
    void secretKeyIdentityAdministersItsOwnHandle() throws Exception {
        byte[] user = Util.encodeString("88.888/secuser");
        HandleValue secret = new HandleValue(300, Util.encodeString("HS_SECKEY"), Util.encodeString("s3cr3t-key"));
        secret.setAnyoneCanRead(false);
        assertThat(send(new CreateHandleRequest(user, new HandleValue[] {secret}, admin)).responseCode)
                .isEqualTo(AbstractMessage.RC_SUCCESS);
        byte[] owned = Util.encodeString("88.888/owned-by-secuser");
        assertThat(send(new CreateHandleRequest(owned, new HandleValue[] {new HandleValue(1, "URL", "x"),
                adminValue(100, "88.888/secuser", 300)}, admin)).responseCode).isEqualTo(AbstractMessage.RC_SUCCESS);
        net.handle.hdllib.SecretKeyAuthenticationInfo sec = new net.handle.hdllib.SecretKeyAuthenticationInfo(user, 300,
                Util.encodeString("s3cr3t-key"));
        assertThat(send(new AddValueRequest(owned, new HandleValue(2, "EMAIL", "sec@example.cn"), sec)).responseCode)
                .isEqualTo(AbstractMessage.RC_SUCCESS);
        net.handle.hdllib.SecretKeyAuthenticationInfo wrong = new net.handle.hdllib.SecretKeyAuthenticationInfo(user,
                300, Util.encodeString("not-the-key"));
        assertThat(send(new AddValueRequest(owned, new HandleValue(3, "EMAIL", "x"), wrong)).responseCode)
                .isEqualTo(AbstractMessage.RC_AUTHENTICATION_FAILED);
        // the secret is never readable without authentication
        ResolutionRequest read = new ResolutionRequest(user, null, null, null);
        assertThat(send(read).responseCode).isEqualTo(AbstractMessage.RC_VALUES_NOT_FOUND);
    }

    @Test
    void verifyChallengeAnswersSecretKeyChecksForOtherServers() throws Exception {
        byte[] user = Util.encodeString("88.888/verifier-user");
        HandleValue secret = new HandleValue(300, Util.encodeString("HS_SECKEY"), Util.encodeString("shared-secret"));
        secret.setAnyoneCanRead(false);
        assertThat(send(new CreateHandleRequest(user, new HandleValue[] {secret}, admin)).responseCode)
                .isEqualTo(AbstractMessage.RC_SUCCESS);
        byte[] nonce = new byte[16];
        byte[] digest = new byte[32];
        new java.util.Random(3).nextBytes(nonce);
        new java.util.Random(4).nextBytes(digest);
        for (boolean right : new boolean[] {true, false}) {
            byte[] answer = cn.idnode.crypto.ChallengeAnswers.secretKeyAnswer(
                    Util.encodeString(right ? "shared-secret" : "guess"), 0x22, nonce, digest).toByteArray();
            net.handle.hdllib.VerifyAuthRequest req = new net.handle.hdllib.VerifyAuthRequest(user, nonce, digest,
                    net.handle.hdllib.Common.HASH_CODE_SHA256, answer, 300, null);
            req.certify = true;
            AbstractResponse r = send(req);
            assertThat(r.responseCode).as(String.valueOf(r)).isEqualTo(AbstractMessage.RC_SUCCESS);
            assertThat(((net.handle.hdllib.VerifyAuthResponse) r).isValid).isEqualTo(right);
        }
    }

    @Test
    void homeAndUnhomeWithBareAndZeroNaForms() throws Exception {
        AbstractResponse home = send(new GenericRequest(Util.encodeString("88.888.42"), AbstractMessage.OC_HOME_NA, admin));
        assertThat(home.responseCode).as(String.valueOf(home)).isEqualTo(AbstractMessage.RC_SUCCESS);
        HandleValue[] values = {new HandleValue(1, "URL", "https://ent.example.cn")};
        assertThat(send(new CreateHandleRequest(Util.encodeString("88.888.42/sn1"), values, admin)).responseCode)
                .isEqualTo(AbstractMessage.RC_SUCCESS);
        assertThat(send(new ResolutionRequest(Util.encodeString("88.888.42/sn1"), null, null, null)).responseCode)
                .isEqualTo(AbstractMessage.RC_SUCCESS);
        AbstractResponse unhome = send(new GenericRequest(Util.encodeString("0.NA/88.888.42"),
                AbstractMessage.OC_UNHOME_NA, admin));
        assertThat(unhome.responseCode).isEqualTo(AbstractMessage.RC_SUCCESS);
        assertThat(send(new ResolutionRequest(Util.encodeString("88.888.42/sn1"), null, null, null)).responseCode)
                .isEqualTo(AbstractMessage.RC_SERVER_NOT_RESP);
    }

    @Test
    void refusalsCarryTheSpecCodes() throws Exception {
        byte[] h = Util.encodeString("88.888/refusals");
        assertThat(send(new CreateHandleRequest(h, new HandleValue[] {new HandleValue(1, "URL", "x")}, admin))
                .responseCode).isEqualTo(AbstractMessage.RC_SUCCESS);
        assertThat(send(new CreateHandleRequest(h, new HandleValue[] {new HandleValue(1, "URL", "x")}, admin))
                .responseCode).isEqualTo(AbstractMessage.RC_HANDLE_ALREADY_EXISTS);
        assertThat(send(new AddValueRequest(h, new HandleValue(1, "URL", "y"), admin)).responseCode)
                .isEqualTo(AbstractMessage.RC_VALUE_ALREADY_EXISTS);
        assertThat(send(new RemoveValueRequest(h, 55, admin)).responseCode).isEqualTo(AbstractMessage.RC_VALUES_NOT_FOUND);
        assertThat(send(new DeleteHandleRequest(Util.encodeString("88.888/none"), admin)).responseCode)
                .isEqualTo(AbstractMessage.RC_HANDLE_NOT_FOUND);
        // an identity with a valid key that is not an administrator
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        var kp = g.generateKeyPair();
        assertThat(send(new CreateHandleRequest(Util.encodeString("88.888/user1"), new HandleValue[] {
                new HandleValue(300, Util.encodeString("HS_PUBKEY"), Util.getBytesFromPublicKey(kp.getPublic()))},
                admin)).responseCode).isEqualTo(AbstractMessage.RC_SUCCESS);
        PublicKeyAuthenticationInfo user = new PublicKeyAuthenticationInfo(Util.encodeString("88.888/user1"), 300,
                kp.getPrivate());
        AbstractResponse denied = send(new CreateHandleRequest(Util.encodeString("88.888/by-user"),
                new HandleValue[] {new HandleValue(1, "URL", "x")}, user));
        assertThat(denied.responseCode).isEqualTo(AbstractMessage.RC_INVALID_ADMIN);
        // the right identity with the wrong key
        PublicKeyAuthenticationInfo impostor = new PublicKeyAuthenticationInfo(Util.encodeString("0.NA/88.888"), 300,
                kp.getPrivate());
        AbstractResponse bad = send(new CreateHandleRequest(Util.encodeString("88.888/by-impostor"),
                new HandleValue[] {new HandleValue(1, "URL", "x")}, impostor));
        assertThat(bad.responseCode).isEqualTo(AbstractMessage.RC_AUTHENTICATION_FAILED);
        // an identity that does not exist
        PublicKeyAuthenticationInfo ghost = new PublicKeyAuthenticationInfo(Util.encodeString("88.888/ghost"), 300,
                kp.getPrivate());
        AbstractResponse unknown = send(new CreateHandleRequest(Util.encodeString("88.888/by-ghost"),
                new HandleValue[] {new HandleValue(1, "URL", "x")}, ghost));
        assertThat(unknown.responseCode).isEqualTo(AbstractMessage.RC_AUTHENTICATION_FAILED);
        assertThat(new String(((ErrorResponse) unknown).message, java.nio.charset.StandardCharsets.UTF_8))
                .contains("88.888/ghost");
    }

    static List<String> list(String prefix) throws Exception {
        List<String> out = new ArrayList<>();
        AbstractResponse first = resolver.sendRequestToService(new ListHandlesRequest(Util.encodeString(prefix), admin),
                new SiteInfo[] {site}, resp -> {
                    for (byte[] h : ((ListHandlesResponse) resp).handles) {
                        out.add(Util.decodeString(h));
                    }
                });
        assertThat(first.responseCode).isEqualTo(AbstractMessage.RC_SUCCESS);
        return out;
    }
}
