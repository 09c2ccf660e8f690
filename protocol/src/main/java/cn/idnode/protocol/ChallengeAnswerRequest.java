package cn.idnode.protocol;

/**
 * OC_RESPONSE_TO_CHALLENGE (200) request (§7.9): the client's answer to an RC 402 challenge.
 *
 * @param authType       {@code HS_PUBKEY} or {@code HS_SECKEY}
 * @param userIdIndex    0 means "any index of the identity handle"
 * @param signedResponse for public keys {@code UTF8String hashAlg, Bytes signature}; for secret keys a hash code
 *                       byte and the MAC (§13.3, §13.4)
 */
public record ChallengeAnswerRequest(ByteString authType, ByteString userIdHandle, int userIdIndex,
                                     ByteString signedResponse) implements MessageBody {
    public static final ByteString HS_PUBKEY = ByteString.utf8("HS_PUBKEY");
    public static final ByteString HS_SECKEY = ByteString.utf8("HS_SECKEY");

    @Override
    public void encodeTo(WireWriter w) {
        w.writeBytes(authType).writeBytes(userIdHandle).writeInt(userIdIndex).writeBytes(signedResponse);
    }

    static ChallengeAnswerRequest decode(WireReader r) throws ProtocolException {
        ByteString type = r.readBytes("auth type");
        ByteString handle = r.readBytes("user id handle");
        int index = r.readInt("user id index");
        return new ChallengeAnswerRequest(type, handle, index, r.readBytes("signed response"));
    }
}
