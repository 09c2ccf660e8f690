package cn.idnode.crypto;

import java.security.PublicKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * The public half of an identity, as decoded from HS_PUBKEY data by {@link PublicKeys#decode} (idis-extensions.md
 * §7): an RSA, DSA or SM2 key that can verify challenge answers, or an SM9 identity string, which idnode stores and
 * serves but cannot verify (no KGC master key is configured — idis-extensions.md §6.2).
 */
public sealed interface IdentityKey permits IdentityKey.Rsa, IdentityKey.Dsa, IdentityKey.Sm2, IdentityKey.Sm9 {

    /** The key for signature checks; empty for SM9 identities. */
    Optional<PublicKey> publicKey();

    /** A short name for logs and messages: "RSA", "DSA", "SM2" or "SM9". */
    String kind();

    /** Wraps a java.security key: RSA, DSA or EC on sm2p256v1. */
    static IdentityKey of(PublicKey key) throws KeyFormatException {
        if (key instanceof RSAPublicKey rsa) {
            return new Rsa(rsa);
        }
        if (key instanceof DSAPublicKey dsa) {
            return new Dsa(dsa);
        }
        if (key instanceof ECPublicKey ec && Sm2Crypto.isSm2Curve(ec.getParams())) {
            return new Sm2(ec);
        }
        throw new KeyFormatException("a " + key.getAlgorithm() + " key cannot be an identity key"
                + (key instanceof ECPublicKey ? " (EC keys must be on sm2p256v1)" : ""));
    }

    record Rsa(RSAPublicKey key) implements IdentityKey {
        public Rsa {
            Objects.requireNonNull(key);
        }

        @Override
        public Optional<PublicKey> publicKey() {
            return Optional.of(key);
        }

        @Override
        public String kind() {
            return "RSA";
        }
    }

    record Dsa(DSAPublicKey key) implements IdentityKey {
        public Dsa {
            Objects.requireNonNull(key);
        }

        @Override
        public Optional<PublicKey> publicKey() {
            return Optional.of(key);
        }

        @Override
        public String kind() {
            return "DSA";
        }
    }

    /** An EC key on sm2p256v1 (Java algorithm name "EC", sometimes "SM2"). */
    record Sm2(ECPublicKey key) implements IdentityKey {
        public Sm2 {
            if (!Sm2Crypto.isSm2Curve(key.getParams())) {
                throw new IllegalArgumentException("not a key on sm2p256v1");
            }
        }

        @Override
        public Optional<PublicKey> publicKey() {
            return Optional.of(key);
        }

        @Override
        public String kind() {
            return "SM2";
        }
    }

    /** An SM9 identity (for example {@code Alice}); verification needs the KGC's master key, which idnode lacks. */
    record Sm9(String identity) implements IdentityKey {
        public Sm9 {
            Objects.requireNonNull(identity);
        }

        @Override
        public Optional<PublicKey> publicKey() {
            return Optional.empty();
        }

        @Override
        public String kind() {
            return "SM9";
        }
    }
}
