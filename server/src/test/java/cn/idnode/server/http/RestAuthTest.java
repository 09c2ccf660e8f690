package cn.idnode.server.http;

import static cn.idnode.server.http.RestClient.b64;
import static cn.idnode.server.http.RestClient.basic;
import static cn.idnode.server.http.RestClient.random;
import static cn.idnode.server.http.RestClient.session;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.idnode.crypto.ChallengeAnswers;
import cn.idnode.crypto.KeyBlobs;
import cn.idnode.crypto.SecretKeyAnswer;
import cn.idnode.protocol.AdminValue;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ValuePermissions;
import cn.idnode.protocol.ValueReference;
import cn.idnode.server.EmbeddedNode;
import cn.idnode.server.TestRecords;
import cn.idnode.testing.FakeClock;
import cn.idnode.testing.JsonFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * REST authentication (handle-protocol.md §20.7) over real HTTPS with the node's pinned self-signed certificate:
 * Basic with a secret-key identity, {@code Authorization: Handle} challenge–response with the node's RSA administrator
 * key, the Sessions API, server proofs, verifications, refusals over plain HTTP, rate limiting, security log lines.
 */
class RestAuthTest {
    static final String USER = "300:88.888/user";
    static final String SECRET = "s3cr3t-key";
    static final String ADMIN = "300:0.NA/88.888";
    static final String VALUES = "[{\"index\":1,\"type\":\"URL\",\"data\":\"https://example.cn/a\"}]";

