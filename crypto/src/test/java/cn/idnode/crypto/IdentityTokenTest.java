package cn.idnode.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.idnode.protocol.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The RS256 identity token of idis-extensions.md §8.2. */
class IdentityTokenTest {
    private static final IdentityToken.Claims CLAIMS =
            new IdentityToken.Claims(300, "88.888.1024/user1", 7_364_872_364_234L, 1_764_000_000_000L);

    @Test
    void roundTripsAndVerifies() throws Exception {
        String token = IdentityToken.create(CLAIMS, (RSAPrivateKey) TestKeys.RSA.getPrivate());
        assertThat(token.split("\\.")[0]).isEqualTo(b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"));
        IdentityToken t = IdentityToken.parse(ByteString.utf8(token));
        assertThat(t.unverifiedClaims()).isEqualTo(CLAIMS);
        assertThat(t.verify(IdentityKey.of(TestKeys.RSA.getPublic()))).isEqualTo(CLAIMS);
    }

    @Test
    void acceptsATokenBuiltByHandLikeTheSdk() throws Exception {
        String input = b64("{\"typ\":\"JWT\",\"alg\":\"RS256\"}") + "."
                + b64("{\"user_handle\":\"88.888.1024/user1\",\"nonce\":7364872364234,\"user_index\":300,"
                + "\"timestamp\":1764000000000,\"extra\":[1,2,{\"a\":null}]}");
        String token = input + "." + sign(input);
        assertThat(IdentityToken.parse(ByteString.utf8(token)).verify(IdentityKey.of(TestKeys.RSA.getPublic())))
                .isEqualTo(CLAIMS);
    }

    @Test
    void badSignaturesAndWrongKeysAreReported() throws Exception {
        String token = IdentityToken.create(CLAIMS, (RSAPrivateKey) TestKeys.RSA.getPrivate());
        String[] parts = token.split("\\.");
        String otherPayload = b64("{\"user_index\":300,\"user_handle\":\"88.888.1024/admin\",\"nonce\":1,"
                + "\"timestamp\":1764000000000}");
        IdentityToken forged = IdentityToken.parse(ByteString.utf8(parts[0] + "." + otherPayload + "." + parts[2]));
        assertThatThrownBy(() -> forged.verify(IdentityKey.of(TestKeys.RSA.getPublic())))
                .isInstanceOfSatisfying(IdentityTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(IdentityTokenException.Reason.BAD_SIGNATURE));
        IdentityToken t = IdentityToken.parse(ByteString.utf8(token));
        assertThatThrownBy(() -> t.verify(IdentityKey.of(TestKeys.SM2.getPublic())))
                .isInstanceOfSatisfying(IdentityTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(IdentityTokenException.Reason.WRONG_KEY));
        IdentityToken truncatedSig = IdentityToken.parse(ByteString.utf8(parts[0] + "." + parts[1] + ".AAAA"));
        assertThatThrownBy(() -> truncatedSig.verify(IdentityKey.of(TestKeys.RSA.getPublic())))
                .isInstanceOf(IdentityTokenException.class);
    }

    @Test
    void otherAlgorithmsAreRefused() throws Exception {
        String payload = b64("{\"user_index\":300,\"user_handle\":\"h\",\"nonce\":1,\"timestamp\":2}");
        for (String header : new String[] {"{\"alg\":\"none\"}", "{\"alg\":\"HS256\"}", "{\"alg\":\"rs256\"}",
            "{\"typ\":\"JWT\"}", "{\"alg\":\"RS256\",\"crit\":[\"exp\"]}"}) {
            assertThatThrownBy(() -> IdentityToken.parse(ByteString.utf8(b64(header) + "." + payload + ".AAAA")))
                    .as(header).isInstanceOfSatisfying(IdentityTokenException.class, e -> assertThat(e.reason())
                            .isEqualTo(IdentityTokenException.Reason.UNSUPPORTED_ALGORITHM));
        }
    }

    @Test
    void claimTypesAreStrict() {
        String header = b64("{\"alg\":\"RS256\"}");
        String[] payloads = {
            "{\"user_index\":\"300\",\"user_handle\":\"h\",\"nonce\":1,\"timestamp\":2}",
            "{\"user_index\":300.0,\"user_handle\":\"h\",\"nonce\":1,\"timestamp\":2}",
            "{\"user_index\":4294967296,\"user_handle\":\"h\",\"nonce\":1,\"timestamp\":2}",
            "{\"user_index\":300,\"user_handle\":\"\",\"nonce\":1,\"timestamp\":2}",
            "{\"user_index\":300,\"user_handle\":7,\"nonce\":1,\"timestamp\":2}",
            "{\"user_index\":300,\"user_handle\":\"h\",\"nonce\":1.5,\"timestamp\":2}",
            "{\"user_index\":300,\"user_handle\":\"h\",\"nonce\":99999999999999999999,\"timestamp\":2}",
            "{\"user_index\":300,\"user_handle\":\"h\",\"nonce\":1}",
            "{\"user_index\":300,\"user_index\":301,\"user_handle\":\"h\",\"nonce\":1,\"timestamp\":2}",
            "{\"user_index\":300,\"user_handle\":\"h\",\"nonce\":1,\"timestamp\":2} trailing",
            "[300]", "null", "", "{",
            "[".repeat(100) + "]".repeat(100),
        };
        for (String p : payloads) {
            assertThatThrownBy(() -> IdentityToken.parse(ByteString.utf8(header + "." + b64(p) + ".AAAA"))).as(p)
                    .isInstanceOfSatisfying(IdentityTokenException.class,
                            e -> assertThat(e.reason()).isEqualTo(IdentityTokenException.Reason.MALFORMED));
        }
    }

    @Test
    void framingIsStrict() {
        String h = b64("{\"alg\":\"RS256\"}");
        String p = b64("{\"user_index\":300,\"user_handle\":\"h\",\"nonce\":1,\"timestamp\":2}");
        String[] tokens = {"", h, h + "." + p, h + "." + p + ".", "." + p + ".AAAA", h + "..AAAA",
            h + "." + p + ".AA.AA", h + "." + p + ".AA==", h + "." + p + ".A+/A", h + " ." + p + ".AAAA",
            h + "." + p + "." + "A".repeat(IdentityToken.MAX_TOKEN_LENGTH)};
        for (String t : tokens) {
            assertThatThrownBy(() -> IdentityToken.parse(ByteString.utf8(t))).as(t.length() > 80 ? "long" : t)
                    .isInstanceOf(IdentityTokenException.class);
        }
    }

    @Test
    void freshnessIsAWindowAroundNow() {
        Instant now = Instant.ofEpochMilli(CLAIMS.timestamp());
        assertThat(CLAIMS.isFresh(now.plusSeconds(299), Duration.ofSeconds(300))).isTrue();
        assertThat(CLAIMS.isFresh(now.minusSeconds(300), Duration.ofSeconds(300))).isTrue();
        assertThat(CLAIMS.isFresh(now.plusSeconds(301), Duration.ofSeconds(300))).isFalse();
        assertThat(new IdentityToken.Claims(1, "h", 0, Long.MIN_VALUE).isFresh(now, Duration.ofDays(365))).isFalse();
        assertThat(new IdentityToken.Claims(1, "h", 0, Long.MAX_VALUE).isFresh(now, Duration.ofDays(365))).isFalse();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String sign(String input) throws Exception {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(TestKeys.RSA.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
    }
}
