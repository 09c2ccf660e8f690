package cn.idnode.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ProtocolVersion;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.handle.hdllib.SessionSetupInfo;
import org.junit.jupiter.api.Test;

/**
 * Every decoder of wire input, fed seeded mutations of valid inputs (bit flips, truncations, extensions, corrupted
 * length fields) and random bytes: the only allowed failure is the decoder's declared exception.
 */
class HostileInputTest {
    private static final byte[] NONCE = new byte[16];
    private static final byte[] DIGEST = new byte[32];
    private static final ByteString HANDLE = ByteString.utf8("88.888.1024/u");

    @Test
    void publicKeyDecoding() throws Exception {
        List<byte[]> seeds = List.of(KeyBlobs.encodePublicKey(TestKeys.RSA.getPublic()).toByteArray(),
                KeyBlobs.encodePublicKey(TestKeys.DSA.getPublic()).toByteArray(),
                PublicKeys.encodeSm2Blob(TestKeys.SM2.getPublic()).toByteArray(),
                PublicKeysTest.sm2Blob(PublicKeys.spki(TestKeys.SM2.getPublic())).toByteArray(),
                PublicKeys.encodePem(TestKeys.SM2.getPublic()).toByteArray(),
                PublicKeys.spki(TestKeys.RSA.getPublic()));
        for (byte[] input : mutations(seeds, 1500, 1)) {
            try {
                PublicKeys.decode(ByteString.wrap(input));
            } catch (KeyFormatException expected) {
                // declared
            }
            PublicKeys.restForm(ByteString.wrap(input));
        }
    }

    @Test
    void publicKeyAnswers() throws Exception {
        List<IdentityKey> keys = List.of(IdentityKey.of(TestKeys.RSA.getPublic()), IdentityKey.of(TestKeys.DSA.getPublic()),
                IdentityKey.of(TestKeys.SM2.getPublic()));
        List<byte[]> seeds = new ArrayList<>();
        for (String alg : new String[] {"SHA-256", "SHA1"}) {
            seeds.add(ChallengeAnswers.signPublicKey(TestKeys.RSA.getPrivate(), alg, HANDLE, NONCE, DIGEST).toByteArray());
            seeds.add(ChallengeAnswers.signPublicKey(TestKeys.DSA.getPrivate(), alg, HANDLE, NONCE, DIGEST).toByteArray());
        }
        seeds.add(ChallengeAnswers.signPublicKey(TestKeys.SM2.getPrivate(), "SM3", HANDLE, NONCE, DIGEST).toByteArray());
        seeds.add(ChallengeAnswers.signPublicKey(TestKeys.SM2.getPrivate(), "SHA-256", HANDLE, NONCE, DIGEST)
                .toByteArray());
        for (byte[] input : mutations(seeds, 250, 2)) {
            for (IdentityKey k : keys) {
                try {
                    if (ChallengeAnswers.verifyPublicKey(k, HANDLE, ByteString.wrap(input), NONCE, DIGEST)) {
                        // like CNRI, bytes after the signature field are ignored; nothing else may change
                        assertThat(seeds).anySatisfy(seed -> assertThat(input).startsWith(seed));
                    }
                } catch (ChallengeAnswerException expected) {
                    // declared
                }
            }
        }
    }

    @Test
    void secretKeyAnswers() throws Exception {
        byte[] secret = "secret".getBytes(StandardCharsets.US_ASCII);
        List<byte[]> seeds = new ArrayList<>();
        for (int code : new int[] {0x01, 0x02, 0x03, 0x12, 0x13}) {
            seeds.add(ChallengeAnswers.secretKeyAnswer(secret, code, NONCE, DIGEST).toByteArray());
        }
        // PBKDF2 with few iterations, so that mutants stay cheap; the bound itself is tested elsewhere
        seeds.add(new SecretKeyAnswer(SecretKeyAnswer.Algorithm.PBKDF2_HMAC_SHA1, ByteString.wrap(new byte[20]),
                ByteString.wrap(new byte[16]), 2, 160).encode().toByteArray());
        for (byte[] input : mutations(seeds, 1500, 3)) {
            try {
                ChallengeAnswers.verifySecretKey(secret, ByteString.wrap(input), NONCE, DIGEST);
            } catch (ChallengeAnswerException expected) {
                // declared
            }
        }
    }

