package cn.idnode.node.record;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.EncodedValues;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.WireReader;
import cn.idnode.protocol.WireWriter;

/**
 * A handle record as stored: the handle as first written (for display and listing) and its values in wire
 * encoding. Stored form: {@code int1 format(=1), UTF8String handle, int4 count, values} — so a resolution copies the
 * value bytes straight into its answer.
 */
public record StoredRecord(ByteString handle, EncodedValues values) {
    private static final int FORMAT = 1;

    public byte[] encode() {
        WireWriter w = new WireWriter(9 + handle.length() + values.byteLength());
        w.writeByte(FORMAT).writeBytes(handle).writeInt(values.count());
        values.writeTo(w);
        return w.toByteArray();
    }

    public static StoredRecord decode(byte[] stored) {
        try {
            WireReader r = new WireReader(stored);
            int format = r.readUnsignedByte("record format");
            if (format != FORMAT) {
                throw new IllegalStateException("unknown stored record format " + format);
            }
            ByteString handle = r.readBytes("record handle");
            int count = r.readInt("record value count");
            int start = r.position();
            return new StoredRecord(handle, EncodedValues.parse(stored, start, stored.length - start, count));
        } catch (ProtocolException e) {
            throw new IllegalStateException("corrupt stored record: " + e.getMessage(), e);
        }
    }
}
