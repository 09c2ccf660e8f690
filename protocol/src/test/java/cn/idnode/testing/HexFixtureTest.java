package cn.idnode.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class HexFixtureTest {
    @Test
    void loadsAnnotatedHexIgnoringCommentsAndBlankLines() {
        assertThat(HexFixture.load("testing/sample.hex"))
                .isEqualTo(HexFormat.of().parseHex("020b020b00000000cafebabeff"));
        assertThat(HexFixture.load("/testing/sample.hex")).hasSize(13);
    }

    @Test
    void parsesInlineText() {
        assertThat(HexFixture.parse("01 02 ; a\r\n# b\r\n0304", "inline")).containsExactly(1, 2, 3, 4);
        assertThat(HexFixture.parse("", "empty")).isEmpty();
        assertThat(HexFixture.parse("; only a comment", "c")).isEmpty();
    }

    @Test
    void reportsTheFileAndLineOfABadToken() {
        assertThatThrownBy(() -> HexFixture.load("testing/bad.hex"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("testing/bad.hex:2")
                .hasMessageContaining("'0X'");
        assertThatThrownBy(() -> HexFixture.parse("00\n0\n", "odd.hex"))
                .hasMessageStartingWith("odd.hex:2: bad token '0'");
    }

    @Test
    void missingResource() {
        assertThatThrownBy(() -> HexFixture.load("testing/nope.hex")).hasMessageContaining("testing/nope.hex");
    }

    @Test
    void byteComparisonNamesTheFirstDifference() {
        HexFixture.assertBytesEqual(new byte[] {1, 2}, new byte[] {1, 2}, "same");
        assertThatThrownBy(() -> HexFixture.assertBytesEqual(new byte[] {1, 2, 3}, new byte[] {1, 9, 3}, "msg"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("msg: bytes differ at offset 1")
                .hasMessageContaining("[02]")
                .hasMessageContaining("[09]");
        assertThatThrownBy(() -> HexFixture.assertBytesEqual(new byte[] {1}, new byte[] {1, 2}, "longer"))
                .hasMessageContaining("offset 1 (expected 1 bytes, got 2)");
    }
}
