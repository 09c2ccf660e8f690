package cn.idnode.protocol;

import java.util.List;

/** OC_REMOVE_VALUE request (§7.6). */
public record RemoveValueRequest(ByteString handle, List<Integer> indexes) implements MessageBody {
    public RemoveValueRequest {
        indexes = List.copyOf(indexes);
    }

    @Override
    public void encodeTo(WireWriter w) {
        w.writeBytes(handle).writeIntList(indexes);
    }

    static RemoveValueRequest decode(WireReader r) throws ProtocolException {
        ByteString handle = r.readBytes("handle");
        return new RemoveValueRequest(handle, r.readIntList("indexes"));
    }
}