    @Test
    void identityTokens() throws Exception {
        String token = IdentityToken.create(new IdentityToken.Claims(300, "88.888.1024/u", 1, 2),
                (RSAPrivateKey) TestKeys.RSA.getPrivate());
        IdentityKey rsa = IdentityKey.of(TestKeys.RSA.getPublic());
        for (byte[] input : mutations(List.of(token.getBytes(StandardCharsets.US_ASCII)), 1500, 4)) {
            try {
                IdentityToken.parse(ByteString.wrap(input)).verify(rsa);
            } catch (IdentityTokenException expected) {
                // declared
            }
        }
    }

    @Test
    void sessionCiphertexts() throws Exception {
        for (SessionAlgorithm alg : SessionAlgorithm.values()) {
            SessionCipher c = new SessionCipher(SessionKeys.generate(alg), ProtocolVersion.V2_11);
            for (byte[] input : mutations(List.of(c.encrypt(new byte[40]), c.encrypt(new byte[3])), 300, 5)) {
                try {
                    c.decrypt(input);
                } catch (SessionCryptoException expected) {
                    // declared
                }
            }
        }
    }

    @Test
    void diffieHellmanSetups() throws Exception {
        SessionSetupInfo client = new SessionSetupInfo();
        client.initDHKeys();
        for (byte[] input : mutations(List.of(client.publicExchangeKey), 150, 6)) {
            try {
                SessionKeys.diffieHellman(ByteString.wrap(input), SessionAlgorithm.AES, ProtocolVersion.V2_11);
            } catch (SessionCryptoException expected) {
                // declared
            }
        }
    }

    /** Seeded mutants: bit flips, truncations, appended bytes, corrupted int4 fields, and pure noise. */
    static List<byte[]> mutations(List<byte[]> seeds, int count, long seed) {
        Random r = new Random(seed);
        List<byte[]> out = new ArrayList<>(seeds);
        for (int i = 0; i < count; i++) {
            byte[] s = seeds.get(r.nextInt(seeds.size())).clone();
            byte[] m = switch (r.nextInt(6)) {
                case 0 -> {
                    for (int j = 1 + r.nextInt(3); j > 0 && s.length > 0; j--) {
                        s[r.nextInt(s.length)] ^= (byte) (1 << r.nextInt(8));
                    }
                    yield s;
                }
                case 1 -> Arrays.copyOf(s, s.length == 0 ? 0 : r.nextInt(s.length));
                case 2 -> {
                    byte[] e = Arrays.copyOf(s, s.length + 1 + r.nextInt(8));
                    for (int j = s.length; j < e.length; j++) {
                        e[j] = (byte) r.nextInt(256);
                    }
                    yield e;
                }
                case 3 -> {
                    if (s.length >= 4) {
                        int at = r.nextInt(s.length - 3);
                        int v = switch (r.nextInt(4)) {
                            case 0 -> -1;
                            case 1 -> Integer.MAX_VALUE;
                            case 2 -> r.nextInt(s.length + 8);
                            default -> Integer.MIN_VALUE;
                        };
                        s[at] = (byte) (v >>> 24);
                        s[at + 1] = (byte) (v >>> 16);
                        s[at + 2] = (byte) (v >>> 8);
                        s[at + 3] = (byte) v;
                    }
                    yield s;
                }
                case 4 -> {
                    byte[] noise = new byte[r.nextInt(64)];
                    r.nextBytes(noise);
                    yield noise;
                }
                default -> {
                    if (s.length > 0) {
                        s[r.nextInt(s.length)] = (byte) r.nextInt(256);
                    }
                    yield s;
                }
            };
            out.add(m);
        }
        return out;
    }
}