    @TempDir
    static Path dir;
    static FakeClock clock = FakeClock.atFixtureTime();
    static EmbeddedNode node;
    static RestClient client;
    static PrivateKey adminKey;
    static ListAppender<ILoggingEvent> securityLog = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        node = EmbeddedNode.start(dir, clock, Map.of("http.publicPrefixList", "false", "auth.failedAuthPerMinute",
                "20"));
        int ts = (int) clock.instant().getEpochSecond();
        TestRecords.put(node.server().node(), "88.888/user", List.of(
                HandleValue.text(300, "HS_SECKEY", SECRET).withTimestamp(ts).withPermissions(ValuePermissions.SECRET),
                HandleValue.of(100, "HS_ADMIN", AdminValue.of(0x0FF2, ValueReference.of(300, "88.888/user"))
                        .encode()).withTimestamp(ts)));
        client = new RestClient(node);
        adminKey = client.adminKey();
        securityLog.start();
        ((Logger) LoggerFactory.getLogger("idnode.security")).addAppender(securityLog);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger("idnode.security")).detachAppender(securityLog);
        node.close();
    }

    @Test
    void httpsServesASelfSignedCertificateForTheSiteKey() throws Exception {
        PublicKey site = KeyBlobs.decodePublicKey(ByteString.wrap(Files.readAllBytes(
                dir.resolve("keys/sitepubkey.bin"))));
        assertThat(client.certificate.getPublicKey()).isEqualTo(site);
        assertThat(node.server().httpsCertificateFile()).isEqualTo(dir.resolve("keys/https-certificate.pem"));
        assertThat(node.server().httpsPort()).isPositive().isNotEqualTo(node.server().httpPort());
        RestClient.Response r = client.https("GET", "/api/site", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(node.server().banner()).contains("HTTPS        https://127.0.0.1:" + node.server().httpsPort());
    }

    @Test
    void unauthenticatedWritesGetAHandleChallenge() throws Exception {
        RestClient.Response r = client.https("PUT", "/api/handles/88.888/needs-auth", VALUES);
        assertThat(r.status()).isEqualTo(401);
        JsonFixture.assertMatches("/rest/auth/authentication-needed.json", r.body());
        Map<String, String> challenge = r.handleChallenge();
        assertThat(challenge.get("sessionId")).hasSizeGreaterThanOrEqualTo(20);
        assertThat(Base64.getDecoder().decode(challenge.get("nonce"))).hasSize(16);
        assertThat(r.headers().allValues("WWW-Authenticate")).contains("Basic realm=\"handle\"");
        // XHR clients are not offered Basic (no browser dialog)
        RestClient.Response xhr = client.https("PUT", "/api/handles/88.888/needs-auth", VALUES,
                "X-Requested-With", "XMLHttpRequest");
        assertThat(xhr.headers().allValues("WWW-Authenticate")).hasSize(1).allMatch(v -> v.startsWith("Handle "));
    }

    @Test
    void plainHttpRefusesAuthenticationWith403() throws Exception {
        RestClient.Response basicOverHttp = client.http("PUT", "/api/handles/88.888/plain", VALUES,
                basic(USER, SECRET));
        assertThat(basicOverHttp.status()).isEqualTo(403);
        JsonFixture.assertJsonEquals("{\"responseCode\":402,\"message\":\"authentication is accepted over HTTPS only"
                + " (port " + node.server().httpsPort() + ")\"}", basicOverHttp.body());
        RestClient.Response anonymous = client.http("PUT", "/api/handles/88.888/plain", VALUES);
        assertThat(anonymous.status()).isEqualTo(403);
        assertThat(anonymous.rc()).isEqualTo(402);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(client.http("POST", "/api/sessions", null).status()).isEqualTo(403);
        assertThat(client.http("GET", "/api/handles?prefix=88.888", null).status()).isEqualTo(403);
        // reading public values needs no authentication and still works
        assertThat(client.http("GET", "/api/handles/88.888/user", null).status()).isEqualTo(200);
    }

    @Test
    void basicAuthenticationWithASecretKey() throws Exception {
        RestClient.Response own = client.https("GET", "/api/handles/88.888/user", null, basic(USER, SECRET));
        assertThat(own.status()).isEqualTo(200);
        // authenticated: publicOnly defaults to false, and the identity may read its own restricted key
        assertThat(own.json().path("values").findValuesAsText("type")).contains("HS_SECKEY");
        assertThat(client.https("GET", "/api/handles/88.888/user", null).json().path("values")
                .findValuesAsText("type")).doesNotContain("HS_SECKEY");

        int logged = securityLog.list.size();
        RestClient.Response wrong = client.https("GET", "/api/handles/88.888/user", null, basic(USER, "guess"));
        assertThat(wrong.status()).isEqualTo(401);
        JsonFixture.assertMatches("/rest/auth/wrong-secret.json", wrong.body());
        assertThat(wrong.handleChallenge()).containsKeys("sessionId", "nonce", "error");
        RestClient.Response unknown = client.https("GET", "/api/handles/88.888/user", null,
                basic("300:88.888/nobody-here", SECRET));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.rc()).isEqualTo(403);
        RestClient.Response foreign = client.https("GET", "/api/handles/88.888/user", null,
                basic("300:99.1/admin", SECRET));
        assertThat(foreign.status()).isEqualTo(401);
        assertThat(foreign.json().path("message").asText()).contains("not served by this node");
        RestClient.Response garbage = client.https("GET", "/api/site", null, "Authorization", "Basic !!!");
        assertThat(garbage.status()).isEqualTo(401);
        JsonFixture.assertJsonEquals("{\"responseCode\":403,\"message\":\"Basic credentials are not Base64\"}",
                garbage.body());

        List<String> lines = securityLog.list.subList(logged, securityLog.list.size()).stream()
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("identity=300:88.888/user", "source=127.0.0.1", "GET /api/handles/88.888/user",
                "surface=rest-https", "the secret key does not match");
        assertThat(String.join("\n", lines)).doesNotContain(SECRET).doesNotContain("guess");
    }

    @Test
    void challengeResponseWithTheAdministratorKey() throws Exception {
        RestClient.Response first = client.https("PUT", "/api/handles/88.888/by-admin", VALUES);
        assertThat(first.status()).isEqualTo(401);
        String sessionId = first.handleChallenge().get("sessionId");
        byte[] nonce = Base64.getDecoder().decode(first.handleChallenge().get("nonce"));
        String answer = RestClient.handleAnswer(sessionId, ADMIN, adminKey, nonce, random(16));

        RestClient.Response created = client.https("PUT", "/api/handles/88.888/by-admin", VALUES, "Authorization",
                answer);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonFixture.assertJsonEquals("{\"responseCode\":1,\"handle\":\"88.888/by-admin\"}", created.body());
        // later requests name the session only; repeating the same answer is recognised, not re-verified
        assertThat(client.https("PUT", "/api/handles/88.888/by-admin", VALUES, session(sessionId)).status())
                .isEqualTo(200);
        assertThat(client.https("PUT", "/api/handles/88.888/by-admin", VALUES, "Authorization", answer).status())
                .isEqualTo(200);
        // the nonce was used up: a new answer over it (another cnonce) does not authenticate again
        RestClient.Response replay = client.https("DELETE", "/api/handles/88.888/by-admin", null, "Authorization",
                RestClient.handleAnswer(sessionId, ADMIN, adminKey, nonce, random(16)));
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.rc()).isEqualTo(403);
        assertThat(replay.handleChallenge().get("sessionId")).isEqualTo(sessionId);
        assertThat(replay.handleChallenge().get("nonce")).isNotEqualTo(b64(nonce));
        // a signature over this session's nonce does not work in another session
        String other = client.https("POST", "/api/sessions", null).json().path("sessionId").asText();
        RestClient.Response moved = client.https("DELETE", "/api/handles/88.888/by-admin", null, "Authorization",
                RestClient.handleAnswer(other, ADMIN, adminKey, nonce, random(16)));
        assertThat(moved.status()).isEqualTo(401);

        RestClient.Response unknown = client.https("DELETE", "/api/handles/88.888/by-admin", null,
                session("no-such-session"));
        assertThat(unknown.status()).isEqualTo(401);
        JsonFixture.assertMatches("/rest/auth/unknown-session.json", unknown.body());
        assertThat(unknown.handleChallenge().get("sessionId")).isNotEqualTo("no-such-session");

        // the authenticated session still works, until it has been idle for 1800 s
        assertThat(client.https("GET", "/api/sessions/this", null, session(sessionId)).json()
                .path("authenticated").asBoolean()).isTrue();
        clock.advance(Duration.ofSeconds(1801));
        RestClient.Response expired = client.https("DELETE", "/api/handles/88.888/by-admin", null,
                session(sessionId));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().path("message").asText()).contains("unknown or expired sessionId");
    }

    @Test
    void secretKeyAnswersInTheHandleScheme() throws Exception {
        for (String alg : List.of("HMAC-SHA256", "SHA1", "PBKDF2-HMAC-SHA1")) {
            RestClient.Response s = client.https("POST", "/api/sessions", null);
            String id = s.json().path("sessionId").asText();
            byte[] nonce = Base64.getDecoder().decode(s.json().path("nonce").asText());
            byte[] cnonce = random(16);
            SecretKeyAnswer a = ChallengeAnswers.httpSecretKeyAnswer(SECRET.getBytes(StandardCharsets.UTF_8), alg,
                    nonce, cnonce);
            String header = "Handle sessionId=\"" + id + "\", id=\"300%3A88.888%2Fuser\", type=\"HS_SECKEY\", cnonce=\""
                    + b64(cnonce) + "\", alg=\"" + alg + "\", signature=\"" + b64(a.mac().toByteArray()) + "\""
                    + (a.salt().isEmpty() ? "" : ", salt=\"" + b64(a.salt().toByteArray()) + "\", iterations=\""
                    + a.iterations() + "\", length=\"" + a.keyLengthBits() + "\"");
            RestClient.Response r = client.https("GET", "/api/sessions/this", null, "Authorization", header);
            assertThat(r.status()).as(alg + " " + r).isEqualTo(200);
            assertThat(r.json().path("id").asText()).isEqualTo(USER);
        }
    }

    @Test
    void sessionsApiWithServerProofAndJsonAnswer() throws Exception {
        byte[] cnonce = random(16);
        RestClient.Response created = client.https("POST", "/api/sessions", null, "Authorization",
                "Handle cnonce=\"" + b64(cnonce) + "\"");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/sessions/this");
        JsonNode c = created.json();
        assertThat(c.path("authenticated").asBoolean()).isFalse();
        assertThat(c.path("serverAlg").asText()).isEqualTo("SHA256");
        byte[] nonce = Base64.getDecoder().decode(c.path("nonce").asText());
        Signature check = Signature.getInstance("SHA256withRSA");
        check.initVerify(client.certificate.getPublicKey());
        check.update(nonce);
        check.update(cnonce);
        assertThat(check.verify(Base64.getDecoder().decode(c.path("serverSignature").asText()))).isTrue();

        String sessionId = c.path("sessionId").asText();
        byte[] clientNonce = random(16);
        ObjectNode answer = RestReply.F.objectNode().put("sessionId", sessionId).put("id", ADMIN)
                .put("type", "HS_PUBKEY").put("cnonce", b64(clientNonce)).put("alg", "SHA256")
                .put("signature", b64(ChallengeAnswers.signHttp(adminKey, "SHA256", ByteString.utf8("0.NA/88.888"),
                        nonce, clientNonce)));
        RestClient.Response put = client.https("PUT", "/api/sessions/this", answer.toString());
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        ObjectNode shown = (ObjectNode) put.json();
        assertThat(shown.remove("nonce").asText()).isNotEqualTo(b64(nonce));
        JsonFixture.assertJsonEquals("{\"sessionId\":\"" + sessionId + "\",\"authenticated\":true,\"id\":\"" + ADMIN
                + "\"}", shown.toString());
        assertThat(client.https("GET", "/api/sessions/this", null, session(sessionId)).json()
                .path("authenticated").asBoolean()).isTrue();
        // the session is the administrator's: prefix listing needs a server administrator here
        assertThat(client.https("GET", "/api/prefixes", null, session(sessionId)).status()).isEqualTo(200);

        RestClient.Response deleted = client.https("DELETE", "/api/sessions/this", null, session(sessionId));
        assertThat(deleted.status()).isEqualTo(204);
        RestClient.Response gone = client.https("GET", "/api/sessions/this", null, session(sessionId));
        assertThat(gone.status()).isEqualTo(403);
        assertThat(gone.rc()).isEqualTo(500);

        RestClient.Response withBasic = client.https("POST", "/api/sessions", null, basic(USER, SECRET));
        assertThat(withBasic.status()).isEqualTo(201);
        assertThat(withBasic.json().path("id").asText()).isEqualTo(USER);
        String basicSession = withBasic.json().path("sessionId").asText();
        assertThat(client.https("GET", "/api/handles/88.888/user", null, session(basicSession)).json()
                .path("values").findValuesAsText("type")).contains("HS_SECKEY");

        String fresh = client.https("POST", "/api/sessions", null).json().path("sessionId").asText();
        RestClient.Response refused = client.https("PUT", "/api/sessions/this", "{\"sessionId\":\"" + fresh + "\"}",
                basic(USER, "wrong"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("authenticated").asBoolean()).isFalse();
        assertThat(refused.json().path("error").asText()).contains("the secret key does not match");
        assertThat(client.https("POST", "/api/sessions", "{\"sessionId\":\"" + fresh + "\"}").status())
                .isEqualTo(400);
    }

    @Test
    void serverProofOnAnyRequest() throws Exception {
        String sessionId = client.https("POST", "/api/sessions", null).json().path("sessionId").asText();
        byte[] cnonce = random(16);
        RestClient.Response r = client.https("GET", "/api/site", null, "Authorization",
                "Handle sessionId=\"" + sessionId + "\", cnonce=\"" + b64(cnonce) + "\"");
        assertThat(r.status()).isEqualTo(200);
        Map<String, String> proof = r.handleChallenge();
        assertThat(proof.get("sessionId")).isEqualTo(sessionId);
        Signature check = Signature.getInstance("SHA256withRSA");
        check.initVerify(client.certificate.getPublicKey());
        check.update(Base64.getDecoder().decode(proof.get("nonce")));
        check.update(cnonce);
        assertThat(check.verify(Base64.getDecoder().decode(proof.get("serverSignature")))).isTrue();
    }

    @Test
    void verificationsForOtherServers() throws Exception {
        byte[] nonce = random(16);
        byte[] cnonce = random(16);
        for (String alg : List.of("HMAC-SHA256", "PBKDF2-HMAC-SHA1")) {
            SecretKeyAnswer a = ChallengeAnswers.httpSecretKeyAnswer(SECRET.getBytes(StandardCharsets.UTF_8), alg,
                    nonce, cnonce);
            String q = "?nonce=" + enc(b64(nonce)) + "&cnonce=" + enc(b64(cnonce)) + "&alg=" + alg + "&signature="
                    + enc(b64(a.mac().toByteArray())) + (a.salt().isEmpty() ? "" : "&salt="
                    + enc(b64(a.salt().toByteArray())) + "&iterations=" + a.iterations() + "&length="
                    + a.keyLengthBits());
            RestClient.Response ok = client.https("GET", "/api/verifications/300:88.888/user" + q, null);
            JsonFixture.assertMatches("/rest/auth/verification-valid.json", ok.body());
            assertThat(client.http("GET", "/api/verifications/88.888%2Fuser" + q + "&index=300", null).json()
                    .path("isValid").asBoolean()).isTrue();
        }
        String bad = "?nonce=" + enc(b64(nonce)) + "&cnonce=" + enc(b64(cnonce)) + "&alg=HMAC-SHA256&signature="
                + enc(b64(random(32)));
        RestClient.Response invalid = client.https("GET", "/api/verifications/300:88.888/user" + bad, null);
        assertThat(invalid.status()).isEqualTo(200);
        JsonFixture.assertJsonEquals("{\"responseCode\":1,\"isValid\":false}", invalid.body());
        RestClient.Response foreign = client.https("GET", "/api/verifications/300:99.1/user" + bad, null);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.rc()).isEqualTo(301);
        RestClient.Response noIndex = client.https("GET", "/api/verifications/88.888/user" + bad, null);
        assertThat(noIndex.status()).isEqualTo(400);
        RestClient.Response badAlg = client.https("GET", "/api/verifications/300:88.888/user"
                + bad.replace("HMAC-SHA256", "ROT13"), null);
        assertThat(badAlg.status()).isEqualTo(400);
        assertThat(badAlg.rc()).isEqualTo(4);
    }

    /** Failed authentications are counted per source address; past the limit (20 here) the answer is 429. */
    @Test
    void failedAuthenticationsAreRateLimitedPerAddress() throws Exception {
        InetAddress other = InetAddress.getByName("127.0.0.2");
        int last = 0;
        for (int i = 0; i < 21; i++) {
            last = rawStatus(other, "GET /api/site HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                    + basic(USER, "guess-" + i)[1] + "\r\nConnection: close\r\n\r\n");
            assertThat(last).isIn(401, 429);
        }
        assertThat(last).isEqualTo(429);
        // other addresses are not affected
        assertThat(client.https("GET", "/api/handles/88.888/user", null, basic(USER, SECRET)).status())
                .isEqualTo(200);
    }

    /** An operator's own PEM certificate and key; and a management network that allows Basic over plain HTTP. */
    @Test
    void operatorCertificateAndAuthenticationOverPlainHttpWhenAllowed(@TempDir Path other) throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        java.security.KeyPair pair = g.generateKeyPair();
        Path cert = other.resolve("ops-cert.pem");
        Path key = other.resolve("ops-key.pem");
        TlsCertificate.loadOrCreate(cert, pair, "ops.example.cn", List.of("127.0.0.1"));
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        try (EmbeddedNode ops = EmbeddedNode.start(other.resolve("data"), clock, Map.of("http.tlsCertificate",
                cert.toString(), "http.tlsPrivateKey", key.toString(), "http.allowAuthOverPlainHttp", "true"))) {
            TestRecords.put(ops.server().node(), "88.888/user", List.of(HandleValue.text(300, "HS_SECKEY", SECRET)
                    .withPermissions(ValuePermissions.SECRET), HandleValue.of(100, "HS_ADMIN", AdminValue.of(0x0FF2,
                    ValueReference.of(300, "88.888/user")).encode())));
            RestClient c = new RestClient(ops);
            assertThat(c.certificate.getPublicKey()).isEqualTo(pair.getPublic());
            assertThat(Files.exists(other.resolve("data/keys/https-certificate.pem"))).isFalse();
            assertThat(c.https("GET", "/api/handles/88.888/user", null, basic(USER, SECRET)).json().path("values")
                    .findValuesAsText("type")).contains("HS_SECKEY");
            assertThat(c.http("GET", "/api/handles/88.888/user", null, basic(USER, SECRET)).json().path("values")
                    .findValuesAsText("type")).contains("HS_SECKEY");
            RestClient.Response challenge = c.http("PUT", "/api/handles/88.888/x", VALUES);
            assertThat(challenge.status()).isEqualTo(401);
            assertThat(challenge.handleChallenge()).containsKey("nonce");
            assertThat(c.http("POST", "/api/sessions", null).status()).isEqualTo(201);
        }
    }

    private static int rawStatus(InetAddress from, String request) throws Exception {
        try (SSLSocket s = (SSLSocket) client.tls.getSocketFactory().createSocket(InetAddress.getByName("127.0.0.1"),
                node.server().httpsPort(), from, 0)) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
