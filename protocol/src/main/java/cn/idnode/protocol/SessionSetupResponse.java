package cn.idnode.protocol;

/**
 * OC_SESSION_SETUP success body (§14.1): the exchange mode and its data. CNRI appends two zero bytes (it counts the
 * mode as four bytes); decoders ignore them, and {@code cnriSlack} reproduces them on encoding.
 */
public record SessionSetupResponse(int keyExchangeMode, ByteString data, boolean cnriSlack) implements MessageBody {
    @Override
    public void encodeTo(WireWriter w) {
        w.writeShort(keyExchangeMode).writeBytes(data);
        if (cnriSlack) {
            w.writeShort(0);
        }
    }

    static SessionSetupResponse decode(WireReader r) throws ProtocolException {
        int mode = r.readShort("key exchange mode") & 0xFFFF;
        ByteString data = r.readBytes("session data");
        return new SessionSetupResponse(mode, data, r.remaining() == 2);
    }
}
