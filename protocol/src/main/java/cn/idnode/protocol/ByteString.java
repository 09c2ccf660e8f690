package cn.idnode.protocol;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte sequence with value semantics: the wire form of handles, type names, data and keys.
 *
 * <p>Handles and type names travel as UTF-8 but are kept as bytes so that whatever a client sent is echoed back
 * unchanged, including invalid UTF-8 (which operations reject with a specific code instead of losing it in a
 * decode/encode round trip).
 */
public final class ByteString implements Comparable<ByteString> {
    public static final ByteString EMPTY = new ByteString(new byte[0]);

    private final byte[] bytes;
    private int hash;

    private ByteString(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies {@code bytes}. */
    public static ByteString copyOf(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new ByteString(bytes.clone());
    }

    public static ByteString copyOf(byte[] bytes, int offset, int length) {
        return length == 0 ? EMPTY : new ByteString(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** Takes ownership of {@code bytes}: the caller must not modify the array afterwards. */
    public static ByteString wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new ByteString(bytes);
    }

    public static ByteString utf8(String s) {
        return wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    public static ByteString fromHex(String hex) {
        return wrap(HexFormat.of().parseHex(hex));
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    public byte byteAt(int i) {
        return bytes[i];
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Copies the bytes into {@code dest} at {@code offset}. */
    public void copyTo(byte[] dest, int offset) {
        System.arraycopy(bytes, 0, dest, offset, bytes.length);
    }

    /** The bytes decoded as UTF-8, malformed sequences replaced by U+FFFD. */
    public String utf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** True if the bytes are well-formed UTF-8. */
    public boolean isValidUtf8() {
        for (byte b : bytes) {
            if (b < 0) {
                try {
                    StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(java.nio.ByteBuffer.wrap(bytes));
                    return true;
                } catch (CharacterCodingException e) {
                    return false;
                }
            }
        }
        return true;
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    public int indexOf(byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    public ByteString substring(int from, int to) {
        return copyOf(bytes, from, to - from);
    }

    public boolean startsWith(ByteString prefix) {
        return bytes.length >= prefix.bytes.length
                && Arrays.equals(bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length);
    }

    /** ASCII-only case-insensitive equality (the Handle rule: a-z fold to A-Z, nothing else). */
    public boolean equalsIgnoreAsciiCase(ByteString other) {
        if (other.bytes.length != bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (Ascii.upper(bytes[i]) != Ascii.upper(other.bytes[i])) {
                return false;
            }
        }
        return true;
    }

    /** A copy with ASCII letters upper-cased; other bytes unchanged. */
    public ByteString toAsciiUpperCase() {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] >= 'a' && bytes[i] <= 'z') {
                byte[] up = bytes.clone();
                for (int j = i; j < up.length; j++) {
                    up[j] = Ascii.upper(up[j]);
                }
                return new ByteString(up);
            }
        }
        return this;
    }

    public ByteString concat(ByteString other) {
        byte[] out = Arrays.copyOf(bytes, bytes.length + other.bytes.length);
        System.arraycopy(other.bytes, 0, out, bytes.length, other.bytes.length);
        return wrap(out);
    }

    /** Package-private access to the backing array, for the codec only (never modified). */
    byte[] array() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteString other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0 && bytes.length > 0) {
            h = Arrays.hashCode(bytes);
            hash = h;
        }
        return h;
    }

    @Override
    public int compareTo(ByteString o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    /** UTF-8 text if printable, else hex — for logs and assertion messages. */
    @Override
    public String toString() {
        for (byte b : bytes) {
            if ((b >= 0 && b < 0x20) || b == 0x7F) {
                return "0x" + hex();
            }
        }
        return isValidUtf8() ? utf8() : "0x" + hex();
    }
}
