package cn.idnode.protocol;

/** OC_ADD_VALUE request (§7.5). */
public record AddValueRequest(ByteString handle, EncodedValues values) implements MessageBody {
    @Override
    public void encodeTo(WireWriter w) {
        w.writeBytes(handle).writeInt(values.count());
        values.writeTo(w);
    }

    static AddValueRequest decode(WireReader r) throws ProtocolException {
        ByteString handle = r.readBytes("handle");
        return new AddValueRequest(handle, EncodedValues.read(r, r.readCount("values", Limits.MIN_VALUE_SIZE, Limits.MAX_VALUES)));
    }
}
