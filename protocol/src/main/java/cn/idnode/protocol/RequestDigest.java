package cn.idnode.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A request digest as it leads response bodies (handle-protocol.md §6.2): a hash code and the raw digest of the
 * request's header and body bytes as received.
 *
 * @param algorithm the hash code byte: {@link #MD5}, {@link #SHA1} or {@link #SHA256}
 */
public record RequestDigest(int algorithm, ByteString digest) {
    public static final int MD5 = 1;
    public static final int SHA1 = 2;
    public static final int SHA256 = 3;

    public RequestDigest {
        if (digest.length() != lengthOf(algorithm)) {
            throw new IllegalArgumentException("digest of hash code " + algorithm + " must be " + lengthOf(algorithm)
                    + " bytes, got " + digest.length());
        }
    }

    public static int lengthOf(int hashCode) {
        return switch (hashCode) {
            case MD5 -> 16;
            case SHA1 -> 20;
            case SHA256 -> 32;
            default -> throw new IllegalArgumentException("unknown digest hash code " + hashCode);
        };
    }

    /** The digest algorithm for a response version: SHA-256 from 2.7, SHA-1 before. */
    public static int hashCodeFor(ProtocolVersion responseVersion) {
        return responseVersion.atLeast(ProtocolVersion.V2_7) ? SHA256 : SHA1;
    }

    public static String algorithmName(int hashCode) {
        return switch (hashCode) {
            case MD5 -> "MD5";
            case SHA1 -> "SHA-1";
            case SHA256 -> "SHA-256";
            default -> throw new IllegalArgumentException("unknown digest hash code " + hashCode);
        };
    }

    public static RequestDigest compute(int hashCode, ByteString headerAndBody) {
        return new RequestDigest(hashCode, ByteString.wrap(hash(hashCode, headerAndBody)));
    }

    public static RequestDigest compute(ProtocolVersion responseVersion, ByteString headerAndBody) {
        return compute(hashCodeFor(responseVersion), headerAndBody);
    }

    public static byte[] hash(int hashCode, ByteString data) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithmName(hashCode));
            md.update(data.array());
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without " + algorithmName(hashCode), e);
        }
    }

    public void encodeTo(WireWriter w) {
        w.writeByte(algorithm).writeRaw(digest);
    }

    public static RequestDigest decode(WireReader r) throws ProtocolException {
        int code = r.readUnsignedByte("digest hash code");
        if (code != MD5 && code != SHA1 && code != SHA256) {
            throw ProtocolException.malformed("unknown digest hash code " + code);
        }
        return new RequestDigest(code, r.readFixed(lengthOf(code), "request digest"));
    }
}
