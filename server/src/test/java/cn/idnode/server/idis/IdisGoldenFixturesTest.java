package cn.idnode.server.idis;

import static org.assertj.core.api.Assertions.assertThat;

import cn.idnode.testing.HexFixture;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * The protocol module's golden IDIS fixtures (protocol/src/test/resources/fixtures/messages) read and rebuilt by the
 * spec-written client: what the client sends is byte for byte the request fixtures, and the response fixtures mean
 * to it what the spec says. The codec's own view of the same fixtures is in GoldenRequestsTest /
 * GoldenResponsesTest, so the client, the fixtures and the server codec are checked against each other.
 *
 * <p>Key material: the GM/T 0003.5 example key (private key 3945208F…4DF7C5B8 on sm2p256v1) and its k.
 */
class IdisGoldenFixturesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger GMT_D =
            new BigInteger("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8", 16);
    private static final String GMT_K = "59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21";
    private static final String HANDLE = "88.888.1024/sm2user1";

    /** A fixture of the protocol module (tests run in the server module's directory). */
    static byte[] fixture(String name) throws IOException {
        Path p = Path.of("..", "protocol", "src", "test", "resources", "fixtures", "messages", name + ".hex");
        return HexFixture.parse(Files.readString(p), name);
    }

    static IdisReply decode(byte[] frame) {
        return IdisReply.decode(Arrays.copyOf(frame, 20), Arrays.copyOfRange(frame, 20, frame.length),
                frame.length - 20);
    }

    static IdisWireClient client() {
        IdisWireClient c = new IdisWireClient(10001);
        c.expiration = 0x66000000;
        return c;
    }

    @Test
    void theLoginExchangeIsWhatTheClientSendsAndReads() throws Exception {
        IdisWireClient c = client();
        byte[] login = c.frame(IdisWireClient.OC_LOGIN, IdisWireClient.LOGIN_FLAGS,
                new IdisBytes().utf8(HANDLE).int4(300).toArray(), false, 2, 10001);
        HexFixture.assertBytesEqual(fixture("req-login-id-system"), login, "OC 2001");
        byte[] loginDigest = IdisCrypto.sha256(c.lastHeaderAndBody);

        IdisReply challenge = decode(fixture("resp-challenge-login"));
        assertThat(challenge.responseCode()).isEqualTo(402);
        assertThat(challenge.opCode()).isEqualTo(IdisWireClient.OC_LOGIN);
        assertThat(challenge.sessionId()).isEqualTo(10001);
        assertThat(challenge.digest()).as("the client's own check (§5.4)").isEqualTo(loginDigest);

        byte[] sig = IdisCrypto.sm2Sign(new ECPrivateKeyParameters(GMT_D, IdisCrypto.SM2_DOMAIN),
                IdisCrypto.ascii(HANDLE), IdisCrypto.sm3(challenge.nonce(), challenge.digest()), new SM3Digest(),
                fixed(GMT_K));
        byte[] signed = new IdisBytes().utf8("SM3").bytes(sig).toArray();
        byte[] answer = c.frame(IdisWireClient.OC_CHALLENGE_ANSWER, IdisWireClient.LOGIN_FLAGS, new IdisBytes()
                .utf8("HS_PUBKEY").utf8(HANDLE).int4(300).bytes(signed).toArray(), true, 3, challenge.sessionId());
        HexFixture.assertBytesEqual(fixture("req-challenge-answer-sm2"), answer, "OC 200 with an SM2 signature");

        IdisReply done = decode(fixture("resp-login-success"));
        assertThat(done.responseCode()).isEqualTo(1);
        assertThat(done.opCode()).isEqualTo(IdisWireClient.OC_LOGIN);
        assertThat(done.requestId()).isEqualTo(3);
        assertThat(done.sessionId()).isEqualTo(10001);
        assertThat(done.has(IdisWireClient.RD)).isTrue();
        assertThat(done.digest()).isEqualTo(loginDigest);
        assertThat(done.rest()).isEmpty();
    }

    @Test
    void theIdisOnlyErrorsReadAsTheSdkReadsThem() throws Exception {
        for (int rc : List.of(601, 602, 603, 604, 605)) {
            IdisReply r = decode(fixture("resp-error-idis-" + rc));
            assertThat(r.responseCode()).isEqualTo(rc);
            assertThat(r.sessionId()).isEqualTo(10001);
            assertThat(r.digest()).isEmpty();
            assertThat(r.errorMessage()).isNotEmpty();
            assertThat(r.body().remaining()).isEqualTo(4 + r.errorMessage().length());
        }
    }

    @Test
    void theSm4SessionSetupAndAnEncryptedRequest() throws Exception {
        IdisWireClient c = client();
        byte[] setup = c.frame(IdisWireClient.OC_SESSION_SETUP, IdisWireClient.LOGIN_FLAGS,
                IdisWireClient.sessionSetupBody(HANDLE, 300), true, 4, 10001);
        HexFixture.assertBytesEqual(fixture("req-session-setup-cipher-hdl"), setup, "OC 400 mode 3");
        byte[] setupDigest = IdisCrypto.sha256(c.lastHeaderAndBody);

        IdisReply answer = decode(fixture("resp-session-setup-sm2"));
        assertThat(answer.responseCode()).isEqualTo(1);
        assertThat(answer.sessionId()).isEqualTo(10001);
        assertThat(answer.digest()).isEqualTo(setupDigest);
        IdisBytes.Reader body = answer.body();
        assertThat(body.int2()).isEqualTo(3);
        byte[] blob = IdisCrypto.sm2Decrypt(new ECPrivateKeyParameters(GMT_D, IdisCrypto.SM2_DOMAIN), body.bytes());
        IdisCrypto.SessionKey key = IdisCrypto.SessionKey.parse(blob);
        assertThat(key.algorithm()).isEqualTo(4);
        assertThat(HEX.formatHex(key.key())).isEqualTo("0123456789abcdeffedcba9876543210");

        c.sessionKey = key;
        byte[] encrypted = c.frame(IdisWireClient.OC_RESOLUTION, IdisWireClient.DEFAULT_FLAGS, new IdisBytes()
                .utf8("88.888.1024/item").intList(List.of()).strList(List.of()).utf8("").toArray(), true, 5, 10001);
        HexFixture.assertBytesEqual(fixture("req-encrypted-sm4-resolution"), encrypted, "encrypted OC 1");
    }

    private static SecureRandom fixed(String k) {
        byte[] bytes = HEX.parseHex(k);
        return new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] out) {
                System.arraycopy(bytes, 0, out, 0, Math.min(out.length, bytes.length));
            }
        };
    }
}
