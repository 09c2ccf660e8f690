package cn.idnode.protocol;

/**
 * The data of an HS_ADMIN value (handle-protocol.md §9.1): a permission mask and the admin reference. A legacy
 * encoding carries two extra trailing zero bytes; it is accepted and re-emitted unchanged.
 */
public record AdminValue(int permissions, ValueReference admin, boolean legacyTrailingBytes) {

    public AdminValue {
        if (permissions < 0 || permissions > 0xFFFF) {
            throw new IllegalArgumentException("admin permissions are 16 bits: " + permissions);
        }
    }

    public static AdminValue of(int permissions, ValueReference admin) {
        return new AdminValue(permissions, admin, false);
    }

    public boolean has(int bits) {
        return (permissions & bits) == bits;
    }

    public ByteString encode() {
        WireWriter w = new WireWriter(16 + admin.handle().length());
        w.writeShort(permissions).writeBytes(admin.handle()).writeInt(admin.index());
        if (legacyTrailingBytes) {
            w.writeShort(0);
        }
        return w.toByteString();
    }

    public static AdminValue decode(ByteString data) throws ProtocolException {
        WireReader r = WireReader.of(data);
        int mask = r.readShort("admin permissions") & 0xFFFF;
        ByteString handle = r.readBytes("admin handle");
        int index = r.readInt("admin index");
        boolean legacy = false;
        if (r.remaining() == 2) {
            if (r.readShort("legacy admin padding") != 0) {
                throw ProtocolException.malformed("legacy HS_ADMIN padding must be zero");
            }
            legacy = true;
        }
        r.requireEnd("HS_ADMIN");
        return new AdminValue(mask, new ValueReference(handle, index), legacy);
    }
}
