package cn.idnode.bench.load;

import java.nio.charset.StandardCharsets;

/** Percent-encodes a handle for a URL path, keeping '/' (the server percent-decodes the path after the prefix). */
final class PathEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathEncoding() {}

    static String encode(String handle) {
        boolean plain = true;
        for (int i = 0; i < handle.length() && plain; i++) {
            plain = keep(handle.charAt(i));
        }
        if (plain) {
            return handle;
        }
        StringBuilder sb = new StringBuilder(handle.length() + 16);
        for (byte b : handle.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && keep(c)) {
                sb.append(c);
            } else {
                sb.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return sb.toString();
    }

    private static boolean keep(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '/' || c == ':' || c == '@';
    }
}
