package cn.idnode.protocol;

/** OC_CREATE_HANDLE request (§7.3). */
public record CreateHandleRequest(ByteString handle, EncodedValues values) implements MessageBody {
    @Override
    public void encodeTo(WireWriter w) {
        w.writeBytes(handle).writeInt(values.count());
        values.writeTo(w);
    }

    static CreateHandleRequest decode(WireReader r) throws ProtocolException {
        ByteString handle = r.readBytes("handle");
        return new CreateHandleRequest(handle, EncodedValues.read(r, r.readCount("values", Limits.MIN_VALUE_SIZE, Limits.MAX_VALUES)));
    }
}
