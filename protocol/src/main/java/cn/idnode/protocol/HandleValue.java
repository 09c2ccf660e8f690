package cn.idnode.protocol;

import java.util.List;

/**
 * One handle value (handle-protocol.md §8). The timestamp is the 4-byte seconds field real clients use (RFC 3651's
 * 8 bytes is wrong for them). Type names compare ASCII case-insensitively; see {@link ValueTypes}.
 *
 * @param ttlType 0 relative (ttl in seconds), 1 absolute (ttl is an expiry time, seconds since 1970)
 * @param permissions {@link ValuePermissions} bits
 */
public record HandleValue(int index, int timestamp, int ttlType, int ttl, int permissions, ByteString type,
                          ByteString data, List<ValueReference> references) {
    public static final int DEFAULT_TTL = 86_400;
    public static final int TTL_RELATIVE = 0;
    public static final int TTL_ABSOLUTE = 1;

    public HandleValue {
        if (type == null || data == null || references == null) {
            throw new IllegalArgumentException("type, data and references are required");
        }
        if (ttlType < 0 || ttlType > 255 || permissions < 0 || permissions > 255) {
            throw new IllegalArgumentException("ttlType and permissions are single bytes");
        }
        references = List.copyOf(references);
    }

    /** A value with the defaults for new values: relative TTL 86 400, permissions "1110", no references. */
    public static HandleValue of(int index, String type, ByteString data) {
        return new HandleValue(index, 0, TTL_RELATIVE, DEFAULT_TTL, ValuePermissions.DEFAULT, ByteString.utf8(type),
                data, List.of());
    }

    public static HandleValue text(int index, String type, String text) {
        return of(index, type, ByteString.utf8(text));
    }

    public String typeName() {
        return type.utf8();
    }

    public long timestampSeconds() {
        return Integer.toUnsignedLong(timestamp);
    }

    public HandleValue withTimestamp(int seconds) {
        return new HandleValue(index, seconds, ttlType, ttl, permissions, type, data, references);
    }

    public HandleValue withPermissions(int p) {
        return new HandleValue(index, timestamp, ttlType, ttl, p, type, data, references);
    }

    public HandleValue withTtl(int newTtlType, int newTtl) {
        return new HandleValue(index, timestamp, newTtlType, newTtl, permissions, type, data, references);
    }

    public HandleValue withIndex(int newIndex) {
        return new HandleValue(newIndex, timestamp, ttlType, ttl, permissions, type, data, references);
    }

    public HandleValue withReferences(List<ValueReference> refs) {
        return new HandleValue(index, timestamp, ttlType, ttl, permissions, type, data, refs);
    }

    /** The wire encoding (§8). */
    public byte[] encode() {
        WireWriter w = new WireWriter(32 + type.length() + data.length());
        encodeTo(w);
        return w.toByteArray();
    }

    public void encodeTo(WireWriter w) {
        w.writeInt(index).writeInt(timestamp).writeByte(ttlType).writeInt(ttl).writeByte(permissions)
                .writeBytes(type).writeBytes(data).writeInt(references.size());
        for (ValueReference r : references) {
            w.writeBytes(r.handle()).writeInt(r.index());
        }
    }

    /** Decodes one value at the reader's position. */
    public static HandleValue decode(WireReader r) throws ProtocolException {
        int index = r.readInt("value index");
        int timestamp = r.readInt("value timestamp");
        int ttlType = r.readUnsignedByte("value ttl type");
        int ttl = r.readInt("value ttl");
        int permissions = r.readUnsignedByte("value permissions");
        ByteString type = r.readBytes("value type");
        ByteString data = r.readBytes("value data");
        int refCount = r.readCount("value references", 8, Limits.MAX_ARRAY_SIZE);
        List<ValueReference> refs;
        if (refCount == 0) {
            refs = List.of();
        } else {
            ValueReference[] a = new ValueReference[refCount];
            for (int i = 0; i < refCount; i++) {
                ByteString h = r.readBytes("reference handle");
                a[i] = new ValueReference(h, r.readInt("reference index"));
            }
            refs = List.of(a);
        }
        return new HandleValue(index, timestamp, ttlType, ttl, permissions, type, data, refs);
    }

    public static HandleValue decode(byte[] encoded) throws ProtocolException {
        WireReader r = new WireReader(encoded);
        HandleValue v = decode(r);
        r.requireEnd("handle value");
        return v;
    }

    @Override
    public String toString() {
        return index + ":" + type + "=" + data + " (ttl " + (ttlType == 1 ? "@" : "") + ttl + ", perms "
                + ValuePermissions.toText(permissions) + (references.isEmpty() ? "" : ", refs " + references) + ")";
    }
}
