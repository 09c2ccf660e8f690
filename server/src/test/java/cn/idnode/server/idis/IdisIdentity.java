package cn.idnode.server.idis;

import java.security.KeyPair;

/**
 * An identity as an IDIS client holds it: {@code index:handle}, its key pair, the HS_PUBKEY data stored for it (one
 * of the encodings of idis-extensions.md §7) — or, for a secret-key identity, the HS_SECKEY bytes — and how the
 * client answers challenges (§6, appendix A7).
 */
record IdisIdentity(String handle, int index, KeyPair keys, byte[] pubkeyData, Scheme scheme) {
    enum Scheme {
        /** §6.1: hash name "SM3", SM2 over SM3(nonce ‖ digest), user id = the identity handle. */
        SM2_SM3("SM3"),
        /** Appendix A7 (b): hash name "SHA-256", SHA256withSM2 over nonce ‖ digest, default user id. */
        SM2_SHA256("SHA-256"),
        /** §6: hash name "SHA-256", SHA256withRSA over nonce ‖ digest. */
        RSA_SHA256("SHA-256"),
        /** §6: hash name "SHA-256", SHA256withDSA (DER) over nonce ‖ digest. */
        DSA_SHA256("SHA-256"),
        /** §6.2: hash name "SM3"; the test client cannot sign SM9, it sends 64 bytes the server cannot check. */
        SM9("SM3"),
        /** §6.3 / handle-protocol.md §13.4: an HS_SECKEY answer, PBKDF2-HMAC-SHA1 (code 0x22); no key pair. */
        SECRET_PBKDF2("");

        final String hashName;

        Scheme(String hashName) {
            this.hashName = hashName;
        }
    }

    String reference() {
        return index + ":" + handle;
    }

    /** The signature over nonce ‖ digest by this identity's scheme. */
    byte[] sign(byte[] nonce, byte[] digest) {
        return switch (scheme) {
            case SM2_SM3 -> IdisCrypto.signSm2Sm3(keys.getPrivate(), handle, nonce, digest);
            case SM2_SHA256 -> IdisCrypto.signSha256WithSm2(keys.getPrivate(), nonce, digest);
            case RSA_SHA256 -> IdisCrypto.signRsa(keys.getPrivate(), IdisCrypto.concat(nonce, digest));
            case DSA_SHA256 -> IdisCrypto.signDsa(keys.getPrivate(), IdisCrypto.concat(nonce, digest));
            case SM9 -> new byte[64];
            case SECRET_PBKDF2 -> throw new IllegalStateException("a secret-key identity does not sign");
        };
    }

    /** {@code HS_SECKEY} for a secret-key identity, else {@code HS_PUBKEY}: the auth type and the value type. */
    String keyType() {
        return scheme == Scheme.SECRET_PBKDF2 ? "HS_SECKEY" : "HS_PUBKEY";
    }

    /**
     * The OC 200 {@code signedResponse}: {@code UTF8String hashAlg ‖ Bytes signature} for public keys (§6,
     * handle-protocol.md §13.3); the PBKDF2 answer for secret keys (§13.4).
     */
    byte[] signedResponse(byte[] nonce, byte[] digest) {
        if (scheme == Scheme.SECRET_PBKDF2) {
            return IdisCrypto.pbkdf2Answer(pubkeyData, IdisCrypto.concat(nonce, digest));
        }
        return new IdisBytes().utf8(scheme.hashName).bytes(sign(nonce, digest)).toArray();
    }

    /** The same identity name with another key (a forger's answer). */
    IdisIdentity withKeys(KeyPair other) {
        return new IdisIdentity(handle, index, other, pubkeyData, scheme);
    }

    @Override
    public String toString() {
        return reference() + " (" + scheme + ")";
    }
}
