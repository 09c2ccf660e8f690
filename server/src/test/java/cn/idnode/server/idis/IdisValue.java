package cn.idnode.server.idis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A handle value as the test client writes and reads it (handle-protocol.md §8): index, 4-byte timestamp, ttl type,
 * ttl, permissions (0x08 admin read, 0x04 admin write, 0x02 public read, 0x01 public write), type, data, references.
 */
record IdisValue(int index, int timestamp, int ttlType, int ttl, int permissions, String type, byte[] data,
                 List<String> references) {
    /** "1110": admin read and write, public read — the SDK's default (idis-extensions.md §13). */
    static final int DEFAULT_PERMISSIONS = 0x0E;
    /** Admin read and write only: restricted data. */
    static final int ADMIN_ONLY = 0x0C;

    static IdisValue of(int index, String type, byte[] data) {
        return new IdisValue(index, 0, 0, 86_400, DEFAULT_PERMISSIONS, type, data, List.of());
    }

    static IdisValue text(int index, String type, String text) {
        return of(index, type, text.getBytes(StandardCharsets.UTF_8));
    }

    /** HS_ADMIN data (§9.1): int2 mask, UTF8String admin handle, int4 admin index. */
    static IdisValue admin(int index, int mask, String adminHandle, int adminIndex) {
        return of(index, "HS_ADMIN", new IdisBytes().int2(mask).utf8(adminHandle).int4(adminIndex).toArray());
    }

    /** HS_VLIST data (§9.2): int4 count, then (UTF8String handle, int4 index) per member. */
    static IdisValue valueList(int index, List<String> members) {
        IdisBytes b = new IdisBytes().int4(members.size());
        for (String m : members) {
            int colon = m.indexOf(':');
            b.utf8(m.substring(colon + 1)).int4(Integer.parseInt(m.substring(0, colon)));
        }
        return of(index, "HS_VLIST", b.toArray());
    }

    IdisValue withPermissions(int p) {
        return new IdisValue(index, timestamp, ttlType, ttl, p, type, data, references);
    }

    String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    void writeTo(IdisBytes b) {
        b.int4(index).int4(timestamp).int1(ttlType).int4(ttl).int1(permissions).utf8(type).bytes(data)
                .int4(references.size());
        for (String r : references) {
            int colon = r.indexOf(':');
            b.utf8(r.substring(colon + 1)).int4(Integer.parseInt(r.substring(0, colon)));
        }
    }

    static IdisValue read(IdisBytes.Reader r) {
        int index = r.int4();
        int timestamp = r.int4();
        int ttlType = r.int1();
        int ttl = r.int4();
        int permissions = r.int1();
        String type = r.utf8();
        byte[] data = r.bytes();
        int refCount = r.int4();
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < refCount; i++) {
            String h = r.utf8();
            refs.add(r.int4() + ":" + h);
        }
        return new IdisValue(index, timestamp, ttlType, ttl, permissions, type, data, List.copyOf(refs));
    }

    /** {@code int4 count} then the values. */
    static byte[] encodeList(List<IdisValue> values) {
        IdisBytes b = new IdisBytes().int4(values.size());
        values.forEach(v -> v.writeTo(b));
        return b.toArray();
    }

    @Override
    public String toString() {
        return index + ":" + type + "=" + (type.startsWith("HS_") ? data.length + " bytes" : text());
    }
}
