package cn.idnode.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class JsonFixtureTest {
    @Test
    void memberOrderAndWhitespaceAndNumberFormDoNotMatter() {
        JsonFixture.assertMatches("testing/sample.json",
                "{\"values\":[{\"ttl\":86400.0,\"data\":{\"value\":\"https://example.cn/p/abc\",\"format\":\"string\"},"
                        + "\"type\":\"URL\",\"index\":1}],\"handle\":\"88.123.4567/abc\",\"responseCode\":1}");
        assertThat(JsonFixture.structurallyEqual(JsonFixture.parse("[1,2]"), JsonFixture.parse("[2,1]"))).isFalse();
    }

    @Test
    void failureListsEveryDifferingPath() {
        String actual = "{\"responseCode\":1,\"values\":[{\"index\":1,\"type\":\"URL\",\"ttl\":3600,"
                + "\"data\":{\"format\":\"string\",\"value\":\"https://example.cn/p/abc\"}},{\"index\":2}],\"extra\":true}";
        assertThatThrownBy(() -> JsonFixture.assertMatches("testing/sample.json", actual))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("$.handle: missing (expected \"88.123.4567/abc\")")
                .hasMessageContaining("$.values[0].ttl: expected 86400 but was 3600")
                .hasMessageContaining("$.values[1]: unexpected {\"index\":2}")
                .hasMessageContaining("$.extra: unexpected true");
        assertThat(JsonFixture.differences(JsonFixture.parse("{\"a\":\"1\"}"), JsonFixture.parse("{\"a\":1}")))
                .containsExactly("$.a: expected \"1\" but was 1");
    }

    @Test
    void badJsonAndMissingResources() {
        assertThatThrownBy(() -> JsonFixture.parse("{")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonFixture.load("testing/none.json")).hasMessageContaining("testing/none.json");
    }
}
