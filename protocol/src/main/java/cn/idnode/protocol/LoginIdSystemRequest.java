package cn.idnode.protocol;

/** IDIS OC_LOGIN_ID_SYSTEM (2001) request (idis-extensions.md §5.2): the identity to log the connection in as. */
public record LoginIdSystemRequest(ByteString identityHandle, int identityIndex) implements MessageBody {
    @Override
    public void encodeTo(WireWriter w) {
        w.writeBytes(identityHandle).writeInt(identityIndex);
    }

    static LoginIdSystemRequest decode(WireReader r) throws ProtocolException {
        ByteString handle = r.readBytes("identity handle");
        return new LoginIdSystemRequest(handle, r.readInt("identity index"));
    }
}
