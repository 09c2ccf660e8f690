package cn.idnode.protocol;

/**
 * OC_VERIFY_CHALLENGE (201) request (§7.10): another server asks us to check a secret-key answer.
 *
 * @param digestHashCode 0 if {@code origRequestDigest} was length-prefixed, else the hash code of the
 *                       "hash code + fixed-size digest" variant CNRI also decodes
 */
public record VerifyChallengeRequest(ByteString handle, int index, ByteString nonce, int digestHashCode,
                                     ByteString origRequestDigest, ByteString signedResponse) implements MessageBody {
    @Override
    public void encodeTo(WireWriter w) {
        w.writeBytes(handle).writeInt(index).writeBytes(nonce);
        if (digestHashCode == 0) {
            w.writeBytes(origRequestDigest);
        } else {
            w.writeByte(digestHashCode).writeRaw(origRequestDigest);
        }
        w.writeBytes(signedResponse);
    }

    static VerifyChallengeRequest decode(WireReader r) throws ProtocolException {
        ByteString handle = r.readBytes("handle");
        int index = r.readInt("index");
        ByteString nonce = r.readBytes("nonce");
        int first = r.remaining() > 0 ? r.buffer()[r.position()] & 0xFF : 0;
        int code = 0;
        ByteString digest;
        if (first == 0) {
            digest = r.readBytes("original request digest");
        } else {
            code = r.readUnsignedByte("digest hash code");
            int len;
            try {
                len = RequestDigest.lengthOf(code);
            } catch (IllegalArgumentException e) {
                throw ProtocolException.malformed("unknown digest hash code " + code);
            }
            digest = r.readFixed(len, "original request digest");
        }
        return new VerifyChallengeRequest(handle, index, nonce, code, digest, r.readBytes("signed response"));
    }
}
