package cn.idnode.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * A bounds-checked big-endian reader over a byte range. Every length and count read from the wire is validated
 * against the bytes that remain before anything is allocated, so a hostile length can never size an allocation.
 * All failures are {@link ProtocolException}s with {@link ResponseCode#PROTOCOL_ERROR}.
 */
public final class WireReader {
    private final byte[] buf;
    private final int limit;
    private int pos;

    public WireReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public WireReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || length > buf.length - offset) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " outside " + buf.length);
        }
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    public static WireReader of(ByteString bytes) {
        return new WireReader(bytes.array());
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return limit - pos;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    /** The backing array, for callers that slice raw ranges they have already validated. */
    byte[] buffer() {
        return buf;
    }

    private void need(int n, String what) throws ProtocolException {
        if (n < 0 || limit - pos < n) {
            throw ProtocolException.malformed("truncated " + what + ": need " + n + " bytes, " + (limit - pos)
                    + " left at offset " + pos);
        }
    }

    public byte readByte(String what) throws ProtocolException {
        need(1, what);
        return buf[pos++];
    }

    public int readUnsignedByte(String what) throws ProtocolException {
        return readByte(what) & 0xFF;
    }

    public short readShort(String what) throws ProtocolException {
        need(2, what);
        short v = (short) (((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF));
        pos += 2;
        return v;
    }

    public int readInt(String what) throws ProtocolException {
        need(4, what);
        int v = getInt(buf, pos);
        pos += 4;
        return v;
    }

    public long readLong(String what) throws ProtocolException {
        long hi = readInt(what) & 0xFFFFFFFFL;
        long lo = readInt(what) & 0xFFFFFFFFL;
        return (hi << 32) | lo;
    }

    /** Exactly {@code n} raw bytes. */
    public ByteString readFixed(int n, String what) throws ProtocolException {
        need(n, what);
        ByteString s = ByteString.copyOf(buf, pos, n);
        pos += n;
        return s;
    }

    /** {@code Bytes} / {@code UTF8String}: int4 length then that many bytes. */
    public ByteString readBytes(String what) throws ProtocolException {
        int n = readInt(what + " length");
        if (n < 0) {
            throw ProtocolException.malformed("negative length " + n + " for " + what);
        }
        if (n > Limits.MAX_ARRAY_SIZE) {
            throw ProtocolException.malformed(what + " length " + n + " exceeds " + Limits.MAX_ARRAY_SIZE);
        }
        return readFixed(n, what);
    }

    /** Skips a {@code Bytes} field and returns its length. Same limits as {@link #readBytes}. */
    public int skipBytes(String what) throws ProtocolException {
        int n = readInt(what + " length");
        if (n < 0) {
            throw ProtocolException.malformed("negative length " + n + " for " + what);
        }
        if (n > Limits.MAX_ARRAY_SIZE) {
            throw ProtocolException.malformed(what + " length " + n + " exceeds " + Limits.MAX_ARRAY_SIZE);
        }
        need(n, what);
        pos += n;
        return n;
    }

    public void skip(int n, String what) throws ProtocolException {
        need(n, what);
        pos += n;
    }

    /** A count for a list whose elements take at least {@code minElementSize} bytes each. */
    public int readCount(String what, int minElementSize, int max) throws ProtocolException {
        int n = readInt(what + " count");
        if (n < 0) {
            throw ProtocolException.malformed("negative count " + n + " for " + what);
        }
        if (n > max) {
            throw ProtocolException.malformed(what + " count " + n + " exceeds " + max);
        }
        if ((long) n * minElementSize > remaining()) {
            throw ProtocolException.malformed(what + " count " + n + " cannot fit in " + remaining() + " bytes");
        }
        return n;
    }

    /** {@code IntList}. */
    public List<Integer> readIntList(String what) throws ProtocolException {
        int n = readCount(what, 4, Limits.MAX_ARRAY_SIZE);
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(readInt(what));
        }
        return List.copyOf(out);
    }

    /** {@code StrList}. */
    public List<ByteString> readStringList(String what) throws ProtocolException {
        int n = readCount(what, 4, Limits.MAX_ARRAY_SIZE);
        List<ByteString> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(readBytes(what));
        }
        return List.copyOf(out);
    }

    /** Fails unless every byte has been read (for formats that forbid trailing bytes). */
    public void requireEnd(String what) throws ProtocolException {
        if (pos != limit) {
            throw ProtocolException.malformed((limit - pos) + " unexpected trailing bytes after " + what);
        }
    }

    public static int getInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }
}
