package cn.idnode.protocol;

import java.util.List;
import java.util.Optional;

/**
 * OC_RESOLUTION request (handle-protocol.md §7.1). IDIS clients append a length-prefixed identity token
 * (idis-extensions.md §8), usually empty; it is kept when present and well-formed, otherwise trailing bytes are
 * ignored as the spec requires.
 */
public record ResolutionRequest(ByteString handle, List<Integer> requestedIndexes, List<ByteString> requestedTypes,
                                Optional<ByteString> token) implements MessageBody {
    public ResolutionRequest {
        requestedIndexes = List.copyOf(requestedIndexes);
        requestedTypes = List.copyOf(requestedTypes);
    }

    public static ResolutionRequest of(String handle) {
        return new ResolutionRequest(ByteString.utf8(handle), List.of(), List.of(), Optional.empty());
    }

    @Override
    public void encodeTo(WireWriter w) {
        w.writeBytes(handle).writeIntList(requestedIndexes).writeStringList(requestedTypes);
        token.ifPresent(w::writeBytes);
    }

    static ResolutionRequest decode(WireReader r) throws ProtocolException {
        ByteString handle = r.readBytes("handle");
        List<Integer> indexes = r.readIntList("requested indexes");
        List<ByteString> types = r.readStringList("requested types");
        Optional<ByteString> token = Optional.empty();
        if (r.remaining() >= 4) {
            int n = WireReader.getInt(r.buffer(), r.position());
            if (n >= 0 && n <= r.remaining() - 4) {
                token = Optional.of(r.readBytes("identity token"));
            }
        }
        return new ResolutionRequest(handle, indexes, types, token);
    }
}
