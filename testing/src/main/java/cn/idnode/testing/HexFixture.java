package cn.idnode.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Annotated-hex fixtures (STYLE.md §5): binary messages kept as text, one field per line.
 *
 * <pre>
 * # envelope
 * 02 0B            ; version 2.11
 * 00 00 00 00      ; session id 0
 * </pre>
 *
 * Each line holds hex bytes (one or more pairs per token, separated by spaces or tabs) followed by an optional
 * comment that runs from {@code #} or {@code ;} to the end of the line. Blank and comment-only lines are ignored.
 * A bad token is reported with the fixture name and line number.
 */
public final class HexFixture {
    private HexFixture() {}

    /**
     * Loads a classpath resource (absolute path; a leading {@code /} is optional), e.g.
     * {@code "fixtures/resolution-request.hex"}.
     */
    public static byte[] load(String resource) {
        return parse(readResource(resource), resource);
    }

    /** Parses annotated hex; {@code source} names the text in error messages. */
    public static byte[] parse(String text, String source) {
        byte[] out = new byte[Math.max(16, text.length() / 2)];
        int n = 0;
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]);
            for (String token : line.trim().split("[ \t]+")) {
                if (token.isEmpty()) {
                    continue;
                }
                if (token.length() % 2 != 0 || !isHex(token)) {
                    throw new IllegalArgumentException(source + ":" + (i + 1) + ": bad token '" + token
                            + "' (expected hex digit pairs; comments start with # or ;)");
                }
                if (n + token.length() / 2 > out.length) {
                    out = Arrays.copyOf(out, Math.max(out.length * 2, n + token.length() / 2));
                }
                for (int j = 0; j < token.length(); j += 2) {
                    out[n++] = (byte) Integer.parseInt(token, j, j + 2, 16);
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Plain lower-case hex, no separators. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Fails with the first differing offset and a hex window around it unless the arrays are equal — far easier
     * to read than two 400-character hex strings.
     */
    public static void assertBytesEqual(byte[] expected, byte[] actual, String what) {
        if (Arrays.equals(expected, actual)) {
            return;
        }
        int at = Arrays.mismatch(expected, actual);
        String msg = what + ": bytes differ at offset " + at + " (expected " + expected.length + " bytes, got "
                + actual.length + ")\n  expected ..." + window(expected, at) + "\n  actual   ..." + window(actual, at);
        throw new org.opentest4j.AssertionFailedError(msg, hexLines(expected), hexLines(actual));
    }

    private static String window(byte[] b, int at) {
        int from = Math.max(0, at - 8);
        int to = Math.min(b.length, at + 16);
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(i == at ? " [" : " ").append(String.format("%02x", b[i] & 0xFF)).append(i == at ? "]" : "");
        }
        return sb.append(to < b.length ? " ..." : " <end>").toString();
    }

    /** 16 bytes per line with offsets, for diffs in IDEs. */
    public static String hexLines(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i += 16) {
            sb.append(String.format("%04x:", i));
            for (int j = i; j < Math.min(b.length, i + 16); j++) {
                sb.append(' ').append(String.format("%02x", b[j] & 0xFF));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String stripComment(String line) {
        int cut = line.length();
        int hash = line.indexOf('#');
        int semi = line.indexOf(';');
        if (hash >= 0) {
            cut = hash;
        }
        if (semi >= 0 && semi < cut) {
            cut = semi;
        }
        return line.substring(0, cut);
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    static String readResource(String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        if (cl == null) {
            cl = HexFixture.class.getClassLoader();
        }
        try (InputStream in = cl.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no classpath resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
