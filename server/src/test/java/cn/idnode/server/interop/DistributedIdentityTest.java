package cn.idnode.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.protocol.AdminPermissions;
import cn.idnode.protocol.AdminValue;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ValueList;
import cn.idnode.protocol.ValuePermissions;
import cn.idnode.protocol.ValueReference;
import cn.idnode.server.EmbeddedNode;
import cn.idnode.server.TestRecords;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.handle.hdllib.AbstractMessage;
import net.handle.hdllib.AbstractResponse;
import net.handle.hdllib.AuthenticationInfo;
import net.handle.hdllib.CreateHandleRequest;
import net.handle.hdllib.GenericRequest;
import net.handle.hdllib.GetSiteInfoResponse;
import net.handle.hdllib.HandleResolver;
import net.handle.hdllib.PublicKeyAuthenticationInfo;
import net.handle.hdllib.SecretKeyAuthenticationInfo;
import net.handle.hdllib.SiteInfo;
import net.handle.hdllib.Util;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identities homed on another node ("distributed identity"): node B authenticates identities whose handles live on
 * node A — public keys resolved at A, secret keys checked by A with a certified OC 201, admin groups expanded from A —
 * finding A through its upstream (here A itself plays the upstream/top-level role for the 88.888 prefix).
 */
class DistributedIdentityTest {
    @TempDir
    static Path dirA;
    @TempDir
    static Path dirB;
    static EmbeddedNode a;
    static EmbeddedNode b;
    static KeyPair alice;
    static KeyPair carol;

    @BeforeAll
    static void start() throws Exception {
        a = EmbeddedNode.start(dirA);
        b = EmbeddedNode.start(dirB, InstantSource.system(), Map.of("node.prefix", "88.999",
                "resolution.upstream", "127.0.0.1:" + a.server().tcpPort()));
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        alice = g.generateKeyPair();
        carol = g.generateKeyPair();
        TestRecords.put(a, "88.888/alice", HandleValue.of(300, "HS_PUBKEY",
                ByteString.wrap(Util.getBytesFromPublicKey(alice.getPublic()))));
        TestRecords.put(a, "88.888/carol", HandleValue.of(300, "HS_PUBKEY",
                ByteString.wrap(Util.getBytesFromPublicKey(carol.getPublic()))));
        TestRecords.put(a, "88.888/bob", HandleValue.text(300, "HS_SECKEY", "bobs-secret")
                .withPermissions(ValuePermissions.SECRET));
        TestRecords.put(a, "88.888/team", HandleValue.of(200, "HS_VLIST", new ValueList(List.of(
                ValueReference.of(300, "88.888/carol"))).encode()));
        // B's prefix handle lets alice and bob create handles directly and the team on A through its group
        List<HandleValue> prefix = new ArrayList<>(b.server().node().records().get(ByteString.utf8("0.NA/88.999"))
                .orElseThrow().values().decode());
        prefix.add(admin(101, ValueReference.of(300, "88.888/alice")));
        prefix.add(admin(102, ValueReference.of(300, "88.888/bob")));
        prefix.add(admin(103, ValueReference.of(200, "88.888/team")));
        TestRecords.put(b.server().node(), "0.NA/88.999", prefix);
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    static HandleValue admin(int index, ValueReference who) {
        return HandleValue.of(index, "HS_ADMIN", AdminValue.of(AdminPermissions.ADD_HANDLE, who).encode());
    }

    static AbstractResponse createOnB(String handle, AuthenticationInfo auth) throws Exception {
        HandleResolver r = new HandleResolver();
        r.setSessionTracker(null);
        SiteInfo site = ((GetSiteInfoResponse) r.sendHdlTcpRequest(new GenericRequest(Util.encodeString("/"),
                AbstractMessage.OC_GET_SITE_INFO, null), java.net.InetAddress.getByName("127.0.0.1"),
                b.server().tcpPort())).siteInfo;
        site.servers[0].interfaces = Arrays.stream(site.servers[0].interfaces)
                .filter(i -> i.protocol == net.handle.hdllib.Interface.SP_HDL_TCP)
                .toArray(net.handle.hdllib.Interface[]::new);
        return r.sendRequestToSite(new CreateHandleRequest(Util.encodeString(handle),
                new net.handle.hdllib.HandleValue[] {new net.handle.hdllib.HandleValue(1, "URL", "x")}, auth), site);
    }

    @Test
    void publicKeyOfAForeignIdentityIsResolvedAtItsHome() throws Exception {
        AbstractResponse r = createOnB("88.999/by-alice", new PublicKeyAuthenticationInfo(
                Util.encodeString("88.888/alice"), 300, alice.getPrivate()));
        assertThat(r.responseCode).as(String.valueOf(r)).isEqualTo(AbstractMessage.RC_SUCCESS);
        AbstractResponse wrongKey = createOnB("88.999/by-fake-alice", new PublicKeyAuthenticationInfo(
                Util.encodeString("88.888/alice"), 300, carol.getPrivate()));
        assertThat(wrongKey.responseCode).isEqualTo(AbstractMessage.RC_AUTHENTICATION_FAILED);
    }

    @Test
    void secretKeyOfAForeignIdentityIsCheckedByItsHomeWithOc201() throws Exception {
        AbstractResponse r = createOnB("88.999/by-bob", new SecretKeyAuthenticationInfo(
                Util.encodeString("88.888/bob"), 300, Util.encodeString("bobs-secret")));
        assertThat(r.responseCode).as(String.valueOf(r)).isEqualTo(AbstractMessage.RC_SUCCESS);
        AbstractResponse wrong = createOnB("88.999/by-fake-bob", new SecretKeyAuthenticationInfo(
                Util.encodeString("88.888/bob"), 300, Util.encodeString("guess")));
        assertThat(wrong.responseCode).isEqualTo(AbstractMessage.RC_AUTHENTICATION_FAILED);
    }

    @Test
    void adminGroupsOnAnotherNodeAreExpanded() throws Exception {
        AbstractResponse r = createOnB("88.999/by-carol", new PublicKeyAuthenticationInfo(
                Util.encodeString("88.888/carol"), 300, carol.getPrivate()));
        assertThat(r.responseCode).as(String.valueOf(r)).isEqualTo(AbstractMessage.RC_SUCCESS);
    }
}
