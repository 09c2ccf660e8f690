package cn.idnode.protocol;

/** OC_VERIFY_CHALLENGE success body (§7.10): bit 0x01 = the answer is valid. */
public record VerifyChallengeResponse(boolean valid) implements MessageBody {
    @Override
    public void encodeTo(WireWriter w) {
        w.writeByte(valid ? 1 : 0);
    }

    static VerifyChallengeResponse decode(WireReader r) throws ProtocolException {
        return new VerifyChallengeResponse((r.readUnsignedByte("is valid") & 0x01) != 0);
    }
}
