package cn.idnode.protocol;

import java.util.List;

/** One message of a LIST_HANDLES (105) or LIST_HOMED_NAS (302) answer (§7.8, §7.12). */
public record ListHandlesResponse(List<ByteString> handles) implements MessageBody {
    /** CNRI puts 50 handles in each message of a continued answer. */
    public static final int HANDLES_PER_MESSAGE = 50;

    public ListHandlesResponse {
        handles = List.copyOf(handles);
    }

    @Override
    public void encodeTo(WireWriter w) {
        w.writeStringList(handles);
    }

    static ListHandlesResponse decode(WireReader r) throws ProtocolException {
        return new ListHandlesResponse(r.readStringList("handles"));
    }
}
