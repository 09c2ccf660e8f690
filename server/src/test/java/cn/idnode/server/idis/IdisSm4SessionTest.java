package cn.idnode.server.idis;

import static cn.idnode.server.idis.IdisWireClient.EC;
import static cn.idnode.server.idis.IdisWireClient.OC_LOGIN;
import static cn.idnode.server.idis.IdisWireClient.OC_SESSION_SETUP;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encrypted sessions as SDK 2.2.x sets them up (idis-extensions.md §11): OC 400 mode 3 under the client's own
 * session id, naming the identity's key; the server answers with {@code int4 alg ‖ key} encrypted to that key (SM2
 * C1‖C3‖C2 for SM2 keys → SM4; RSA PKCS#1 v1.5 for RSA keys); then every message — including the login — travels
 * encrypted (EC in the envelope, ENC in the header), SM4-CBC with IV = key and no IV prefix.
 */
class IdisSm4SessionTest {
    @TempDir
    static Path dir;
    static IdisTestNode node;

    @BeforeAll
    static void start() {
        node = IdisTestNode.start(dir, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    /** The OC 400 answer (§11.1 step 4): RC 1, opcode 400, session S, {@code int2 3, Bytes ciphertext}. */
    static byte[] setUp(IdisWireClient c, IdisIdentity id) throws Exception {
        IdisReply r = c.sessionSetup(id.handle(), id.index());
        assertThat(r.responseCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.opCode()).isEqualTo(OC_SESSION_SETUP);
        assertThat(r.sessionId()).as("the client's own session id is kept").isEqualTo(c.sessionId);
        assertThat(r.envelopeFlags() & EC).isZero();
        IdisBytes.Reader body = r.body();
        assertThat(body.int2()).isEqualTo(3);
        byte[] data = body.bytes();
        assertThat(body.remaining()).as("at most CNRI's two slack bytes").isLessThanOrEqualTo(2);
        return data;
    }

    @Test
    void sm2IdentityGetsAnSm4KeyAndEveryLaterMessageIsEncrypted() throws Exception {
        IdisIdentity id = IdisTestNode.SM2_PEM;
        try (IdisWireClient c = node.connect(10001)) {
            byte[] data = setUp(c, id);
            assertThat(data[0]).as("C1 is an uncompressed point").isEqualTo((byte) 0x04);
            assertThat(data).as("C1 (65) ‖ C3 (32) ‖ C2 (int4 4 ‖ 16-byte key)").hasSize(65 + 32 + 20);
            IdisCrypto.SessionKey key = IdisCrypto.SessionKey.parse(IdisCrypto.sm2Decrypt(id.keys().getPrivate(),
                    data));
            assertThat(key.algorithm()).as("SM4").isEqualTo(4);
            assertThat(key.key()).hasSize(16);
            c.sessionKey = key;

            // 2.2.x: the login itself is encrypted
            IdisReply login = c.login(id);
            assertThat(login.responseCode()).as(login.toString()).isEqualTo(1);
            assertThat(login.opCode()).isEqualTo(OC_LOGIN);
            assertEncryptedWithoutIvPrefix(login);

            String handle = "88.888/sm4-session";
            IdisReply created = c.create(handle, List.of(IdisValue.admin(100, 0x0FF2, id.handle(), 300),
                    IdisValue.text(1, "URL", "https://example.cn/sm4")));
            assertThat(created.responseCode()).as(created.toString()).isEqualTo(1);
            assertEncryptedWithoutIvPrefix(created);
            IdisReply resolved = c.resolve(handle);
            assertThat(resolved.values()).extracting(IdisValue::text).contains("https://example.cn/sm4");
            assertEncryptedWithoutIvPrefix(resolved);
            assertThat(c.modifyValues(handle, List.of(IdisValue.text(1, "URL", "https://example.cn/sm4b")))
                    .responseCode()).isEqualTo(1);
            assertThat(c.delete(handle).responseCode()).isEqualTo(1);
            IdisReply gone = c.resolve(handle);
            assertThat(gone.responseCode()).isEqualTo(100);
            assertEncryptedWithoutIvPrefix(gone);
        }
    }

    /** SM4-CBC with PKCS#5 and no IV: the ciphertext is exactly the padded plaintext length. */
    static void assertEncryptedWithoutIvPrefix(IdisReply r) {
        assertThat(r.envelopeFlags() & EC).as("EC set on " + r).isEqualTo(EC);
        int plain = r.headerAndBody().length + (r.credentialLength() >= 0 ? 4 + r.credentialLength() : 0);
        assertThat(r.encryptedLength()).isEqualTo((plain / 16 + 1) * 16);
    }

    /** §11.1 step 3, RSA identity: PKCS#1 v1.5; the key blob names its cipher, which then carries the session. */
    @Test
    void rsaIdentityGetsItsKeyWithRsaAndTheSessionWorks() throws Exception {
        IdisIdentity id = IdisTestNode.RSA_BLOB;
        try (IdisWireClient c = node.connect(10002)) {
            byte[] data = setUp(c, id);
            IdisCrypto.SessionKey key = IdisCrypto.SessionKey.parse(IdisCrypto.rsaDecrypt(id.keys().getPrivate(),
                    data));
            assertThat(key.algorithm()).as("AES or SM4").isIn(3, 4);
            c.sessionKey = key;
            IdisReply login = c.login(id);
            assertThat(login.responseCode()).as(login.toString()).isEqualTo(1);
            assertThat(login.envelopeFlags() & EC).isEqualTo(EC);
            assertThat(c.resolve("0.NA/88.888").responseCode()).isEqualTo(1);
        }
    }

    /** §14.3, §14.6: EC for a session without a key is RC 500; a ciphertext that is not whole blocks is RC 501. */
    @Test
    void undecryptableMessagesGetSessionErrorsAndTheConnectionStaysUsable() throws Exception {
        try (IdisWireClient c = node.connect(10003)) {
            c.sessionKey = new IdisCrypto.SessionKey(4, new byte[16]);
            IdisReply noKey = c.resolve("0.NA/88.888");
            assertThat(noKey.responseCode()).isEqualTo(500);
            assertThat(noKey.requestId()).isEqualTo(c.lastRequestId);
            assertThat(noKey.envelopeFlags() & EC).isZero();

            c.sessionKey = null;
            IdisCrypto.SessionKey key = IdisCrypto.SessionKey.parse(IdisCrypto.sm2Decrypt(
                    IdisTestNode.SM2_PEM.keys().getPrivate(), setUp(c, IdisTestNode.SM2_PEM)));
            byte[] frame = c.frame(1, IdisWireClient.DEFAULT_FLAGS, new IdisBytes().utf8("0.NA/88.888").int4(0).int4(0)
                    .int4(0).toArray());
            byte[] broken = new IdisBytes().raw(java.util.Arrays.copyOf(frame, 20)).raw(new byte[17]).toArray();
            broken[2] |= EC;
            broken[16] = 0;
            broken[17] = 0;
            broken[18] = 0;
            broken[19] = 17;
            c.write(broken);
            IdisReply r = c.read();
            assertThat(r.responseCode()).isEqualTo(501);
            assertThat(r.requestId()).isEqualTo(c.lastRequestId);

            c.sessionKey = key;
            assertThat(c.resolve("0.NA/88.888").responseCode()).isEqualTo(1);
        }
    }

    /** An identity whose key cannot receive a session key (SM9): a session error, the connection stays usable. */
    @Test
    void aKeyThatCannotEncryptIsASessionError() throws Exception {
        try (IdisWireClient c = node.connect(10004)) {
            IdisReply r = c.sessionSetup(IdisTestNode.SM9.handle(), 300);
            assertThat(r.responseCode()).as(r.toString()).isBetween(501, 504);
            assertThat(r.opCode()).isEqualTo(OC_SESSION_SETUP);
            assertThat(c.resolve("0.NA/88.888").responseCode()).isEqualTo(1);
        }
    }
}
