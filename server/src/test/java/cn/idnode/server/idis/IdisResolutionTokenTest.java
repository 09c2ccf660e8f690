package cn.idnode.server.idis;

import static cn.idnode.server.idis.IdisWireClient.CA;
import static cn.idnode.server.idis.IdisWireClient.DEFAULT_FLAGS;
import static cn.idnode.server.idis.IdisWireClient.OC_RESOLUTION;
import static cn.idnode.server.idis.IdisWireClient.PO;
import static cn.idnode.server.idis.IdisWireClient.REC;
import static cn.idnode.server.idis.IdisWireClient.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restricted reads (idis-extensions.md §5.6, §8, appendix A6): the SDK sets PO on every resolution, so the verified
 * identity — bound by a 2001 login, or carried by an RS256 identity token (flag 0x00000004) — decides which
 * restricted values come back; PO alone never hides what that identity may read, and never shows more. Tokens that
 * fail (bad signature, stale, replayed, malformed) leave the resolution anonymous and are logged.
 *
 * <p>Record {@code 88.888/restricted}: 1 public URL, 2 admin-read-only EMAIL, 3 readable by nobody, HS_ADMIN
 * granting READ_VALUE to sm2user1 (100), rsauser (101) and rsapem (102); {@code 88.888/restricted-other} grants it to
 * sm2user1 only. (SM2 identities cannot make tokens with the SDK, appendix A8.)
 */
class IdisResolutionTokenTest {
    static final String RESTRICTED = "88.888/restricted";
    static final String OTHER = "88.888/restricted-other";
    static final List<Integer> PUBLIC = List.of(1, 100, 101, 102);
    static final List<Integer> READABLE = List.of(1, 2, 100, 101, 102);
    static final AtomicLong NONCES = new AtomicLong(1_000);

    @TempDir
    static Path dir;
    static IdisTestNode node;

