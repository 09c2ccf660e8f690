package cn.idnode.node.standard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndustriesTest {
    final Industries industries = Industries.bundled();

    static FindingCode error(Validation v) {
        assertThat(v.valid()).isFalse();
        return v.errors().get(0).code();
    }

    @Test
    void twentySectionsAndNinetySevenDivisionsInTheStandardsRanges() {
        assertThat(industries.sections()).extracting(Industry::code)
                .containsExactly("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q",
                        "R", "S", "T");
        List<Industry> divisions = industries.divisions();
        assertThat(divisions).hasSize(97);
        Map<String, int[]> ranges = Map.ofEntries(Map.entry("A", new int[] {1, 5}), Map.entry("B", new int[] {6, 12}),
                Map.entry("C", new int[] {13, 43}), Map.entry("D", new int[] {44, 46}),
                Map.entry("E", new int[] {47, 50}), Map.entry("F", new int[] {51, 52}),
                Map.entry("G", new int[] {53, 60}), Map.entry("H", new int[] {61, 62}),
                Map.entry("I", new int[] {63, 65}), Map.entry("J", new int[] {66, 69}),
                Map.entry("K", new int[] {70, 70}), Map.entry("L", new int[] {71, 72}),
                Map.entry("M", new int[] {73, 75}), Map.entry("N", new int[] {76, 79}),
                Map.entry("O", new int[] {80, 82}), Map.entry("P", new int[] {83, 83}),
                Map.entry("Q", new int[] {84, 85}), Map.entry("R", new int[] {86, 90}),
                Map.entry("S", new int[] {91, 96}), Map.entry("T", new int[] {97, 97}));
        for (int n = 1; n <= 97; n++) {
            Industry d = industries.division(String.format("%02d", n)).orElseThrow();
            int[] range = ranges.get(d.section());
            assertThat(n).as(d.code()).isBetween(range[0], range[1]);
            assertThat(d.nameEn()).as(d.code()).isPresent();
            assertThat(d.parentCode()).contains(d.section());
        }
        for (Industry s : industries.sections()) {
            assertThat(s.nameEn()).as(s.code()).isPresent();
        }
    }

    @Test
    void namesOfTheSpecsExamples() {
        assertThat(industries.section("C").map(Industry::nameZh)).contains("制造业");
        assertThat(industries.division("14").map(Industry::nameZh)).contains("食品制造业");
        assertThat(industries.division("79").map(Industry::nameZh)).contains("土地管理业");
        assertThat(industries.group("384").map(Industry::nameZh)).contains("电池制造");
        assertThat(industries.industryClass("3562").map(Industry::nameZh)).contains("半导体器件专用设备制造");
        assertThat(industries.children("384")).extracting(Industry::code)
                .containsExactly("3841", "3842", "3843", "3844", "3849");
        assertThat(industries.children("358")).hasSize(8);
        assertThat(industries.division("384")).isEmpty();
        assertThat(industries.section("c")).isEmpty();
    }

    @Test
    void everyDirectionsCodeIsInTheTable() {
        for (IndustryDirection d : IndustryDirections.all()) {
            for (String code : d.industryCodes()) {
                String section = code.substring(0, 1);
                String digits = code.substring(1);
                assertThat(industries.section(section)).as(code).isPresent();
                assertThat(industries.hasGroups(digits.substring(0, 2))).as(code).isTrue();
                Industry i = switch (digits.length()) {
                    case 2 -> industries.division(digits).orElseThrow();
                    case 3 -> industries.group(digits).orElseThrow();
                    default -> industries.industryClass(digits).orElseThrow();
                };
                assertThat(i.section()).isEqualTo(section);
                assertThat(d.nameZh()).as(code).startsWith(i.nameZh().substring(0, 2));
            }
        }
    }

    @Test
    void validHierarchiesPass() {
        assertThat(industries.check("C", "38", "384", "3841").valid()).isTrue();
        assertThat(industries.check("C", "35", "356", "3562").valid()).isTrue();
        assertThat(industries.check("C", "36", "362", "3620").valid()).isTrue();
        assertThat(industries.check("I", "65").valid()).isTrue();
        assertThat(industries.check("C", null).valid()).isTrue();
        assertThat(industries.check("G", "54", "543", "").valid()).isTrue();
    }

    @Test
    void detailedDivisionsCheckGroupsAndClassesAgainstTheTable() {
        assertThat(error(industries.check("C", "38", "388", null))).isEqualTo(FindingCode.INDUSTRY_UNKNOWN);
        assertThat(error(industries.check("C", "38", "384", "3845"))).isEqualTo(FindingCode.INDUSTRY_UNKNOWN);
        assertThat(error(industries.check("C", "38", "384", "3851"))).isEqualTo(FindingCode.INDUSTRY_NOT_IN_PARENT);
    }

    @Test
    void otherDivisionsAreCheckedStructurally() {
        assertThat(industries.hasGroups("65")).isFalse();
        assertThat(industries.check("I", "65", "651", "6513").valid()).isTrue();
        assertThat(industries.check("I", "65", "658", "6588").valid()).isTrue();
        assertThat(error(industries.check("I", "65", "641", null))).isEqualTo(FindingCode.INDUSTRY_NOT_IN_PARENT);
        assertThat(error(industries.check("I", "65", "651", "6521"))).isEqualTo(FindingCode.INDUSTRY_NOT_IN_PARENT);
        assertThat(error(industries.check("I", "65", "65A", null))).isEqualTo(FindingCode.INDUSTRY_FORMAT);
    }

    @Test
    void errorsNameTheProblem() {
        assertThat(error(industries.check("", "14"))).isEqualTo(FindingCode.INDUSTRY_MISSING);
        assertThat(error(industries.check("c", "14"))).isEqualTo(FindingCode.INDUSTRY_FORMAT);
        assertThat(error(industries.check("U", null))).isEqualTo(FindingCode.INDUSTRY_UNKNOWN);
        assertThat(error(industries.check("C", "4"))).isEqualTo(FindingCode.INDUSTRY_FORMAT);
        assertThat(error(industries.check("C", "98"))).isEqualTo(FindingCode.INDUSTRY_UNKNOWN);
        Validation wrongSection = industries.check("A", "14");
        assertThat(error(wrongSection)).isEqualTo(FindingCode.INDUSTRY_NOT_IN_PARENT);
        assertThat(wrongSection.summary()).isEqualTo("行业大类14不属于行业门类A（农、林、牧、渔业）");
        assertThat(error(industries.check("C", "14", "", "1411"))).isEqualTo(FindingCode.INDUSTRY_LEVEL_GAP);
        assertThat(error(industries.check("C", null, "141", null))).isEqualTo(FindingCode.INDUSTRY_LEVEL_GAP);
        assertThat(error(industries.check("C", "14", "1411", null))).isEqualTo(FindingCode.INDUSTRY_FORMAT);
    }
}
