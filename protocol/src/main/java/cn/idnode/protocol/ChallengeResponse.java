package cn.idnode.protocol;

/** The RC 402 challenge body (§6.5): a 16-byte nonce after the (mandatory) request digest. */
public record ChallengeResponse(ByteString nonce) implements MessageBody {
    @Override
    public void encodeTo(WireWriter w) {
        w.writeBytes(nonce);
    }

    static ChallengeResponse decode(WireReader r) throws ProtocolException {
        return new ChallengeResponse(r.readBytes("nonce"));
    }
}
