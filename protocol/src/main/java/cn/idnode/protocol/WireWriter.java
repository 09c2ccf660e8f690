package cn.idnode.protocol;

import java.util.Arrays;
import java.util.List;

/** A growable big-endian writer. */
public final class WireWriter {
    private byte[] buf;
    private int pos;

    public WireWriter() {
        this(256);
    }

    public WireWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    public int position() {
        return pos;
    }

    public WireWriter writeByte(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public WireWriter writeShort(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public WireWriter writeInt(int v) {
        ensure(4);
        putInt(buf, pos, v);
        pos += 4;
        return this;
    }

    public WireWriter writeLong(long v) {
        writeInt((int) (v >>> 32));
        return writeInt((int) v);
    }

    /** Overwrites an int written earlier (for lengths known only afterwards). */
    public WireWriter setInt(int at, int v) {
        if (at < 0 || at + 4 > pos) {
            throw new IndexOutOfBoundsException("setInt at " + at);
        }
        putInt(buf, at, v);
        return this;
    }

    public WireWriter writeRaw(byte[] b) {
        return writeRaw(b, 0, b.length);
    }

    public WireWriter writeRaw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    public WireWriter writeRaw(ByteString s) {
        return writeRaw(s.array());
    }

    /** {@code Bytes} / {@code UTF8String}. */
    public WireWriter writeBytes(ByteString s) {
        writeInt(s.length());
        return writeRaw(s.array());
    }

    public WireWriter writeBytes(byte[] b) {
        writeInt(b.length);
        return writeRaw(b);
    }

    public WireWriter writeIntList(List<Integer> list) {
        writeInt(list.size());
        for (int v : list) {
            writeInt(v);
        }
        return this;
    }

    public WireWriter writeStringList(List<ByteString> list) {
        writeInt(list.size());
        for (ByteString s : list) {
            writeBytes(s);
        }
        return this;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** The written bytes; the internal array itself when it is exactly full (the writer must not be used after). */
    public byte[] toExactByteArray() {
        return pos == buf.length ? buf : Arrays.copyOf(buf, pos);
    }

    public ByteString toByteString() {
        return ByteString.wrap(toByteArray());
    }

    public static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
