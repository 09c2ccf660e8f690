package cn.idnode.node.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TemplatePacksTest {
    static final Pattern ID_TYPE = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,127}$");
    static final Set<Integer> RESERVED = Set.of(1000, 1001, 1999);

    final TemplatePacks packs = TemplatePacks.bundled();

    @Test
    void everyDirectionHasAPack() {
        assertThat(IndustryDirections.all()).hasSize(15);
        assertThat(packs.all()).hasSize(15);
        for (IndustryDirection d : IndustryDirections.all()) {
            assertThat(IndustryDirections.byId(d.id())).contains(d);
            TemplatePack pack = packs.forDirection(d.id()).orElseThrow();
            assertThat(packs.byId(d.packId())).contains(pack);
            assertThat(d.packResource()).startsWith(String.format("%02d-", d.id()));
        }
        assertThat(IndustryDirections.byId(0)).isEmpty();
        assertThat(IndustryDirections.byId(16)).isEmpty();
        assertThat(packs.byId("food").map(TemplatePack::directionId)).contains(1);
    }

    @Test
    void everyPackFollowsTheTemplateRules() {
        Industries industries = Industries.bundled();
        for (TemplatePack pack : packs.all()) {
            String p = pack.id();
            assertThat(pack.name()).as(p).isNotBlank();
            assertThat(pack.description()).as(p).isNotBlank();
            assertThat(pack.type()).as(p).isEqualTo(2);
            Validation industry = industries.check(pack.industryCategory(), pack.industrySpecific(),
                    pack.industryTrade(), pack.industrySubclass());
            assertThat(industry.valid()).as(p + ": " + industry.summary()).isTrue();
            List<PackItem> items = pack.items();
            assertThat(items).as(p).hasSizeBetween(10, 20);
            Set<Integer> indexes = new HashSet<>();
            Set<String> types = new HashSet<>();
            Set<String> names = new HashSet<>();
            for (PackItem item : items) {
                String i = p + "/" + item.idType();
                assertThat(item.idIndex()).as(i).isGreaterThanOrEqualTo(2000).isNotIn(RESERVED);
                assertThat(indexes.add(item.idIndex())).as(i + " index unique").isTrue();
                assertThat(ID_TYPE.matcher(item.idType()).matches()).as(i).isTrue();
                assertThat(types.add(item.idType())).as(i + " idType unique").isTrue();
                assertThat(item.name()).as(i).isNotBlank();
                assertThat(names.add(item.name())).as(i + " name unique").isTrue();
                assertThat(item.minLength()).as(i).isBetween(0, item.maxLength());
                assertThat(item.maxLength()).as(i).isBetween(1, 255);
            }
            assertThat(items).as(p).anyMatch(PackItem::required);
        }
    }

    @Test
    void packsMatchTheirDirectionsIndustry() {
        for (IndustryDirection d : IndustryDirections.all()) {
            TemplatePack pack = packs.forDirection(d.id()).orElseThrow();
            String deepest = !pack.industrySubclass().isEmpty() ? pack.industrySubclass()
                    : !pack.industryTrade().isEmpty() ? pack.industryTrade() : pack.industrySpecific();
            String code = pack.industryCategory() + deepest;
            for (String wanted : d.industryCodes()) {
                assertThat(code).as(pack.id()).startsWith(wanted);
            }
        }
        assertThat(packs.forDirection(15).map(TemplatePack::industrySubclass)).contains("7221");
    }

    @Test
    void fixedFormatCodesHaveFixedLengths() {
        assertThat(item("food", "productionLicenceNo")).extracting(PackItem::minLength, PackItem::maxLength)
                .containsExactly(16, 16);
        assertThat(item("pharmaceuticals", "drugTraceabilityCode")).extracting(PackItem::minLength,
                PackItem::maxLength).containsExactly(20, 20);
        assertThat(item("batteries", "batteryCode")).extracting(PackItem::minLength, PackItem::maxLength)
                .containsExactly(24, 24);
        assertThat(item("automobiles", "vin")).extracting(PackItem::minLength, PackItem::maxLength)
                .containsExactly(17, 17);
        assertThat(item("park", "enterpriseUscc")).extracting(PackItem::minLength, PackItem::maxLength)
                .containsExactly(18, 18);
    }

    PackItem item(String pack, String idType) {
        return packs.byId(pack).orElseThrow().items().stream().filter(i -> i.idType().equals(idType)).findFirst()
                .orElseThrow();
    }

    @Test
    void malformedPacksAreRejected() {
        IndustryDirection d = IndustryDirections.byId(1).orElseThrow();
        String item = "{\"name\":\"a\",\"idType\":\"a\",\"idIndex\":2000,\"required\":true,\"state\":1,"
                + "\"metadata\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":10}}";
        String head = "{\"name\":\"n\",\"description\":\"d\",\"industryCategory\":\"C\",\"industrySpecific\":\"14\","
                + "\"industryTrade\":\"\",\"industrySubclass\":\"\",";
        TemplatePack ok = TemplatePacks.parse(d, head + "\"type\":2,\"items\":[" + item + "]}");
        assertThat(ok.items()).containsExactly(new PackItem("a", "a", 2000, true, 1, 10));
        assertThatThrownBy(() -> TemplatePacks.parse(d, head + "\"type\":3,\"items\":[]}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TemplatePacks.parse(d, head + "\"type\":2.5,\"items\":[]}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TemplatePacks.parse(d, head + "\"type\":2}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TemplatePacks.parse(d,
                head + "\"type\":2,\"items\":[" + item.replace("\"state\":1", "\"state\":0") + "]}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
