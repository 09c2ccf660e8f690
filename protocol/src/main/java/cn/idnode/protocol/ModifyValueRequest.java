package cn.idnode.protocol;

/** OC_MODIFY_VALUE request (§7.7): replacement values matched by index. */
public record ModifyValueRequest(ByteString handle, EncodedValues values) implements MessageBody {
    @Override
    public void encodeTo(WireWriter w) {
        w.writeBytes(handle).writeInt(values.count());
        values.writeTo(w);
    }

    static ModifyValueRequest decode(WireReader r) throws ProtocolException {
        ByteString handle = r.readBytes("handle");
        return new ModifyValueRequest(handle, EncodedValues.read(r, r.readCount("values", Limits.MIN_VALUE_SIZE, Limits.MAX_VALUES)));
    }
}
