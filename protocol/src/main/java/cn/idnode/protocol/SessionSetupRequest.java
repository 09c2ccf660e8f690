package cn.idnode.protocol;

/**
 * OC_SESSION_SETUP (400) request (§14.1). Which exchange fields are present depends on the mode; absent ones are
 * empty (and index −1). CNRI clients declare two slack bytes at the end of the body; they are ignored.
 *
 * @param exchangeKey      modes 1 (client RSA key) and 4 (client DH_PUB_KEY blob)
 * @param exchangeKeyHandle mode 3: where the client's public key can be resolved
 */
public record SessionSetupRequest(int keyExchangeMode, int timeout, ByteString identityHandle, int identityIndex,
                                  ByteString exchangeKey, ByteString exchangeKeyHandle, int exchangeKeyIndex)
        implements MessageBody {
    public static final int CIPHER_CLIENT = 1;
    public static final int CIPHER_SERVER = 2;
    public static final int CIPHER_HDL = 3;
    public static final int DIFFIE_HELLMAN = 4;

    @Override
    public void encodeTo(WireWriter w) {
        w.writeShort(keyExchangeMode).writeInt(timeout).writeBytes(identityHandle).writeInt(identityIndex);
        switch (keyExchangeMode) {
            case CIPHER_CLIENT, DIFFIE_HELLMAN -> w.writeBytes(exchangeKey);
            case CIPHER_HDL -> w.writeBytes(exchangeKeyHandle).writeInt(exchangeKeyIndex);
            default -> { }
        }
    }

    static SessionSetupRequest decode(WireReader r) throws ProtocolException {
        int mode = r.readShort("key exchange mode") & 0xFFFF;
        int timeout = r.readInt("session timeout");
        ByteString identity = r.readBytes("identity handle");
        int identityIndex = r.readInt("identity index");
        ByteString key = ByteString.EMPTY;
        ByteString keyHandle = ByteString.EMPTY;
        int keyIndex = -1;
        switch (mode) {
            case CIPHER_CLIENT, DIFFIE_HELLMAN -> key = r.readBytes("exchange key");
            case CIPHER_HDL -> {
                keyHandle = r.readBytes("exchange key handle");
                keyIndex = r.readInt("exchange key index");
            }
            case CIPHER_SERVER -> { }
            default -> throw new ProtocolException(ResponseCode.INVALID_SESSIONSETUP_REQUEST,
                    "unknown key exchange mode " + mode);
        }
        return new SessionSetupRequest(mode, timeout, identity, identityIndex, key, keyHandle, keyIndex);
    }
}
