package cn.idnode.store;

import java.nio.charset.StandardCharsets;

/** Helpers for building and printing keys. */
public final class StoreKeys {
    private StoreKeys() {}

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The 8-byte big-endian form used for log sequence numbers, so byte order equals numeric order. */
    public static byte[] sequence(long seq) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) seq;
            seq >>>= 8;
        }
        return b;
    }

    public static long sequence(byte[] key) {
        if (key.length != 8) {
            throw new IllegalArgumentException("sequence keys are 8 bytes, got " + key.length);
        }
        long v = 0;
        for (byte b : key) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }

    /** The sequence number in the last 8 bytes of an index key written by {@link WriteBatch#indexLastAppend}. */
    public static long trailingSequence(byte[] key) {
        if (key.length < 8) {
            throw new IllegalArgumentException("index keys end with an 8-byte sequence, got " + key.length + " bytes");
        }
        long v = 0;
        for (int i = key.length - 8; i < key.length; i++) {
            v = (v << 8) | (key[i] & 0xFF);
        }
        return v;
    }

    /** {@code a} followed by {@code b}. */
    public static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** The smallest key greater than every key starting with {@code prefix}, or null if there is none (all 0xFF). */
    public static byte[] prefixEnd(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                byte[] cut = new byte[i + 1];
                System.arraycopy(end, 0, cut, 0, i + 1);
                return cut;
            }
        }
        return null;
    }

    /** Printable form for logs and error messages: ASCII kept, everything else as \xNN. */
    public static String printable(byte[] key) {
        if (key == null) {
            return "<assigned>";
        }
        StringBuilder sb = new StringBuilder(key.length);
        for (byte b : key) {
            int c = b & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }
}
