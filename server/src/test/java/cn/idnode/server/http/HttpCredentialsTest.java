package cn.idnode.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.idnode.protocol.ValueReference;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The parsers of untrusted REST input: Authorization headers and PUT bodies (STYLE.md §9). */
class HttpCredentialsTest {

    @Test
    void basicUserIsIndexColonHandleWithMinimalPercentEncoding() {
        String token = Base64.getEncoder().encodeToString("300%3A88.888/a%253Ab:pa:ss 密".getBytes(StandardCharsets.UTF_8));
        HttpCredentials c = HttpCredentials.parse("Basic " + token).orElseThrow();
        assertThat(c).isInstanceOf(HttpCredentials.Basic.class);
        HttpCredentials.Basic b = (HttpCredentials.Basic) c;
        assertThat(b.identity()).isEqualTo(ValueReference.of(300, "88.888/a%3Ab"));
        assertThat(new String(b.password(), StandardCharsets.UTF_8)).isEqualTo("pa:ss 密");
        assertThat(b.toString()).doesNotContain("pa:ss");
        // raw UTF-8 in the user part, and no index (= any index)
        HttpCredentials.Basic raw = (HttpCredentials.Basic) HttpCredentials.parse("basic " + Base64.getEncoder()
                .encodeToString("88.888/用户:k".getBytes(StandardCharsets.UTF_8))).orElseThrow();
        assertThat(raw.identity()).isEqualTo(ValueReference.of(0, "88.888/用户"));
    }

    @Test
    void handleParametersQuotedOrNot() {
        HttpCredentials.Handle h = (HttpCredentials.Handle) HttpCredentials.parse("Handle sessionId=\"s1\", "
                + "ID=\"300%3A88.888%2Fadmin\",type=HS_PUBKEY , cnonce=ab/+==, alg=\"SHA\\\"256\"").orElseThrow();
        assertThat(h.get("sessionid")).hasValue("s1");
        assertThat(h.get("id")).hasValue("300:88.888/admin");
        assertThat(h.get("type")).hasValue("HS_PUBKEY");
        assertThat(h.get("cnonce")).hasValue("ab/+==");
        assertThat(h.get("alg")).hasValue("SHA\"256");
        assertThat(h.authenticating()).isTrue();
        assertThat(h.wantsServerProof()).isFalse();
        assertThat(((HttpCredentials.Handle) HttpCredentials.parse("Handle cnonce=\"x\"").orElseThrow())
                .wantsServerProof()).isTrue();
        // a JSON body fills what the header does not say; the header wins
        assertThat(h.with(java.util.Map.of("sessionId", "other", "signature", "sig")).get("sessionId")).hasValue("s1");
        assertThat(h.with(java.util.Map.of("signature", "sig")).get("signature")).hasValue("sig");
    }

    @Test
    void malformedHeadersAreReportedNotThrown() {
        assertThat(HttpCredentials.parse(null)).isEmpty();
        assertThat(HttpCredentials.parse("  ")).isEmpty();
        for (String bad : List.of("Bearer x", "Basic", "Basic ???", "Basic " + b64("no-colon"),
                "Basic " + b64("x:y:z".replace("x", "abc%3A")), "Handle", "Handle a", "Handle a=\"open",
                "Handle a=b c=d", "Handle =x", "Basic " + b64("12x%3Ah:pw"), "x".repeat(20_000))) {
            Optional<HttpCredentials> c = HttpCredentials.parse(bad);
            assertThat(c).as(bad.length() > 60 ? bad.substring(0, 60) : bad).get()
                    .isInstanceOf(HttpCredentials.Malformed.class);
        }
    }

    @Test
    void fuzzedHeadersNeverThrow() {
        Random random = new Random(20240501);
        String alphabet = "Handle Basic =\",\\%:/ abcAB0123456789+=\t\u00e9\u5bc6";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder(i % 2 == 0 ? "Handle " : "Basic ");
            int n = random.nextInt(80);
            for (int j = 0; j < n; j++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            HttpCredentials.parse(b.toString());
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            HttpCredentials.parse("Basic " + Base64.getEncoder().encodeToString(bytes));
        }
    }

    @Test
    void putBodiesAndIndexParameters() {
        assertThat(WriteRequests.isJson("application/json; charset=UTF-8")).isTrue();
        assertThat(WriteRequests.isJson("application/vnd.handle+json")).isTrue();
        assertThat(WriteRequests.isJson("text/plain")).isFalse();
        assertThat(WriteRequests.isJson(null)).isFalse();
        var one = WriteRequests.parse(Buffer.buffer("{\"index\":7,\"type\":\"URL\",\"data\":\"x\"}"));
        assertThat(WriteRequests.values(one, "88.888/a", 5)).singleElement()
                .satisfies(v -> assertThat(v.index()).isEqualTo(7));
        assertThatThrownBy(() -> WriteRequests.values(WriteRequests.parse(Buffer.buffer("{\"values\":{}}")), "h", 0))
                .isInstanceOf(JsonInputException.class).hasMessageContaining("must be an array");
        assertThatThrownBy(() -> WriteRequests.values(WriteRequests.parse(Buffer.buffer("{\"x\":1}")), "h", 0))
                .isInstanceOf(JsonInputException.class);
        assertThatThrownBy(() -> WriteRequests.parse(Buffer.buffer("[".repeat(40) + "]".repeat(40))))
                .isInstanceOf(JsonInputException.class).hasMessageContaining("nested too deeply");
        assertThatThrownBy(() -> WriteRequests.parse(Buffer.buffer("")))
                .isInstanceOf(JsonInputException.class);
        assertThat(WriteRequests.indexes(List.of())).isEmpty();
        assertThat(WriteRequests.indexes(List.of("various"))).hasValue(java.util.Set.of());
        assertThat(WriteRequests.indexes(List.of("1", "2,3"))).hasValue(java.util.Set.of(1, 2, 3));
        assertThatThrownBy(() -> WriteRequests.indexes(List.of("various", "1"))).isInstanceOf(JsonInputException.class);
        assertThatThrownBy(() -> WriteRequests.indexes(List.of("x"))).isInstanceOf(JsonInputException.class);
        assertThat(VerificationsApi.identity("300:88.888/u", List.of())).hasValue(ValueReference.of(300, "88.888/u"));
        assertThat(VerificationsApi.identity("88.888/u:x", List.of("5"))).hasValue(ValueReference.of(5, "88.888/u:x"));
        assertThat(VerificationsApi.identity("300:88.888/u", List.of("5"))).isEmpty();
        assertThat(VerificationsApi.identity("88.888/u", List.of())).isEmpty();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
