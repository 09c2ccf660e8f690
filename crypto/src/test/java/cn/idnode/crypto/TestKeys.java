package cn.idnode.crypto;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

/** Key pairs shared by the tests, generated once per run. */
final class TestKeys {
    private TestKeys() {}

    static final KeyPair RSA = generate("RSA", 2048);
    static final KeyPair DSA = generate("DSA", 1024);
    static final KeyPair SM2 = Sm2Crypto.generateKeyPair();

    private static KeyPair generate(String alg, int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
