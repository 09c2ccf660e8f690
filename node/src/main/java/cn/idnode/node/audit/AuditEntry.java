package cn.idnode.node.audit;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.WireReader;
import cn.idnode.protocol.WireWriter;

/**
 * One audit record: who did what to which object, when, with the state before and after (secrets masked by the
 * writer). Appended to the audit log in the same store batch as the change it describes.
 *
 * @param timeMillis  when the change was made
 * @param actor       "index:handle", an account name, or "system"
 * @param action      operation name ("create-handle", "bootstrap", ...)
 * @param object      the handle or business object changed
 * @param before      encoded state before (empty if none)
 * @param after       encoded state after (empty if deleted)
 */
public record AuditEntry(long timeMillis, String actor, String source, String action, String object,
                         ByteString before, ByteString after) {
    private static final int FORMAT = 1;

    public byte[] encode() {
        WireWriter w = new WireWriter(128 + before.length() + after.length());
        w.writeByte(FORMAT).writeLong(timeMillis).writeBytes(ByteString.utf8(actor)).writeBytes(ByteString.utf8(source))
                .writeBytes(ByteString.utf8(action)).writeBytes(ByteString.utf8(object)).writeBytes(before)
                .writeBytes(after);
        return w.toByteArray();
    }

    public static AuditEntry decode(byte[] b) {
        try {
            WireReader r = new WireReader(b);
            int format = r.readUnsignedByte("audit format");
            if (format != FORMAT) {
                throw new IllegalStateException("unknown audit entry format " + format);
            }
            return new AuditEntry(r.readLong("time"), r.readBytes("actor").utf8(), r.readBytes("source").utf8(),
                    r.readBytes("action").utf8(), r.readBytes("object").utf8(), r.readBytes("before"),
                    r.readBytes("after"));
        } catch (ProtocolException e) {
            throw new IllegalStateException("corrupt audit entry: " + e.getMessage(), e);
        }
    }
}
