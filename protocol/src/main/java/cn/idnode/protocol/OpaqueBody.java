package cn.idnode.protocol;

/**
 * A body the codec does not interpret: requests with unknown or unsupported opcodes (answered RC 5), and the
 * generic bodies of obsolete opcodes. Kept byte-exact so a decode/encode round trip is lossless.
 */
public record OpaqueBody(ByteString bytes) implements MessageBody {
    @Override
    public void encodeTo(WireWriter w) {
        w.writeRaw(bytes);
    }
}
