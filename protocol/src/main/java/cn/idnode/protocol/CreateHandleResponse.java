package cn.idnode.protocol;

import java.util.Optional;

/** OC_CREATE_HANDLE success body (§7.3): the created (possibly minted) handle; an empty body is also legal. */
public record CreateHandleResponse(Optional<ByteString> handle) implements MessageBody {
    @Override
    public void encodeTo(WireWriter w) {
        handle.ifPresent(w::writeBytes);
    }

    static CreateHandleResponse decode(WireReader r) throws ProtocolException {
        return new CreateHandleResponse(r.hasRemaining() ? Optional.of(r.readBytes("handle")) : Optional.empty());
    }
}
