package cn.idnode.protocol;

/** OC_RESOLUTION success body (§7.1): the request's handle bytes echoed, then the values. */
public record ResolutionResponse(ByteString handle, EncodedValues values) implements MessageBody {
    @Override
    public void encodeTo(WireWriter w) {
        w.writeBytes(handle).writeInt(values.count());
        values.writeTo(w);
    }

    @Override
    public int sizeHint() {
        return 8 + handle.length() + values.byteLength();
    }

    static ResolutionResponse decode(WireReader r) throws ProtocolException {
        ByteString handle = r.readBytes("handle");
        return new ResolutionResponse(handle,
                EncodedValues.read(r, r.readCount("values", Limits.MIN_VALUE_SIZE, Limits.MAX_VALUES)));
    }
}
