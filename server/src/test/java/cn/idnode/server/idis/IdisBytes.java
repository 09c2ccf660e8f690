package cn.idnode.server.idis;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Big-endian field writing and reading for the test client (handle-protocol.md §0): {@code int1/2/4}, {@code Bytes}
 * and {@code UTF8String} (int4 length + bytes), {@code IntList}, {@code StrList}. Independent of idnode's codec.
 */
final class IdisBytes {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(buf);

    IdisBytes int1(int v) {
        return io(() -> out.writeByte(v));
    }

    IdisBytes int2(int v) {
        return io(() -> out.writeShort(v));
    }

    IdisBytes int4(int v) {
        return io(() -> out.writeInt(v));
    }

    IdisBytes raw(byte[] b) {
        return io(() -> out.write(b));
    }

    IdisBytes bytes(byte[] b) {
        return int4(b.length).raw(b);
    }

    IdisBytes utf8(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    IdisBytes intList(List<Integer> values) {
        int4(values.size());
        values.forEach(this::int4);
        return this;
    }

    IdisBytes strList(List<String> values) {
        int4(values.size());
        values.forEach(this::utf8);
        return this;
    }

    byte[] toArray() {
        return buf.toByteArray();
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private IdisBytes io(IoAction a) {
        try {
            a.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Reads the same fields from a buffer; a short buffer fails the test with BufferUnderflowException. */
    static final class Reader {
        final ByteBuffer b;

        Reader(byte[] data) {
            this.b = ByteBuffer.wrap(data);
        }

        int int1() {
            return b.get() & 0xFF;
        }

        int int2() {
            return b.getShort() & 0xFFFF;
        }

        int int4() {
            return b.getInt();
        }

        byte[] raw(int n) {
            byte[] out = new byte[n];
            b.get(out);
            return out;
        }

        byte[] bytes() {
            return raw(int4());
        }

        String utf8() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        int remaining() {
            return b.remaining();
        }
    }
}
