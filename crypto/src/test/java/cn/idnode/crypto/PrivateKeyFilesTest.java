package cn.idnode.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import net.handle.hdllib.Common;
import net.handle.hdllib.Util;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Key files must be interchangeable with CNRI's tools in both directions. */
class PrivateKeyFilesTest {
    private static KeyPair rsa;
    private static KeyPair dsa;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        rsa = g.generateKeyPair();
        KeyPairGenerator d = KeyPairGenerator.getInstance("DSA");
        d.initialize(1024);
        dsa = d.generateKeyPair();
    }

    @Test
    void unencryptedRsaFileIsReadByCnri() throws Exception {
        byte[] file = PrivateKeyFiles.encode(rsa.getPrivate());
        PrivateKey read = Util.getPrivateKeyFromBytes(Util.decrypt(file, null));
        assertThat(read.getEncoded()).isEqualTo(rsa.getPrivate().getEncoded());
        assertThat(PrivateKeyFiles.isEncrypted(file)).isFalse();
    }

    @Test
    void unencryptedDsaFileIsReadByCnri() throws Exception {
        byte[] file = PrivateKeyFiles.encode(dsa.getPrivate());
        PrivateKey read = Util.getPrivateKeyFromBytes(Util.decrypt(file, null));
        assertThat(read.getEncoded()).isEqualTo(dsa.getPrivate().getEncoded());
    }

    @Test
    void cnriUnencryptedFileIsReadByUs() throws Exception {
        byte[] file = Util.encrypt(Util.getBytesFromPrivateKey(rsa.getPrivate()), null, Common.ENCRYPT_NONE);
        assertThat(PrivateKeyFiles.decode(file).getEncoded()).isEqualTo(rsa.getPrivate().getEncoded());
    }

    @Test
    void encryptedFilesInterchangeWithCnri() throws Exception {
        byte[] ours = PrivateKeyFiles.encodeEncrypted(rsa.getPrivate(), "s3cret".toCharArray());
        assertThat(PrivateKeyFiles.isEncrypted(ours)).isTrue();
        PrivateKey byCnri = Util.getPrivateKeyFromBytes(Util.decrypt(ours, "s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(byCnri.getEncoded()).isEqualTo(rsa.getPrivate().getEncoded());

        byte[] theirs = Util.encrypt(Util.getBytesFromPrivateKey(rsa.getPrivate()),
                "s3cret".getBytes(StandardCharsets.UTF_8), Common.ENCRYPT_PBKDF2_AES_CBC_PKCS5);
        assertThat(PrivateKeyFiles.decode(theirs, "s3cret".toCharArray()).getEncoded())
                .isEqualTo(rsa.getPrivate().getEncoded());
    }

    @Test
    void wrongPassphraseAndMissingPassphraseAreClearErrors() throws Exception {
        byte[] ours = PrivateKeyFiles.encodeEncrypted(rsa.getPrivate(), "right".toCharArray());
        assertThatThrownBy(() -> PrivateKeyFiles.decode(ours, "wrong".toCharArray()))
                .isInstanceOf(KeyFormatException.class).hasMessageContaining("passphrase");
        assertThatThrownBy(() -> PrivateKeyFiles.decode(ours))
                .isInstanceOf(KeyFormatException.class).hasMessageContaining("passphrase is required");
    }

    @Test
    void truncatedFilesAreRejected() {
        assertThatThrownBy(() -> PrivateKeyFiles.decode(new byte[] {0, 0, 0, 1, 0, 0}))
                .isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> PrivateKeyFiles.decode(new byte[2])).isInstanceOf(KeyFormatException.class);
    }
}
