package cn.idnode.protocol;

/**
 * The credential section of a signed message (handle-protocol.md §1.3). For the two types in use ({@code HS_SIGNED}
 * and {@code HS_MAC}) the signed-info part holds the algorithm and the signature; see {@link #algorithm()} and
 * {@link #signature()}.
 *
 * @param signerIndex CNRI puts the session counter here (§14.4)
 * @param signedInfo  the section bytes after the type: {@code UTF8String alg, Bytes sig} for known types
 */
public record Credential(int version, int reserved, int flags, ByteString signerHandle, int signerIndex,
                         ByteString type, ByteString signedInfo) {
    public static final ByteString HS_SIGNED = ByteString.utf8("HS_SIGNED");
    public static final ByteString HS_MAC = ByteString.utf8("HS_MAC");
    public static final ByteString HS_DSAPUBKEY = ByteString.utf8("HS_DSAPUBKEY");

    public static Credential of(ByteString type, int signerIndex, ByteString algorithm, ByteString signature) {
        WireWriter w = new WireWriter(8 + algorithm.length() + signature.length());
        w.writeBytes(algorithm).writeBytes(signature);
        return new Credential(0, 0, 0, ByteString.EMPTY, signerIndex, type, w.toByteString());
    }

    public ByteString algorithm() throws ProtocolException {
        return WireReader.of(signedInfo).readBytes("credential algorithm");
    }

    public ByteString signature() throws ProtocolException {
        WireReader r = WireReader.of(signedInfo);
        r.readBytes("credential algorithm");
        ByteString sig = r.readBytes("credential signature");
        r.requireEnd("credential");
        return sig;
    }

    /** Writes {@code int4 CredentialLength} and the section. */
    public void encodeTo(WireWriter w) {
        int lengthAt = w.position();
        w.writeInt(0);
        int start = w.position();
        w.writeByte(version).writeByte(reserved).writeShort(flags).writeBytes(signerHandle).writeInt(signerIndex)
                .writeBytes(type).writeBytes(signedInfo);
        w.setInt(lengthAt, w.position() - start);
    }

    /** Decodes the section content ({@code length} bytes, after the int4 length). */
    public static Credential decode(WireReader r) throws ProtocolException {
        int version = r.readUnsignedByte("credential version");
        int reserved = r.readUnsignedByte("credential reserved");
        int flags = r.readShort("credential flags") & 0xFFFF;
        ByteString signer = r.readBytes("credential signer handle");
        int signerIndex = r.readInt("credential signer index");
        ByteString type = r.readBytes("credential type");
        ByteString info = r.readBytes("credential signed info");
        r.requireEnd("credential");
        return new Credential(version, reserved, flags, signer, signerIndex, type, info);
    }
}
