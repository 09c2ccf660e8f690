package cn.idnode.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * PEM framing of X.509 SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----}), the "IDIS format" of
 * idis-extensions.md §7. Written like the id-pointer SDK's {@code KeyConverter.toX509Pem}: CRLF line ends, MIME
 * Base64 lines of 76 characters, a final CRLF. Read strictly: one block, Base64 with any CR/LF/space/tab between
 * characters, nothing else.
 */
final class Pem {
    private Pem() {}

    static final int MAX_TEXT_LENGTH = 16 * 1024;
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";
    private static final String CRLF = "\r\n";

    static String encodePublicKey(byte[] spki) {
        return BEGIN + CRLF + Base64.getMimeEncoder().encodeToString(spki) + CRLF + END + CRLF;
    }

    /** True if the bytes, after leading whitespace, start with {@code -----BEGIN}. */
    static boolean looksLikePem(byte[] data) {
        int i = 0;
        while (i < data.length && isSpace(data[i])) {
            i++;
        }
        byte[] begin = "-----BEGIN".getBytes(StandardCharsets.US_ASCII);
        if (data.length - i < begin.length) {
            return false;
        }
        for (int j = 0; j < begin.length; j++) {
            if (data[i + j] != begin[j]) {
                return false;
            }
        }
        return true;
    }

    /** The DER SubjectPublicKeyInfo inside a PEM public key. */
    static byte[] decodePublicKey(byte[] text) throws KeyFormatException {
        if (text.length > MAX_TEXT_LENGTH) {
            throw new KeyFormatException("PEM public key longer than " + MAX_TEXT_LENGTH + " bytes");
        }
        for (byte b : text) {
            if (b < 0) {
                throw new KeyFormatException("PEM public key contains non-ASCII bytes");
            }
        }
        String s = new String(text, StandardCharsets.US_ASCII).strip();
        if (!s.startsWith(BEGIN)) {
            int eol = s.indexOf('\n');
            String first = (eol < 0 ? s : s.substring(0, eol)).strip();
            throw new KeyFormatException("unsupported PEM block \"" + first.substring(0, Math.min(first.length(), 64))
                    + "\" (a PUBLIC KEY is required)");
        }
        if (!s.endsWith(END)) {
            throw new KeyFormatException("PEM public key does not end with " + END);
        }
        String body = s.substring(BEGIN.length(), s.length() - END.length());
        StringBuilder b64 = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                b64.append(c);
            }
        }
        try {
            byte[] der = Base64.getDecoder().decode(b64.toString());
            if (der.length == 0) {
                throw new KeyFormatException("empty PEM public key");
            }
            return der;
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException("PEM public key body is not Base64", e);
        }
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