    @BeforeAll
    static void start() {
        node = IdisTestNode.start(dir, Map.of());
        node.put(RESTRICTED, List.of(IdisValue.text(1, "URL", "https://example.cn/public"),
                IdisValue.text(2, "EMAIL", "secret@example.cn").withPermissions(IdisValue.ADMIN_ONLY),
                IdisValue.text(3, "NOTE", "nobody reads this").withPermissions(0x04),
                IdisValue.admin(100, 0x0410, IdisTestNode.SM2_PEM.handle(), 300),
                IdisValue.admin(101, 0x0400, IdisTestNode.RSA_BLOB.handle(), 300),
                IdisValue.admin(102, 0x0400, IdisTestNode.RSA_PEM.handle(), 300)));
        node.put(OTHER, List.of(IdisValue.text(1, "URL", "https://example.cn/other"),
                IdisValue.text(2, "EMAIL", "other@example.cn").withPermissions(IdisValue.ADMIN_ONLY),
                IdisValue.admin(100, 0x0400, IdisTestNode.SM2_PEM.handle(), 300)));
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @BeforeEach
    void capture() {
        node.captureSecurityLog();
    }

    static String token(IdisIdentity id, long timestampMillis) {
        return IdisCrypto.identityToken(id.keys().getPrivate(), id.handle(), id.index(), NONCES.incrementAndGet(),
                timestampMillis);
    }

    static IdisReply resolve(IdisWireClient c, List<Integer> indexes, String token, int flags) throws Exception {
        IdisReply r = c.resolve(RESTRICTED, indexes, List.of(), token, flags);
        assertThat(r.opCode()).isEqualTo(OC_RESOLUTION);
        assertThat(r.requestId()).isEqualTo(c.lastRequestId);
        return r;
    }

    @Test
    void anonymousReadsArePublicOnly() throws Exception {
        try (IdisWireClient anonymous = node.connect(0); IdisWireClient idisAnonymous = node.connect(10001)) {
            assertThat(resolve(anonymous, List.of(), "", DEFAULT_FLAGS).indexes()).containsExactlyElementsOf(PUBLIC);
            assertThat(resolve(idisAnonymous, List.of(), "", DEFAULT_FLAGS).indexes())
                    .containsExactlyElementsOf(PUBLIC);
            assertThat(resolve(idisAnonymous, List.of(2), "", DEFAULT_FLAGS).responseCode()).isEqualTo(200);
            // PO clear and a restricted value asked for: the standard challenge (§5.6 last point)
            IdisReply challenged = resolve(idisAnonymous, List.of(2), "", REC | CA);
            assertThat(challenged.responseCode()).isEqualTo(402);
            assertThat(challenged.sessionId()).isEqualTo(10001);
        }
    }

    /** A6: logged in with READ_VALUE, PO set: the restricted values that identity may read, and nothing more. */
    @Test
    void aLoggedInIdentityReadsItsRestrictedValuesDespitePo() throws Exception {
        try (IdisWireClient c = node.loggedIn(IdisTestNode.SM2_PEM, 10001)) {
            IdisReply r = resolve(c, List.of(), "", DEFAULT_FLAGS);
            assertThat(r.responseCode()).isEqualTo(1);
            assertThat(r.indexes()).containsExactlyElementsOf(READABLE);
            assertThat(r.values().get(1).text()).isEqualTo("secret@example.cn");
            assertThat(resolve(c, List.of(2), "", DEFAULT_FLAGS).indexes()).containsExactly(2);
            // PO clear: the CNRI rules with the bound identity, never a challenge
            assertThat(resolve(c, List.of(1, 2), "", REC | CA).indexes()).containsExactly(1, 2);
            assertThat(resolve(c, List.of(), "", REC | CA).responseCode()).as("value 3 is readable by nobody")
                    .isEqualTo(401);
        }
    }

    @Test
    void aLoggedInIdentityWithoutReadValueSeesPublicValuesOnly() throws Exception {
        try (IdisWireClient c = node.loggedIn(IdisTestNode.SM2_DER, 10001)) {
            assertThat(resolve(c, List.of(), "", DEFAULT_FLAGS).indexes()).containsExactlyElementsOf(PUBLIC);
            assertThat(resolve(c, List.of(2), "", DEFAULT_FLAGS).responseCode()).isEqualTo(200);
            IdisReply refused = resolve(c, List.of(2), "", REC | CA);
            assertThat(refused.responseCode()).as("not an admin: 400, never a challenge").isEqualTo(400);
        }
    }

    /** §8.2: a fresh RS256 token of an identity with READ_VALUE, on a connection without login. */
    @Test
    void aValidTokenReadsAsItsIdentity() throws Exception {
        try (IdisWireClient c = node.connect(0)) {
            long now = node.clock.millis();
            IdisReply r = resolve(c, List.of(), token(IdisTestNode.RSA_BLOB, now), DEFAULT_FLAGS | TOKEN);
            assertThat(r.responseCode()).isEqualTo(1);
            assertThat(r.indexes()).containsExactlyElementsOf(READABLE);
            // an identity whose key is bare PEM text
            assertThat(resolve(c, List.of(), token(IdisTestNode.RSA_PEM, now), DEFAULT_FLAGS | TOKEN).indexes())
                    .containsExactlyElementsOf(READABLE);
            // within the window on either side of the node's clock
            assertThat(resolve(c, List.of(), token(IdisTestNode.RSA_BLOB, now - 299_000), DEFAULT_FLAGS | TOKEN)
                    .indexes()).containsExactlyElementsOf(READABLE);
            assertThat(resolve(c, List.of(), token(IdisTestNode.RSA_BLOB, now + 299_000), DEFAULT_FLAGS | TOKEN)
                    .indexes()).containsExactlyElementsOf(READABLE);
            // PO clear with a token: the token's identity, no challenge
            assertThat(resolve(c, List.of(1, 2), token(IdisTestNode.RSA_BLOB, now), REC | CA | TOKEN).indexes())
                    .containsExactly(1, 2);
        }
    }

    /** §8.2 step 4: failing tokens leave the resolution anonymous — never an error — and are logged. */
    @Test
    void failingTokensAreIgnoredAndLogged() throws Exception {
        long now = node.clock.millis();
        IdisIdentity forger = IdisTestNode.RSA_BLOB.withKeys(IdisTestNode.RSA_KEY_2);
        try (IdisWireClient c = node.connect(0)) {
            for (String bad : List.of(token(forger, now), token(IdisTestNode.RSA_BLOB, now - 301_000),
                    token(IdisTestNode.RSA_BLOB, now + 301_000), "not.a.jwt", "x")) {
                IdisReply r = resolve(c, List.of(), bad, DEFAULT_FLAGS | TOKEN);
                assertThat(r.responseCode()).as(bad).isEqualTo(1);
                assertThat(r.indexes()).as(bad).containsExactlyElementsOf(PUBLIC);
            }
            // a valid token of an identity without READ_VALUE on the record: public values only
            assertThat(c.resolve(OTHER, List.of(), List.of(), token(IdisTestNode.RSA_PEM, now), DEFAULT_FLAGS | TOKEN)
                    .indexes()).containsExactly(1, 100);
        }
        assertThat(node.securityLog()).filteredOn(l -> l.startsWith("identity token ignored")).hasSizeGreaterThanOrEqualTo(5)
                .anySatisfy(l -> assertThat(l).contains("stale"))
                .anySatisfy(l -> assertThat(l).contains("identity=300:88.888/rsauser").contains("no key"));
    }

    /** idis.rejectTokenReplays: the same (identity, nonce) inside the window is accepted once. */
    @Test
    void aReplayedTokenIsIgnored() throws Exception {
        String once = token(IdisTestNode.RSA_BLOB, node.clock.millis());
        try (IdisWireClient a = node.connect(0); IdisWireClient b = node.connect(0)) {
            assertThat(resolve(a, List.of(), once, DEFAULT_FLAGS | TOKEN).indexes()).containsExactlyElementsOf(READABLE);
            assertThat(resolve(b, List.of(), once, DEFAULT_FLAGS | TOKEN).indexes()).containsExactlyElementsOf(PUBLIC);
        }
        assertThat(node.securityLog()).anySatisfy(l -> assertThat(l).contains("replayed"));
    }

    /** The token counts only with flag 0x00000004 (§8.2 step 1); an empty token with the flag is anonymous. */
    @Test
    void theTokenNeedsTheFlag() throws Exception {
        try (IdisWireClient c = node.connect(0)) {
            assertThat(resolve(c, List.of(), token(IdisTestNode.RSA_BLOB, node.clock.millis()), DEFAULT_FLAGS)
                    .indexes()).containsExactlyElementsOf(PUBLIC);
            assertThat(resolve(c, List.of(), "", DEFAULT_FLAGS | TOKEN).indexes()).containsExactlyElementsOf(PUBLIC);
        }
    }

    /** The window follows the node's clock. */
    @Test
    void tokensAgeOnTheNodeClock() throws Exception {
        String t = token(IdisTestNode.RSA_BLOB, node.clock.millis());
        node.clock.advance(Duration.ofSeconds(301));
        try (IdisWireClient c = node.connect(0)) {
            assertThat(resolve(c, List.of(), t, DEFAULT_FLAGS | TOKEN).indexes()).containsExactlyElementsOf(PUBLIC);
        }
    }
}
