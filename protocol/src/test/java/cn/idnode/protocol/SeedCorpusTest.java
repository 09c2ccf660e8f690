package cn.idnode.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Jazzer seed corpora hold the golden fixtures in raw form (FUZZING.md). This keeps the two in step: a fixture
 * edited without its seed (or the reverse) fails here. Crash inputs added by fuzzing runs sit beside the seeds and
 * are not checked.
 */
class SeedCorpusTest {
    static final String SEEDS = "cn/idnode/protocol/CodecFuzzTestInputs/";

    static byte[] seed(String method, String name) throws IOException {
        try (InputStream in = SeedCorpusTest.class.getClassLoader().getResourceAsStream(SEEDS + method + "/" + name)) {
            assertThat(in).as("seed %s/%s", method, name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void everyMessageFixtureIsASeedOfDecodeMessage() throws IOException {
        for (String name : Fixtures.messageNames()) {
            assertThat(seed("decodeMessage", name)).as(name).isEqualTo(Fixtures.message(name));
        }
    }

    @Test
    void valueFixturesSeedTheirDecoders() throws IOException {
        Map<String, String> seeds = Map.of("hs-site", "decodeSiteInfo", "hs-site-ipv6", "decodeSiteInfo",
                "hs-admin", "decodeAdminValue", "hs-admin-legacy", "decodeAdminValue", "hs-vlist", "decodeValueList",
                "handle-value", "decodeHandleValue", "encoded-values", "parseEncodedValues");
        assertThat(seeds.keySet()).containsExactlyInAnyOrderElementsOf(Fixtures.valueNames());
        for (Map.Entry<String, String> e : seeds.entrySet()) {
            assertThat(seed(e.getValue(), e.getKey())).as(e.getKey()).isEqualTo(Fixtures.value(e.getKey()));
        }
    }
}
