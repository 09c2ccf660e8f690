package cn.idnode.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.idnode.protocol.ByteString;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Map;
import net.handle.hdllib.Util;
import org.junit.jupiter.api.Test;

class KeyBlobsTest {

    @Test
    void rsaAndDsaBlobsMatchCnriBothWays() throws Exception {
        for (String alg : new String[] {"RSA", "DSA"}) {
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
            g.initialize(alg.equals("RSA") ? 2048 : 1024);
            PublicKey key = g.generateKeyPair().getPublic();
            ByteString ours = KeyBlobs.encodePublicKey(key);
            assertThat(ours.toByteArray()).isEqualTo(Util.getBytesFromPublicKey(key));
            assertThat(KeyBlobs.decodePublicKey(ours).getEncoded()).isEqualTo(key.getEncoded());
            assertThat(KeyBlobs.typeOf(ours)).isEqualTo(alg + "_PUB_KEY");
        }
    }

    @Test
    void jwkRoundTrip() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        PublicKey key = g.generateKeyPair().getPublic();
        Map<String, String> jwk = Jwk.toJwk(key);
        assertThat(jwk).containsKeys("kty", "n", "e").containsEntry("e", "AQAB");
        assertThat(Jwk.fromJwk(jwk).getEncoded()).isEqualTo(key.getEncoded());
    }

    @Test
    void malformedBlobsAreRejectedWithClearErrors() {
        assertThatThrownBy(() -> KeyBlobs.decodePublicKey(ByteString.fromHex("0000000b5253415f5055425f4b4559")))
                .isInstanceOf(KeyFormatException.class).hasMessageContaining("malformed");
        assertThatThrownBy(() -> KeyBlobs.decodePublicKey(ByteString.utf8("garbage")))
                .isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> KeyBlobs.decodePublicKey(ByteString.fromHex("00000003585858" + "0000")))
                .isInstanceOf(KeyFormatException.class).hasMessageContaining("unsupported public key type");
    }
}
