package cn.idnode.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.crypto.PrivateKeyFiles;
import cn.idnode.server.EmbeddedNode;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Arrays;
import net.handle.hdllib.AbstractMessage;
import net.handle.hdllib.AbstractRequest;
import net.handle.hdllib.AbstractResponse;
import net.handle.hdllib.AddValueRequest;
import net.handle.hdllib.ClientSessionTracker;
import net.handle.hdllib.ClientSideSessionInfo;
import net.handle.hdllib.Common;
import net.handle.hdllib.CreateHandleRequest;
import net.handle.hdllib.DeleteHandleRequest;
import net.handle.hdllib.GenericRequest;
import net.handle.hdllib.GetSiteInfoResponse;
import net.handle.hdllib.HandleResolver;
import net.handle.hdllib.HandleValue;
import net.handle.hdllib.ModifyValueRequest;
import net.handle.hdllib.PublicKeyAuthenticationInfo;
import net.handle.hdllib.ResolutionRequest;
import net.handle.hdllib.ResolutionResponse;
import net.handle.hdllib.SessionSetupInfo;
import net.handle.hdllib.SiteInfo;
import net.handle.hdllib.Util;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CNRI's client administering inside sessions (handle-protocol.md §14): its default Diffie-Hellman sessions, the
 * other key-exchange modes, session MACs on every request, certified answers MACed with the session key, and
 * encrypted sessions.
 */
class CnriSessionInteropTest {
    @TempDir
    static Path dir;
    static EmbeddedNode node;
    static SiteInfo site;
    static PrivateKey adminKey;
    static PublicKeyAuthenticationInfo admin;

    @BeforeAll
    static void start() throws Exception {
        node = EmbeddedNode.start(dir);
        adminKey = PrivateKeyFiles.decode(Files.readAllBytes(node.server().adminKeyFile()));
        admin = new PublicKeyAuthenticationInfo(Util.encodeString("0.NA/88.888"), 300, adminKey);
        HandleResolver r = new HandleResolver();
        site = ((GetSiteInfoResponse) r.sendHdlTcpRequest(new GenericRequest(Util.encodeString("/"),
                AbstractMessage.OC_GET_SITE_INFO, null), InetAddress.getByName("127.0.0.1"),
                node.server().tcpPort())).siteInfo;
        site.servers[0].interfaces = Arrays.stream(site.servers[0].interfaces)
                .filter(i -> i.protocol == net.handle.hdllib.Interface.SP_HDL_TCP)
                .toArray(net.handle.hdllib.Interface[]::new);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static HandleResolver resolverWith(SessionSetupInfo setup) {
        HandleResolver r = new HandleResolver();
        r.setTcpTimeout(10_000);
        if (setup != null) {
            r.setSessionTracker(new ClientSessionTracker(setup));
        }
        return r;
    }

    static AbstractResponse send(HandleResolver r, AbstractRequest req) throws Exception {
        return r.sendRequestToSite(req, site);
    }

    void lifecycle(HandleResolver r, String handle) throws Exception {
        byte[] h = Util.encodeString(handle);
        AbstractResponse created = send(r, new CreateHandleRequest(h, new HandleValue[] {
                new HandleValue(1, "URL", "https://example.cn/s")}, admin));
        assertThat(created.responseCode).as(String.valueOf(created)).isEqualTo(AbstractMessage.RC_SUCCESS);
        assertThat(send(r, new AddValueRequest(h, new HandleValue(2, "EMAIL", "a@example.cn"), admin)).responseCode)
                .isEqualTo(AbstractMessage.RC_SUCCESS);
        assertThat(send(r, new ModifyValueRequest(h, new HandleValue(2, "EMAIL", "b@example.cn"), admin)).responseCode)
                .isEqualTo(AbstractMessage.RC_SUCCESS);
        ResolutionRequest read = new ResolutionRequest(h, null, null, null);
        read.certify = true;
        AbstractResponse resolved = send(r, read);
        assertThat(resolved.responseCode).isEqualTo(AbstractMessage.RC_SUCCESS);
        assertThat(((ResolutionResponse) resolved).getHandleValues()[1].getDataAsString()).isEqualTo("b@example.cn");
        assertThat(send(r, new DeleteHandleRequest(h, admin)).responseCode).isEqualTo(AbstractMessage.RC_SUCCESS);
        ClientSideSessionInfo[] sessions = r.getSessionTracker().getAllSessions();
        assertThat(sessions).isNotEmpty();
        assertThat(sessions[0].sessionId).isGreaterThanOrEqualTo(1 << 30);
    }

    @Test
    void defaultDiffieHellmanSession() throws Exception {
        lifecycle(resolverWith(null), "88.888/session-dh");
    }

    @Test
    void explicitDiffieHellmanSession() throws Exception {
        lifecycle(resolverWith(new SessionSetupInfo(Common.KEY_EXCHANGE_DH)), "88.888/session-dh-explicit");
    }

    /**
     * CNRI's client 9.3.1 cannot use the RSA key-exchange modes at all: it asks the JCA for "RSA/EBC/PKCS1" (sic),
     * which no provider offers. Modes 1-3 are covered by {@link SessionModesTest} with idnode's own client code.
     */
    @ParameterizedTest
    @ValueSource(ints = {Common.KEY_EXCHANGE_CIPHER_CLIENT, Common.KEY_EXCHANGE_CIPHER_SERVER,
            Common.KEY_EXCHANGE_CIPHER_HDL})
    void cnriClientCannotUseRsaKeyExchange(int mode) throws Exception {
        SessionSetupInfo setup;
        if (mode == Common.KEY_EXCHANGE_CIPHER_CLIENT) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            setup = new SessionSetupInfo(mode, kp.getPublic(), kp.getPrivate());
        } else if (mode == Common.KEY_EXCHANGE_CIPHER_HDL) {
            setup = new SessionSetupInfo(Util.encodeString("0.NA/88.888"), 300, adminKey);
        } else {
            setup = new SessionSetupInfo(mode);
        }
        HandleResolver r = resolverWith(setup);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> send(r, new CreateHandleRequest(
                Util.encodeString("88.888/never"), new HandleValue[] {new HandleValue(1, "URL", "x")}, admin)))
                .hasStackTraceContaining("RSA/EBC/PKCS1");
    }

    @Test
    void encryptedSession() throws Exception {
        SessionSetupInfo setup = new SessionSetupInfo(Common.KEY_EXCHANGE_DH);
        setup.encrypted = true;
        lifecycle(resolverWith(setup), "88.888/session-encrypted");
    }
}
