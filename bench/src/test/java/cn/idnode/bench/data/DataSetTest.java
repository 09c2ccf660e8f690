package cn.idnode.bench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSetTest {
    @Test
    void derivedIdsAreDeterministicUniqueAndShapedLikeProductCodes() {
        DerivedIds a = new DerivedIds("88.888", 7, 200_000);
        DerivedIds b = new DerivedIds("88.888", 7, 200_000);
        Set<String> seen = new HashSet<>();
        for (long i = 0; i < a.count(); i++) {
            String id = a.id(i);
            assertThat(id).isEqualTo(b.id(i));
            assertThat(seen.add(id)).as("unique: %s", id).isTrue();
        }
        assertThat(a.id(0)).matches("88\\.888/[A-Z0-9-]+-20(23|24|25)\\d{4}-[0-9a-z]{6}");
        assertThat(new DerivedIds("88.888", 8, 10).id(3)).isNotEqualTo(a.id(3));
        assertThatThrownBy(() -> a.id(200_000)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(a.miss(42)).startsWith("88.888/MISS-").doesNotMatch(".*-20\\d{6}-.*");
    }

    @Test
    void picksAreUniformOverTheSetAndHonourTheMissRatio() {
        IdSource ids = IdSource.derived(new DerivedIds("88.888", 1, 10));
        SplittableRandom r = new SplittableRandom(3);
        int misses = 0;
        int[] hits = new int[10];
        Set<String> known = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            known.add(ids.id(i));
        }
        for (int n = 0; n < 100_000; n++) {
            IdSource.Pick p = ids.pick(r, 0.2);
            if (p.miss()) {
                misses++;
                assertThat(known).doesNotContain(p.handle());
            } else {
                assertThat(known).contains(p.handle());
                hits[Integer.parseInt(p.handle().substring(p.handle().length() - 6), 36)]++;
            }
        }
        assertThat(misses).isBetween(19_000, 21_000);
        for (int h : hits) {
            assertThat(h).isBetween(7_400, 8_600);
        }
        assertThat(ids.pick(r, 0).miss()).isFalse();
    }

    @Test
    void idFileAndDatasetSidecarGiveTheIdentifiersBack(@TempDir Path dir) throws Exception {
        Path list = dir.resolve("ids.txt");
        Files.writeString(list, "# comment\n88.888/a\n\n88.888/b\n");
        IdSource fromFile = IdSource.fromFile(list);
        assertThat(fromFile.size()).isEqualTo(2);
        assertThat(List.of(fromFile.id(0), fromFile.id(1))).containsExactly("88.888/a", "88.888/b");
        assertThat(fromFile.miss(1)).startsWith("88.888/MISS-");

        Path ds = dir.resolve("d.jsonl");
        new IdSource.DatasetMeta("88.777", 5, 1000, 5).write(ds);
        IdSource derived = IdSource.fromDataset(ds);
        assertThat(derived.size()).isEqualTo(1000);
        assertThat(derived.id(17)).isEqualTo(new DerivedIds("88.777", 5, 1000).id(17));
    }

    @Test
    void recordsAreJsonLinesThatIdnodeLoadReadsWithRealisticSizes() throws Exception {
        RecordGenerator gen = new RecordGenerator(new DerivedIds("88.888", 1, 1000), 5);
        StringBuilder sb = new StringBuilder();
        gen.appendJsonLine(12, sb);
        assertThat(sb.toString()).endsWith("\n").doesNotContain("\n{");
        JsonNode n = new ObjectMapper().readTree(sb.toString());
        assertThat(n.get("handle").asText()).isEqualTo(gen.ids().id(12));
        assertThat(n.get("values")).hasSize(5);
        assertThat(n.get("values").get(4).get("index").asInt()).isEqualTo(2000);
        assertThat(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isBetween(380, 560);
        assertThat(new RecordGenerator(gen.ids(), 8).values(12)).hasSize(8).extracting(RecordGenerator.Value::index)
                .containsExactly(1, 2, 3, 4, 2000, 2001, 2002, 2003);
        assertThat(new RecordGenerator(gen.ids(), 2).values(12)).hasSize(2);
        // pure function of (seed, index)
        StringBuilder again = new StringBuilder();
        gen.appendJsonLine(12, again);
        assertThat(again.toString()).isEqualTo(sb.toString());
    }
}
