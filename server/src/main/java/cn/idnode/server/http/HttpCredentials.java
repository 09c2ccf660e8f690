package cn.idnode.server.http;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ValueReference;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a client presents in {@code Authorization} (handle-protocol.md §20.7), parsed without side effects: the input
 * is untrusted, so every malformed header is a {@link Malformed} with a reason, never an exception.
 *
 * <ul>
 *   <li>{@code Basic base64(user:password)}: user = {@code index%3Ahandle} (percent-encoded, raw UTF-8 tolerated),
 *       password = the HS_SECKEY bytes.</li>
 *   <li>{@code Handle k="v", k=v, …}: the parameters of the challenge–response; names are case-insensitive,
 *       {@code id} is percent-decoded (UTF-8). The same parameters may come from a JSON body (Sessions API), where
 *       {@code id} is not encoded.</li>
 * </ul>
 */
sealed interface HttpCredentials {
    int MAX_HEADER_LENGTH = 16 * 1024;

    record Basic(ValueReference identity, byte[] password) implements HttpCredentials {
        @Override
        public String toString() {
            return "Basic[" + identity + "]"; // never the password
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Basic b && b.identity.equals(identity) && Arrays.equals(b.password, password);
        }

        @Override
        public int hashCode() {
            return identity.hashCode();
        }
    }

    /** {@code Authorization: Handle …}; parameter names lower-cased. */
    record Handle(Map<String, String> params) implements HttpCredentials {
        public Handle {
            params = Map.copyOf(params);
        }

        Optional<String> get(String name) {
            return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
        }

        /** Carries an answer (CNRI: any of id, type, alg, signature). */
        boolean authenticating() {
            return params.containsKey("id") || params.containsKey("type") || params.containsKey("alg")
                    || params.containsKey("signature");
        }

        /** A cnonce without an identity: the client asks the server to prove its key. */
        boolean wantsServerProof() {
            return params.containsKey("cnonce") && !params.containsKey("id");
        }

        /** Header parameters win; {@code more} (a JSON body) fills the gaps. */
        Handle with(Map<String, String> more) {
            Map<String, String> all = new LinkedHashMap<>();
            more.forEach((k, v) -> all.put(k.toLowerCase(Locale.ROOT), v));
            all.putAll(params);
            return new Handle(all);
        }
    }

    record Malformed(String reason) implements HttpCredentials {}

    /** Empty when there is no header; a scheme other than Basic or Handle is {@link Malformed}. */
    static Optional<HttpCredentials> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        if (header.length() > MAX_HEADER_LENGTH) {
            return Optional.of(new Malformed("Authorization header longer than " + MAX_HEADER_LENGTH + " characters"));
        }
        String h = header.strip();
        int sp = indexOfWhitespace(h);
        String scheme = sp < 0 ? h : h.substring(0, sp);
        String rest = sp < 0 ? "" : h.substring(sp).strip();
        if (scheme.equalsIgnoreCase("Basic")) {
            return Optional.of(basic(rest));
        }
        if (scheme.equalsIgnoreCase("Handle")) {
            return Optional.of(handle(rest));
        }
        return Optional.of(new Malformed("unsupported authorization scheme (use Basic or Handle)"));
    }

    private static HttpCredentials basic(String token) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return new Malformed("Basic credentials are not Base64");
        }
        int colon = -1;
        for (int i = 0; i < decoded.length; i++) {
            if (decoded[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon < 0) {
            return new Malformed("Basic credentials must be user:password");
        }
        String user = PercentDecoder.decode(new String(decoded, 0, colon, StandardCharsets.UTF_8));
        Optional<ValueReference> id = identity(user);
        if (id.isEmpty()) {
            return new Malformed("the Basic user must be index%3Ahandle");
        }
        return new Basic(id.get(), Arrays.copyOfRange(decoded, colon + 1, decoded.length));
    }

    /** {@code index:handle}; a missing index means 0 ("any index"). */
    static Optional<ValueReference> identity(String text) {
        int colon = text.indexOf(':');
        String index = colon < 0 ? "" : text.substring(0, colon);
        String handle = colon < 0 ? text : text.substring(colon + 1);
        if (handle.isEmpty() || !index.chars().allMatch(c -> c >= '0' && c <= '9') || index.length() > 9) {
            return Optional.empty();
        }
        return Optional.of(new ValueReference(ByteString.utf8(handle), index.isEmpty() ? 0 : Integer.parseInt(index)));
    }

    /** RFC 7235 auth-params: {@code name=token} or {@code name="quoted \" string"}, separated by commas. */
    private static HttpCredentials handle(String s) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && isTokenChar(s.charAt(i))) {
                i++;
            }
            String name = s.substring(start, i).toLowerCase(Locale.ROOT);
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (name.isEmpty() || i >= n || s.charAt(i) != '=') {
                return new Malformed("Authorization: Handle parameters must be name=value pairs");
            }
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        value.append(s.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    return new Malformed("unterminated quoted value in Authorization: Handle");
                }
            } else {
                int vs = i; // lenient: unquoted Base64 ('/', '+', '=') is accepted up to a comma or space
                while (i < n && s.charAt(i) != ',' && !Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                value.append(s, vs, i);
            }
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i < n && s.charAt(i) != ',') {
                return new Malformed("Authorization: Handle parameters must be separated by commas");
            }
            String v = value.toString();
            params.put(name, name.equals("id") ? PercentDecoder.decode(v) : v);
        }
        if (params.isEmpty()) {
            return new Malformed("Authorization: Handle without parameters");
        }
        return new Handle(params);
    }

    private static boolean isTokenChar(char c) {
        return c < 127 && c > 32 && "()<>@,;:\\\"/[]?={} \t".indexOf(c) < 0;
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
