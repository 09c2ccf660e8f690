package cn.idnode.crypto;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ProtocolException;
import cn.idnode.protocol.WireReader;
import cn.idnode.protocol.WireWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * HS_PUBKEY data in every encoding a server must accept (idis-extensions.md §7) and the IDIS encoders.
 *
 * <p>Design note — the parsing rule of §7: data that starts with an {@code int4} length 1–64 followed by one of the
 * five ASCII type names is a blob ({@code RSA_PUB_KEY}, {@code DSA_PUB_KEY}, {@code DH_PUB_KEY} in CNRI's format,
 * handle-protocol.md §9.3; {@code SM2_PUB_KEY} wrapping PEM <em>or</em> DER SubjectPublicKeyInfo, because the SDK
 * writes PEM but reads DER; {@code SM9_PUB_KEY} wrapping an identity string); else text that starts with
 * {@code -----BEGIN} is PEM; else DER SubjectPublicKeyInfo is tried; anything else is rejected. SPKI keys may be RSA,
 * DSA or EC on sm2p256v1 (whatever the curve is called). A {@code DH_PUB_KEY} is well-formed but is a session
 * exchange key, never an identity. Key strength is bounded both ways: RSA moduli 1024–16384 bits, DSA primes
 * 1024–3072 bits, so a weak stored key cannot authenticate and a huge one cannot burn CPU.
 */
public final class PublicKeys {
    private PublicKeys() {}

    public static final String SM2_PUBLIC = "SM2_PUB_KEY";
    public static final String SM9_PUBLIC = "SM9_PUB_KEY";
    /** Longest HS_PUBKEY data we parse; real keys are under 2 KiB. */
    public static final int MAX_KEY_DATA_LENGTH = 16 * 1024;
    private static final int MAX_SM9_IDENTITY_LENGTH = 1024;
    private static final Set<String> BLOB_TYPES = Set.of(KeyBlobs.RSA_PUBLIC, KeyBlobs.DSA_PUBLIC, KeyBlobs.DH_PUBLIC,
            SM2_PUBLIC, SM9_PUBLIC);

    /** The REST text of a value (handle-protocol.md §20.5 {@code format}/{@code value}). */
    public record RestForm(String format, String value) {}

    /** Decodes HS_PUBKEY value data in any of the four encodings of idis-extensions.md §7. */
    public static IdentityKey decode(ByteString data) throws KeyFormatException {
        try {
            return decodeUnchecked(data);
        } catch (RuntimeException e) { // defensive: library surprises on hostile input are format errors too
            throw new KeyFormatException("invalid public key data: " + e, e);
        }
    }

    private static IdentityKey decodeUnchecked(ByteString data) throws KeyFormatException {
        if (data.length() > MAX_KEY_DATA_LENGTH) {
            throw new KeyFormatException("public key data longer than " + MAX_KEY_DATA_LENGTH + " bytes");
        }
        String type = blobType(data);
        if (type != null) {
            return decodeBlob(type, data);
        }
        byte[] bytes = data.toByteArray();
        if (Pem.looksLikePem(bytes)) {
            return checked(decodeSpki(Pem.decodePublicKey(bytes)));
        }
        try {
            return checked(decodeSpki(bytes));
        } catch (KeyFormatException e) {
            throw new KeyFormatException("public key data is neither a key blob, PEM nor DER SubjectPublicKeyInfo", e);
        }
    }

    /** A public key from DER SubjectPublicKeyInfo: RSA, DSA or EC on sm2p256v1. */
    public static PublicKey decodeSpki(byte[] der) throws KeyFormatException {
        if (der.length > MAX_KEY_DATA_LENGTH) {
            throw new KeyFormatException("SubjectPublicKeyInfo longer than " + MAX_KEY_DATA_LENGTH + " bytes");
        }
        SubjectPublicKeyInfo spki;
        try {
            spki = der.length == 0 ? null : SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new KeyFormatException("malformed DER SubjectPublicKeyInfo", e);
        }
        if (spki == null) {
            throw new KeyFormatException("empty SubjectPublicKeyInfo");
        }
        ASN1ObjectIdentifier alg = spki.getAlgorithm().getAlgorithm();
        try {
            X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
            if (alg.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                return KeyFactory.getInstance("RSA").generatePublic(spec);
            }
            if (alg.equals(X9ObjectIdentifiers.id_dsa)) {
                return KeyFactory.getInstance("DSA").generatePublic(spec);
            }
            if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                if (!GMObjectIdentifiers.sm2p256v1.equals(spki.getAlgorithm().getParameters())) {
                    throw new KeyFormatException("EC public keys must be on sm2p256v1 (" + Sm2Crypto.CURVE_OID + ")");
                }
                return KeyFactory.getInstance("EC", Sm2Crypto.PROVIDER).generatePublic(spec);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyFormatException("invalid " + alg.getId() + " public key: " + e.getMessage(), e);
        }
        throw new KeyFormatException("unsupported public key algorithm " + alg.getId());
    }

    /** An {@code SM2_PUB_KEY} blob holding PEM text, as the id-pointer SDK writes it. */
    public static ByteString encodeSm2Blob(PublicKey key) throws KeyFormatException {
        if (!(key instanceof ECPublicKey)) {
            throw new KeyFormatException("an SM2_PUB_KEY blob holds an SM2 key, not " + key.getAlgorithm());
        }
        byte[] pem = pem(key).getBytes(StandardCharsets.US_ASCII);
        return new WireWriter(pem.length + 32).writeBytes(ByteString.utf8(SM2_PUBLIC)).writeShort(0).writeBytes(pem)
                .toByteString();
    }

