package cn.idnode.server.http;

import cn.idnode.server.EmbeddedNode;
import cn.idnode.testing.JsonFixture;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A java.net.http client for a node's REST API over HTTPS — trusting exactly the node's self-signed certificate,
 * pinned from {@code <dataDir>/keys/} — and over plain HTTP.
 */
final class RestClient {
    final EmbeddedNode node;
    final X509Certificate certificate;
    final SSLContext tls;
    private final HttpClient https;
    private final HttpClient http = HttpClient.newHttpClient();

    RestClient(EmbeddedNode node) throws Exception {
        this.node = node;
        Path pem = node.server().httpsCertificateFile();
        try (InputStream in = Files.newInputStream(pem)) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("idnode", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        https = HttpClient.newBuilder().sslContext(tls).build();
    }

    record Response(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            return JsonFixture.parse(body);
        }

        int rc() {
            return json().path("responseCode").asInt();
        }

        /** The {@code WWW-Authenticate: Handle …} parameters (empty if there is none). */
        Map<String, String> handleChallenge() {
            for (String v : headers.allValues("WWW-Authenticate")) {
                if (v.startsWith("Handle ")) {
                    return params(v.substring(7));
                }
            }
            return Map.of();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    static Map<String, String> params(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(s);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    Response https(String method, String path, String json, String... headers) throws Exception {
        return send(https, node.httpsBase() + path, method, json, headers);
    }

    Response http(String method, String path, String json, String... headers) throws Exception {
        return send(http, node.httpBase() + path, method, json, headers);
    }

    private static Response send(HttpClient client, String url, String method, String json, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(java.time.Duration.ofSeconds(20)).method(method, json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.headers(), r.body());
    }

    /** {@code Authorization: Basic} for {@code index:handle} with the minimal percent-encoding of §20.7. */
    static String[] basic(String identity, String secret) {
        int colon = identity.indexOf(':');
        String user = identity.substring(0, colon) + "%3A"
                + identity.substring(colon + 1).replace("%", "%25").replace(":", "%3A");
        return new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + secret).getBytes(StandardCharsets.UTF_8))};
    }

    static String[] session(String sessionId) {
        return new String[] {"Authorization", "Handle sessionId=\"" + sessionId + "\""};
    }

    /** The {@code Authorization: Handle} answer to {@code nonce} for an HS_PUBKEY identity ({@code index:handle}). */
    static String handleAnswer(String sessionId, String identity, java.security.PrivateKey key, byte[] nonce,
                               byte[] cnonce) throws Exception {
        String handle = identity.substring(identity.indexOf(':') + 1);
        byte[] sig = cn.idnode.crypto.ChallengeAnswers.signHttp(key, "SHA256", cn.idnode.protocol.ByteString.utf8(handle),
                nonce, cnonce);
        return "Handle sessionId=\"" + sessionId + "\", id=\"" + identity.replace("%", "%25").replace(":", "%3A")
                .replace("/", "%2F") + "\", type=\"HS_PUBKEY\", cnonce=\"" + b64(cnonce) + "\", alg=\"SHA256\", "
                + "signature=\"" + b64(sig) + "\"";
    }

    /** A new session authenticated by challenge–response with a key pair identity; returns its id. */
    String login(String identity, java.security.PrivateKey key) throws Exception {
        Response created = https("POST", "/api/sessions", null);
        if (created.status() != 201) {
            throw new AssertionError("POST /api/sessions: " + created);
        }
        String sessionId = created.json().path("sessionId").asText();
        byte[] nonce = Base64.getDecoder().decode(created.json().path("nonce").asText());
        Response r = https("GET", "/api/sessions/this", null, "Authorization",
                handleAnswer(sessionId, identity, key, nonce, random(16)));
        if (!r.json().path("authenticated").asBoolean()) {
            throw new AssertionError("login as " + identity + ": " + r);
        }
        return sessionId;
    }

    java.security.PrivateKey adminKey() throws Exception {
        return cn.idnode.crypto.PrivateKeyFiles.decode(Files.readAllBytes(node.server().adminKeyFile()));
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new java.security.SecureRandom().nextBytes(b);
        return b;
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static List<String> list(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
