package cn.idnode.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.DSAPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Public keys as JSON Web Keys, the REST form of HS_PUBKEY data (handle-protocol.md §20.5): RSA
 * {@code {"kty":"RSA","n","e"}}, DSA {@code {"kty":"DSA","y","p","q","g"}}, numbers base64url without padding,
 * unsigned. SM2 keys use the id-pointer SDK's quirk (idis-extensions.md §12): {@code {"kty":"SM2","d":"<base64url of
 * the X.509 SubjectPublicKeyInfo DER>"}} — the <em>public</em> key sits in a member named {@code d}.
 */
public final class Jwk {
    private Jwk() {}

    public static Map<String, String> toJwk(PublicKey key) throws KeyFormatException {
        Map<String, String> m = new LinkedHashMap<>();
        if (key instanceof RSAPublicKey rsa) {
            m.put("kty", "RSA");
            m.put("n", b64(rsa.getModulus()));
            m.put("e", b64(rsa.getPublicExponent()));
        } else if (key instanceof DSAPublicKey dsa) {
            DSAParams p = dsa.getParams();
            m.put("kty", "DSA");
            m.put("y", b64(dsa.getY()));
            m.put("p", b64(p.getP()));
            m.put("q", b64(p.getQ()));
            m.put("g", b64(p.getG()));
        } else if (key instanceof java.security.interfaces.ECPublicKey) {
            m.put("kty", "SM2");
            m.put("d", Base64.getUrlEncoder().withoutPadding().encodeToString(PublicKeys.spki(key)));
        } else {
            throw new KeyFormatException("no JWK form for " + key.getAlgorithm() + " keys");
        }
        return m;
    }

    public static PublicKey fromJwk(Map<String, String> jwk) throws KeyFormatException {
        String kty = jwk.get("kty");
        try {
            if ("RSA".equals(kty)) {
                return KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(num(jwk, "n"), num(jwk, "e")));
            }
            if ("DSA".equals(kty)) {
                return KeyFactory.getInstance("DSA").generatePublic(
                        new DSAPublicKeySpec(num(jwk, "y"), num(jwk, "p"), num(jwk, "q"), num(jwk, "g")));
            }
            if ("SM2".equals(kty)) {
                PublicKey key = PublicKeys.decodeSpki(bytes(jwk, "d"));
                if (!(key instanceof java.security.interfaces.ECPublicKey)) {
                    throw new KeyFormatException("SM2 JWK holds a " + key.getAlgorithm() + " key");
                }
                return key;
            }
        } catch (GeneralSecurityException e) {
            throw new KeyFormatException("invalid JWK: " + e.getMessage(), e);
        }
        throw new KeyFormatException("unsupported JWK key type \"" + kty + "\" (RSA, DSA and SM2 are supported)");
    }

    private static BigInteger num(Map<String, String> jwk, String name) throws KeyFormatException {
        return new BigInteger(1, bytes(jwk, name));
    }

    private static byte[] bytes(Map<String, String> jwk, String name) throws KeyFormatException {
        String v = jwk.get(name);
        if (v == null) {
            throw new KeyFormatException("JWK member \"" + name + "\" is missing");
        }
        try {
            return Base64.getUrlDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException("JWK member \"" + name + "\" is not base64url", e);
        }
    }

    private static String b64(BigInteger n) {
        byte[] b = n.toByteArray();
        int start = b.length > 1 && b[0] == 0 ? 1 : 0;
        byte[] u = java.util.Arrays.copyOfRange(b, start, b.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(u);
    }
}