    /** The bare PEM value ("IDIS format", encoding 4). */
    public static ByteString encodePem(PublicKey key) throws KeyFormatException {
        return ByteString.utf8(pem(key));
    }

    /** PEM text of the key's SubjectPublicKeyInfo, CRLF line ends (SM2 keys written with the named curve). */
    public static String pem(PublicKey key) throws KeyFormatException {
        return Pem.encodePublicKey(spki(key));
    }

    /** DER SubjectPublicKeyInfo; SM2 keys always as id-ecPublicKey + sm2p256v1 + uncompressed point. */
    public static byte[] spki(PublicKey key) throws KeyFormatException {
        if (key instanceof ECPublicKey ec) {
            ECPublicKeyParameters p = Sm2Crypto.publicParametersOrNull(ec);
            if (p == null) {
                throw new KeyFormatException("EC public keys must be on sm2p256v1");
            }
            try {
                return new SubjectPublicKeyInfo(
                        new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, GMObjectIdentifiers.sm2p256v1),
                        p.getQ().getEncoded(false)).getEncoded(ASN1Encoding.DER);
            } catch (IOException e) {
                throw new KeyFormatException("cannot encode SM2 key", e);
            }
        }
        if (key instanceof RSAPublicKey || key instanceof DSAPublicKey) {
            return key.getEncoded();
        }
        throw new KeyFormatException("no SubjectPublicKeyInfo form for " + key.getAlgorithm() + " keys here");
    }

    /**
     * The REST text of HS_PUBKEY data that CNRI's {@code key} (JWK) form cannot express (idis-extensions.md §7):
     * PEM text — bare, or the text inside an {@code SM2_PUB_KEY} blob — as {@code string}; DER and SM9 blobs and
     * anything unreadable as {@code base64}. Empty for CNRI blobs (RSA/DSA/DH), which keep the JWK form.
     */
    public static Optional<RestForm> restForm(ByteString data) {
        String type = blobType(data);
        if (KeyBlobs.RSA_PUBLIC.equals(type) || KeyBlobs.DSA_PUBLIC.equals(type) || KeyBlobs.DH_PUBLIC.equals(type)) {
            return Optional.empty();
        }
        byte[] text = data.toByteArray();
        if (SM2_PUBLIC.equals(type)) {
            try {
                WireReader r = WireReader.of(data);
                r.readBytes("key type");
                r.readShort("key flags");
                text = r.readBytes("SM2 key").toByteArray();
            } catch (ProtocolException e) {
                text = new byte[0];
            }
        }
        if (type == null || SM2_PUBLIC.equals(type)) {
            if (Pem.looksLikePem(text) && data.length() <= MAX_KEY_DATA_LENGTH && ByteString.wrap(text).isValidUtf8()) {
                return Optional.of(new RestForm("string", new String(text, StandardCharsets.UTF_8)));
            }
        }
        return Optional.of(new RestForm("base64", Base64.getEncoder().encodeToString(data.toByteArray())));
    }

    /** The blob type if {@code data} starts with a length-prefixed known type name (§7 parsing rule), else null. */
    static String blobType(ByteString data) {
        if (data.length() < 5) {
            return null;
        }
        int n = ((data.byteAt(0) & 0xFF) << 24) | ((data.byteAt(1) & 0xFF) << 16) | ((data.byteAt(2) & 0xFF) << 8)
                | (data.byteAt(3) & 0xFF);
        if (n < 1 || n > 64 || data.length() < 4 + n) {
            return null;
        }
        String name = new String(data.substring(4, 4 + n).toByteArray(), StandardCharsets.ISO_8859_1);
        return BLOB_TYPES.contains(name) ? name : null;
    }

    private static IdentityKey decodeBlob(String type, ByteString data) throws KeyFormatException {
        switch (type) {
            case KeyBlobs.RSA_PUBLIC, KeyBlobs.DSA_PUBLIC:
                return checked(KeyBlobs.decodePublicKey(data));
            case KeyBlobs.DH_PUBLIC:
                throw new KeyFormatException("a DH_PUB_KEY is a session exchange key, not an identity key");
            default:
                break;
        }
        ByteString payload;
        try {
            WireReader r = WireReader.of(data);
            r.readBytes("key type");
            r.readShort("key flags");
            payload = r.readBytes(type + " payload");
            r.requireEnd(type);
        } catch (ProtocolException e) {
            throw new KeyFormatException("malformed " + type + " blob: " + e.getMessage(), e);
        }
        if (type.equals(SM9_PUBLIC)) {
            if (payload.isEmpty() || payload.length() > MAX_SM9_IDENTITY_LENGTH || !payload.isValidUtf8()) {
                throw new KeyFormatException("SM9_PUB_KEY identity must be 1–" + MAX_SM9_IDENTITY_LENGTH
                        + " bytes of UTF-8");
            }
            return new IdentityKey.Sm9(payload.utf8());
        }
        byte[] inner = payload.toByteArray();
        PublicKey key = decodeSpki(Pem.looksLikePem(inner) ? Pem.decodePublicKey(inner) : inner);
        if (!(key instanceof ECPublicKey)) {
            throw new KeyFormatException("SM2_PUB_KEY blob holds a " + key.getAlgorithm() + " key");
        }
        return checked(key);
    }

    private static IdentityKey checked(PublicKey key) throws KeyFormatException {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < 1024 || bits > 16384) {
                throw new KeyFormatException("RSA identity keys must have 1024–16384 bit moduli, not " + bits);
            }
        } else if (key instanceof DSAPublicKey dsa) {
            int bits = dsa.getParams().getP().bitLength();
            if (bits < 1024 || bits > 3072) {
                throw new KeyFormatException("DSA identity keys must have 1024–3072 bit primes, not " + bits);
            }
        }
        return IdentityKey.of(key);
    }
}
