package cn.idnode.protocol;

/** OC_SESSION_EXCHANGEKEY (402) request (§14.1, mode 2): the session key encrypted with our public key. */
public record SessionExchangeKeyRequest(ByteString encryptedKey) implements MessageBody {
    @Override
    public void encodeTo(WireWriter w) {
        w.writeBytes(encryptedKey);
    }

    static SessionExchangeKeyRequest decode(WireReader r) throws ProtocolException {
        return new SessionExchangeKeyRequest(r.readBytes("encrypted session key"));
    }
}
