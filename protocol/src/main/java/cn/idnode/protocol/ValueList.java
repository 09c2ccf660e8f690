package cn.idnode.protocol;

import java.util.ArrayList;
import java.util.List;

/** The data of an HS_VLIST value (handle-protocol.md §9.2): the members of an admin group. No trailing bytes. */
public record ValueList(List<ValueReference> members) {
    public ValueList {
        members = List.copyOf(members);
    }

    public ByteString encode() {
        WireWriter w = new WireWriter();
        w.writeInt(members.size());
        for (ValueReference m : members) {
            w.writeBytes(m.handle()).writeInt(m.index());
        }
        return w.toByteString();
    }

    public static ValueList decode(ByteString data) throws ProtocolException {
        WireReader r = WireReader.of(data);
        int n = r.readCount("HS_VLIST members", 8, Limits.MAX_ARRAY_SIZE);
        List<ValueReference> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ByteString h = r.readBytes("member handle");
            out.add(new ValueReference(h, r.readInt("member index")));
        }
        r.requireEnd("HS_VLIST");
        return new ValueList(out);
    }
}
