package cn.idnode.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.idnode.crypto.ChallengeAnswers;
import cn.idnode.crypto.PublicKeys;
import cn.idnode.crypto.Sm2Crypto;
import cn.idnode.node.error.HandleException;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.ChallengeAnswerRequest;
import cn.idnode.protocol.HandleValue;
import cn.idnode.protocol.ResponseCode;
import cn.idnode.protocol.ValueReference;
import cn.idnode.protocol.WireWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Challenge answers checked by the node (handle-protocol.md §13.2–13.3, idis-extensions.md §6.2, §7): keys that
 * cannot verify anything (SM9 without a KGC key, unreadable data) are skipped and end in RC 403 with the reason;
 * unreadable answers are RC 406, unknown algorithms RC 404.
 */
class AuthenticatorTest {
    static final KeyPair SM2 = Sm2Crypto.generateKeyPair();
    static final byte[] NONCE = new byte[16];
    static final byte[] DIGEST = new byte[32];

    @TempDir
    Path dir;
    NodeFixture f;

    @BeforeEach
    void open() throws Exception {
        f = new NodeFixture(dir);
        f.put("88.888/keys", HandleValue.of(300, "HS_PUBKEY", new WireWriter()
                        .writeBytes(ByteString.utf8("SM9_PUB_KEY")).writeShort(0).writeBytes(ByteString.utf8("Alice"))
                        .toByteString()),
                HandleValue.of(301, "HS_PUBKEY", ByteString.utf8("not a key")),
                HandleValue.of(302, "HS_PUBKEY", PublicKeys.encodePem(SM2.getPublic())));
    }

    @AfterEach
    void close() {
        f.close();
    }

    static ChallengeAnswerRequest answer(int index, ByteString signedResponse) {
        return new ChallengeAnswerRequest(ChallengeAnswerRequest.HS_PUBKEY, ByteString.utf8("88.888/keys"), index,
                signedResponse);
    }

    static ByteString sm3Signature() throws Exception {
        return ChallengeAnswers.signPublicKey(SM2.getPrivate(), "SM3", ByteString.utf8("88.888/keys"), NONCE, DIGEST);
    }

    ValueReference authenticate(ChallengeAnswerRequest a) {
        return f.node.authenticator().authenticate(a, NONCE, DIGEST, f.node.records()::get);
    }

    @Test
    void unusableKeysAreSkippedInAnIndexZeroSearch() throws Exception {
        assertThat(authenticate(answer(0, sm3Signature()))).isEqualTo(ValueReference.of(302, "88.888/keys"));
    }

    @Test
    void anSm9KeyIsRefusedWith403AndTheReason() throws Exception {
        assertThatThrownBy(() -> authenticate(answer(300, sm3Signature()))).isInstanceOfSatisfying(
                HandleException.class, e -> {
                    assertThat(e.responseCode()).isEqualTo(ResponseCode.AUTHENTICATION_FAILED);
                    assertThat(e.getMessage()).contains("no usable key").contains("SM9");
                });
    }

    @Test
    void keyDataThatIsNoKeyIsRefusedWith403() throws Exception {
        assertThatThrownBy(() -> authenticate(answer(301, sm3Signature()))).isInstanceOfSatisfying(
                HandleException.class, e -> {
                    assertThat(e.responseCode()).isEqualTo(ResponseCode.AUTHENTICATION_FAILED);
                    assertThat(e.getMessage()).contains("unusable public key");
                });
    }

    @Test
    void aWrongSignatureNamesTheUnusableKeysToo() throws Exception {
        ByteString other = ChallengeAnswers.signPublicKey(Sm2Crypto.generateKeyPair().getPrivate(), "SM3",
                ByteString.utf8("88.888/keys"), NONCE, DIGEST);
        assertThatThrownBy(() -> authenticate(answer(0, other))).isInstanceOfSatisfying(HandleException.class, e -> {
            assertThat(e.responseCode()).isEqualTo(ResponseCode.AUTHENTICATION_FAILED);
            assertThat(e.getMessage()).contains("does not verify").contains("index 300").contains("index 301");
        });
    }

    @Test
    void unreadableAnswersAre406AndUnknownAlgorithms404() {
        assertThatThrownBy(() -> authenticate(answer(302, ByteString.utf8("xx")))).isInstanceOfSatisfying(
                HandleException.class, e -> assertThat(e.responseCode()).isEqualTo(ResponseCode.AUTHEN_ERROR));
        ByteString unknownHash = new WireWriter().writeBytes(ByteString.utf8("WHIRLPOOL"))
                .writeBytes(new byte[64]).toByteString();
        assertThatThrownBy(() -> authenticate(answer(302, unknownHash))).isInstanceOfSatisfying(
                HandleException.class, e -> assertThat(e.responseCode()).isEqualTo(ResponseCode.INVALID_CREDENTIAL));
    }
}
