package cn.idnode.crypto;

import cn.idnode.protocol.ByteString;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * The identity token of an IDIS resolution (idis-extensions.md §8.2): a compact JWS, RS256, header
 * {@code {"alg":"RS256","typ":"JWT"}}, claims {@code user_index} (int), {@code user_handle} (string),
 * {@code nonce} (long) and {@code timestamp} (long, milliseconds since 1970).
 *
 * <p>Design note. {@link #parse} reads the token without trusting it, so the caller can find the identity's key
 * ({@code user_index:user_handle}); {@link #verify} then checks the RS256 signature against that key and only then
 * returns the claims. Parsing is bounded and strict: at most {@value #MAX_TOKEN_LENGTH} bytes, exactly three
 * base64url parts, JSON objects with no duplicate members, shallow nesting and short strings, claims of exactly the
 * JSON types above (integral numbers in range, a non-empty handle); other members are ignored, a {@code crit} header
 * is refused. Freshness ({@link Claims#isFresh}) and nonce replay are the caller's policy. Thread-safe.
 */
public final class IdentityToken {
    public static final int MAX_TOKEN_LENGTH = 8192;
    private static final int MAX_HANDLE_LENGTH = 2048;
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxStringLength(4096)
                            .maxNumberLength(32).maxDocumentLength(MAX_TOKEN_LENGTH).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The token's claims. */
    public record Claims(int userIndex, String userHandle, long nonce, long timestamp) {
        public Claims {
            Objects.requireNonNull(userHandle);
        }

        /** True if {@code timestamp} is within {@code window} of {@code now} (either direction). */
        public boolean isFresh(Instant now, Duration window) {
            try {
                return Math.absExact(Math.subtractExact(now.toEpochMilli(), timestamp)) <= window.toMillis();
            } catch (ArithmeticException e) {
                return false;
            }
        }
    }

    private final byte[] signingInput;
    private final byte[] signature;
    private final Claims claims;

    private IdentityToken(byte[] signingInput, byte[] signature, Claims claims) {
        this.signingInput = signingInput;
        this.signature = signature;
        this.claims = claims;
    }

    /** Parses a token without verifying it. */
    public static IdentityToken parse(ByteString token) throws IdentityTokenException {
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw malformed("token of " + token.length() + " bytes (1–" + MAX_TOKEN_LENGTH + " allowed)");
        }
        for (int i = 0; i < token.length(); i++) {
            if (token.byteAt(i) < 0x21 || token.byteAt(i) > 0x7E) {
                throw malformed("token contains a byte outside printable ASCII");
            }
        }
        String text = new String(token.toByteArray(), StandardCharsets.US_ASCII);
        int dot1 = text.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : text.indexOf('.', dot1 + 1);
        if (dot1 <= 0 || dot2 <= dot1 + 1 || dot2 == text.length() - 1 || text.indexOf('.', dot2 + 1) >= 0) {
            throw malformed("a compact JWS has three non-empty base64url parts");
        }
        JsonNode header = json(decode(text.substring(0, dot1), "header"), "header");
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual() || !alg.textValue().equals("RS256")) {
            throw new IdentityTokenException(IdentityTokenException.Reason.UNSUPPORTED_ALGORITHM,
                    "token algorithm must be RS256");
        }
        if (header.has("crit")) {
            throw new IdentityTokenException(IdentityTokenException.Reason.UNSUPPORTED_ALGORITHM,
                    "critical header extensions are not supported");
        }
        JsonNode typ = header.get("typ");
        if (typ != null && !typ.isTextual()) {
            throw malformed("header typ must be a string");
        }
        Claims claims = claims(json(decode(text.substring(dot1 + 1, dot2), "payload"), "payload"));
        byte[] sig = decode(text.substring(dot2 + 1), "signature");
        return new IdentityToken(text.substring(0, dot2).getBytes(StandardCharsets.US_ASCII), sig, claims);
    }

    /** The claims, not yet verified: use them only to find the key for {@link #verify}. */
    public Claims unverifiedClaims() {
        return claims;
    }

    /** Verifies the RS256 signature with the identity's key and returns the claims. */
    public Claims verify(IdentityKey key) throws IdentityTokenException {
        if (!(key instanceof IdentityKey.Rsa rsa)) {
            throw new IdentityTokenException(IdentityTokenException.Reason.WRONG_KEY,
                    "RS256 tokens need an RSA key, the identity has " + key.kind());
        }
        boolean ok;
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(rsa.key());
            s.update(signingInput);
            ok = s.verify(signature);
        } catch (InvalidKeyException | java.security.SignatureException | RuntimeException e) {
            ok = false;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA256withRSA", e);
        }
        if (!ok) {
            throw new IdentityTokenException(IdentityTokenException.Reason.BAD_SIGNATURE,
                    "token signature does not verify");
        }
        return claims;
    }

    /** A token as the id-pointer SDK makes it (for tests and tools). */
    public static String create(Claims claims, RSAPrivateKey key) throws GeneralSecurityException {
        ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        ObjectNode payload = JSON.createObjectNode().put("user_index", claims.userIndex())
                .put("user_handle", claims.userHandle()).put("nonce", claims.nonce())
                .put("timestamp", claims.timestamp());
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input;
        try {
            input = b64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + b64.encodeToString(JSON.writeValueAsBytes(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64.encodeToString(s.sign());
    }

    private static Claims claims(JsonNode payload) throws IdentityTokenException {
        JsonNode index = payload.get("user_index");
        JsonNode handle = payload.get("user_handle");
        if (index == null || !index.isIntegralNumber() || !index.canConvertToInt()) {
            throw malformed("claim user_index must be an int");
        }
        if (handle == null || !handle.isTextual() || handle.textValue().isEmpty()
                || handle.textValue().getBytes(StandardCharsets.UTF_8).length > MAX_HANDLE_LENGTH) {
            throw malformed("claim user_handle must be a non-empty string of at most " + MAX_HANDLE_LENGTH + " bytes");
        }
        return new Claims(index.intValue(), handle.textValue(), longClaim(payload, "nonce"),
                longClaim(payload, "timestamp"));
    }

    private static long longClaim(JsonNode payload, String name) throws IdentityTokenException {
        JsonNode n = payload.get(name);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw malformed("claim " + name + " must be a long");
        }
        return n.longValue();
    }

    private static byte[] decode(String part, String what) throws IdentityTokenException {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                throw malformed("token " + what + " is not unpadded base64url");
            }
        }
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw malformed("token " + what + " is not base64url");
        }
    }

    private static JsonNode json(byte[] bytes, String what) throws IdentityTokenException {
        try {
            JsonNode n = JSON.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw malformed("token " + what + " is not a JSON object");
            }
            return n;
        } catch (IOException | RuntimeException e) {
            throw new IdentityTokenException(IdentityTokenException.Reason.MALFORMED,
                    "token " + what + " is not valid JSON", e);
        }
    }

    private static IdentityTokenException malformed(String message) {
        return new IdentityTokenException(IdentityTokenException.Reason.MALFORMED, message);
    }
}
