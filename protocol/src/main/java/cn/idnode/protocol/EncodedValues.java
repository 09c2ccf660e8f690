package cn.idnode.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A list of handle values kept in their wire encoding: {@code count} values back to back.
 *
 * <p>Design note. Records are stored in wire encoding (ARCHITECTURE.md, "the hot path"), so an unfiltered resolution
 * copies stored bytes straight into the response and a filtered one selects slices by reading only the index,
 * permission and type fields of each value — no decoding of data or references, no per-value objects. Instances are
 * always validated: {@link #parse} walks every value and rejects inconsistent lengths.
 */
public final class EncodedValues {
    public static final EncodedValues EMPTY = new EncodedValues(new byte[0], 0, 0, 0);

    private static final int TYPE_LENGTH_OFFSET = 14;
    private static final int PERMISSIONS_OFFSET = 13;

    private final byte[] buf;
    private final int offset;
    private final int length;
    private final int count;

    private EncodedValues(byte[] buf, int offset, int length, int count) {
        this.buf = buf;
        this.offset = offset;
        this.length = length;
        this.count = count;
    }

    /** Validates {@code count} values filling exactly {@code buf[offset, offset+length)}. Does not copy. */
    public static EncodedValues parse(byte[] buf, int offset, int length, int count) throws ProtocolException {
        if (count < 0 || count > Limits.MAX_VALUES) {
            throw ProtocolException.malformed("value count " + count + " outside 0.." + Limits.MAX_VALUES);
        }
        WireReader r = new WireReader(buf, offset, length);
        for (int i = 0; i < count; i++) {
            skipValue(r);
        }
        r.requireEnd("handle values");
        return new EncodedValues(buf, offset, length, count);
    }

    /** Reads {@code count} values at the reader's position (validating them) and keeps a copy of their bytes. */
    public static EncodedValues read(WireReader r, int count) throws ProtocolException {
        if (count < 0 || count > Limits.MAX_VALUES) {
            throw ProtocolException.malformed("value count " + count + " outside 0.." + Limits.MAX_VALUES);
        }
        int start = r.position();
        for (int i = 0; i < count; i++) {
            skipValue(r);
        }
        int end = r.position();
        return new EncodedValues(Arrays.copyOfRange(r.buffer(), start, end), 0, end - start, count);
    }

    public static EncodedValues of(List<HandleValue> values) {
        if (values.isEmpty()) {
            return EMPTY;
        }
        WireWriter w = new WireWriter(64 * values.size());
        for (HandleValue v : values) {
            v.encodeTo(w);
        }
        byte[] b = w.toByteArray();
        return new EncodedValues(b, 0, b.length, values.size());
    }

    private static void skipValue(WireReader r) throws ProtocolException {
        r.skip(TYPE_LENGTH_OFFSET, "value header");
        r.skipBytes("value type");
        r.skipBytes("value data");
        int refs = r.readCount("value references", 8, Limits.MAX_ARRAY_SIZE);
        for (int j = 0; j < refs; j++) {
            r.skipBytes("reference handle");
            r.skip(4, "reference index");
        }
    }

    public int count() {
        return count;
    }

    /** Encoded size in bytes. */
    public int byteLength() {
        return length;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public void writeTo(WireWriter w) {
        w.writeRaw(buf, offset, length);
    }

    /** Copies the raw bytes into {@code dest}. */
    public void copyTo(byte[] dest, int destOffset) {
        System.arraycopy(buf, offset, dest, destOffset, length);
    }

    public List<HandleValue> decode() {
        List<HandleValue> out = new ArrayList<>(count);
        WireReader r = new WireReader(buf, offset, length);
        try {
            for (int i = 0; i < count; i++) {
                out.add(HandleValue.decode(r));
            }
        } catch (ProtocolException e) {
            throw new IllegalStateException("validated values failed to decode", e);
        }
        return out;
    }

    /** Sees each value's index, permission byte and type without decoding it. */
    public interface ValueView {
        int index();

        int permissions();

        /** ASCII case-insensitive type match with the resolution rule (see {@link ValueTypes#matches}). */
        boolean typeMatches(ByteString requested);

        boolean typeIs(ByteString name);

        /** Decodes this value (for the few that need it: HS_ADMIN, HS_SITE...). */
        HandleValue decode();
    }

    public interface Selector {
        boolean select(ValueView value);
    }

    /** The values the selector accepts, in stored order. Returns {@code this} when all are accepted. */
    public EncodedValues select(Selector selector) {
        Walker view = new Walker();
        int[] starts = new int[count];
        int[] ends = new int[count];
        int kept = 0;
        int keptBytes = 0;
        int p = offset;
        for (int i = 0; i < count; i++) {
            int end = view.at(p);
            if (selector.select(view)) {
                starts[kept] = p;
                ends[kept] = end;
                keptBytes += end - p;
                kept++;
            }
            p = end;
        }
        if (kept == count) {
            return this;
        }
        byte[] out = new byte[keptBytes];
        int q = 0;
        for (int i = 0; i < kept; i++) {
            System.arraycopy(buf, starts[i], out, q, ends[i] - starts[i]);
            q += ends[i] - starts[i];
        }
        return new EncodedValues(out, 0, keptBytes, kept);
    }

    /** True if any value is accepted by the selector. */
    public boolean anyMatch(Selector selector) {
        Walker view = new Walker();
        int p = offset;
        for (int i = 0; i < count; i++) {
            int end = view.at(p);
            if (selector.select(view)) {
                return true;
            }
            p = end;
        }
        return false;
    }

    /** True if every value is accepted by the selector (vacuously true when empty). */
    public boolean allMatch(Selector selector) {
        return !anyMatch(v -> !selector.select(v));
    }

    /** The lengths were validated on construction, so the walker reads without bounds checks beyond the array's. */
    private final class Walker implements ValueView {
        private int start;
        private int typeOff;
        private int typeLen;

        int at(int p) {
            start = p;
            typeLen = WireReader.getInt(buf, p + TYPE_LENGTH_OFFSET);
            typeOff = p + TYPE_LENGTH_OFFSET + 4;
            int q = typeOff + typeLen;
            q += 4 + WireReader.getInt(buf, q);
            int refs = WireReader.getInt(buf, q);
            q += 4;
            for (int j = 0; j < refs; j++) {
                q += 4 + WireReader.getInt(buf, q) + 4;
            }
            return q;
        }

        @Override
        public int index() {
            return WireReader.getInt(buf, start);
        }

        @Override
        public int permissions() {
            return buf[start + PERMISSIONS_OFFSET] & 0xFF;
        }

        @Override
        public boolean typeMatches(ByteString requested) {
            return ValueTypes.matches(requested.array(), 0, requested.length(), buf, typeOff, typeLen);
        }

        @Override
        public boolean typeIs(ByteString name) {
            byte[] n = name.array();
            if (n.length != typeLen) {
                return false;
            }
            for (int i = 0; i < typeLen; i++) {
                if (Ascii.upper(n[i]) != Ascii.upper(buf[typeOff + i])) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public HandleValue decode() {
            try {
                return HandleValue.decode(new WireReader(buf, start, buf.length - start));
            } catch (ProtocolException e) {
                throw new IllegalStateException("validated value failed to decode", e);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedValues e && e.count == count
                && Arrays.equals(buf, offset, offset + length, e.buf, e.offset, e.offset + e.length);
    }

    @Override
    public int hashCode() {
        int h = count;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + buf[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return decode().toString();
    }
}
