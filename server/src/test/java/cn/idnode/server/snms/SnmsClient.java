package cn.idnode.server.snms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/** A plain HTTP client for the SNMS API, as an application would write one: JSON in, the envelope out. */
final class SnmsClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    SnmsClient(String base) {
        this.base = base;
    }

    /** An answer: HTTP status and the parsed body. */
    record Reply(int http, JsonNode body) {
        int status() {
            return body.path("status").asInt(Integer.MIN_VALUE);
        }

        String message() {
            return body.path("message").asText();
        }

        JsonNode data() {
            return body.path("data");
        }

        @Override
        public String toString() {
            return http + " " + body;
        }
    }

    Reply call(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        byte[] bytes = body == null ? null : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                : JSON.writeValueAsBytes(body);
        b.method(method, bytes == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(bytes));
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode parsed = r.body().length == 0 ? JSON.nullNode() : JSON.readTree(r.body());
        return new Reply(r.statusCode(), parsed);
    }

    Reply get(String path, String token) throws Exception {
        return call("GET", path, token, null);
    }

    Reply post(String path, String token, Object body) throws Exception {
        return call("POST", path, token, body);
    }

    Reply upload(String token, String name, byte[] content) throws Exception {
        String boundary = "----idnode" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(content);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/snms/api/file/upload"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build();
        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(r.statusCode(), JSON.readTree(r.body()));
    }

    String login(String user, String password) throws Exception {
        Reply r = post("/identity/token", null, JSON.createObjectNode().put("username", user).put("password", password));
        if (r.status() != 1) {
            throw new AssertionError("login of " + user + " failed: " + r);
        }
        return r.data().path("token").asText();
    }

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** A PRC resident ID number with a correct GB 11643 check character. */
    static String idCard(String first17) {
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * w[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    static byte[] png() {
        byte[] b = new byte[256];
        byte[] sig = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        System.arraycopy(sig, 0, b, 0, sig.length);
        return b;
    }
}
