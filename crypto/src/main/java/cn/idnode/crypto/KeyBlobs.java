package cn.idnode.crypto;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.WireReader;
import cn.idnode.protocol.WireWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.DSAPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.DHPublicKeySpec;

/**
 * HS_PUBKEY blobs in CNRI's formats (handle-protocol.md §9.3) and java.security public keys.
 *
 * <p>Every big number is a {@code Bytes} field holding {@code BigInteger.toByteArray()} (big-endian two's complement,
 * possibly with a leading 0x00); decoders read them as unsigned, as the spec requires. CNRI ends an RSA blob with
 * four zero bytes (an empty trailing field not in the spec); we write them too, so our blobs are byte-identical to
 * CNRI's, and accept blobs with or without them. Identity keys in every IDIS encoding (SM2 and SM9 blobs, PEM, DER)
 * are read by {@link PublicKeys#decode}, which delegates the CNRI blobs here.
 */
public final class KeyBlobs {
    private KeyBlobs() {}

    public static final String RSA_PUBLIC = "RSA_PUB_KEY";
    public static final String DSA_PUBLIC = "DSA_PUB_KEY";
    public static final String DH_PUBLIC = "DH_PUB_KEY";

    /** The blob type name ("RSA_PUB_KEY"...), or empty if the blob does not start with a readable type. */
    public static String typeOf(ByteString blob) {
        try {
            return WireReader.of(blob).readBytes("key type").utf8();
        } catch (ProtocolException e) {
            return "";
        }
    }

    public static PublicKey decodePublicKey(ByteString blob) throws KeyFormatException {
        try {
            WireReader r = WireReader.of(blob);
            String type = r.readBytes("key type").utf8();
            r.readShort("key flags");
            KeyFactory kf;
            PublicKey key;
            switch (type) {
                case RSA_PUBLIC -> {
                    BigInteger e = unsigned(r.readBytes("RSA exponent"));
                    BigInteger n = unsigned(r.readBytes("RSA modulus"));
                    if (r.remaining() == 4 && r.readInt("RSA trailer") != 0) {
                        throw new KeyFormatException("RSA key blob has a non-zero trailer");
                    }
                    kf = KeyFactory.getInstance("RSA");
                    key = kf.generatePublic(new RSAPublicKeySpec(n, e));
                }
                case DSA_PUBLIC -> {
                    BigInteger q = unsigned(r.readBytes("DSA q"));
                    BigInteger p = unsigned(r.readBytes("DSA p"));
                    BigInteger g = unsigned(r.readBytes("DSA g"));
                    BigInteger y = unsigned(r.readBytes("DSA y"));
                    kf = KeyFactory.getInstance("DSA");
                    key = kf.generatePublic(new DSAPublicKeySpec(y, p, q, g));
                }
                case DH_PUBLIC -> {
                    BigInteger y = unsigned(r.readBytes("DH y"));
                    BigInteger p = unsigned(r.readBytes("DH p"));
                    BigInteger g = unsigned(r.readBytes("DH g"));
                    kf = KeyFactory.getInstance("DH");
                    key = kf.generatePublic(new DHPublicKeySpec(y, p, g));
                }
                default -> throw new KeyFormatException("unsupported public key type \"" + type + "\"");
            }
            r.requireEnd(type);
            return key;
        } catch (ProtocolException e) {
            throw new KeyFormatException("malformed public key blob: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new KeyFormatException("invalid public key: " + e.getMessage(), e);
        }
    }

    public static ByteString encodePublicKey(PublicKey key) throws KeyFormatException {
        WireWriter w = new WireWriter(512);
        if (key instanceof RSAPublicKey rsa) {
            w.writeBytes(ByteString.utf8(RSA_PUBLIC)).writeShort(0)
                    .writeBytes(rsa.getPublicExponent().toByteArray()).writeBytes(rsa.getModulus().toByteArray())
                    .writeInt(0);
        } else if (key instanceof DSAPublicKey dsa) {
            DSAParams p = dsa.getParams();
            w.writeBytes(ByteString.utf8(DSA_PUBLIC)).writeShort(0).writeBytes(p.getQ().toByteArray())
                    .writeBytes(p.getP().toByteArray()).writeBytes(p.getG().toByteArray())
                    .writeBytes(dsa.getY().toByteArray());
        } else if (key instanceof DHPublicKey dh) {
            DHParameterSpec p = dh.getParams();
            w.writeBytes(ByteString.utf8(DH_PUBLIC)).writeShort(0).writeBytes(dh.getY().toByteArray())
                    .writeBytes(p.getP().toByteArray()).writeBytes(p.getG().toByteArray());
        } else {
            throw new KeyFormatException("cannot encode a " + key.getAlgorithm() + " key as a Handle key blob");
        }
        return w.toByteString();
    }

    static BigInteger unsigned(ByteString b) {
        return new BigInteger(1, b.toByteArray());
    }
}
