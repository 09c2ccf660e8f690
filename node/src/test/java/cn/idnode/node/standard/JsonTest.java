package cn.idnode.node.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void readsAllValueKinds() {
        Object v = Json.parse(" {\"a\": [1, -2.5e1, true, false, null, \"x\\u00e9\\n\\\"\"], \"b\": {}, \"c\": []} ");
        assertThat(v).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) v;
        assertThat(List.<Object>copyOf((List<?>) m.get("a"))).containsExactly(new BigDecimal("1"), new BigDecimal("-2.5e1"), true, false,
                    Json.NULL, "xé\n\"");
        assertThat((Map<?, ?>) m.get("b")).isEmpty();
        assertThat((List<?>) m.get("c")).isEmpty();
        assertThat(Json.parse("\"中文\"")).isEqualTo("中文");
    }

    @Test
    void rejectsWhatIsNotJson() {
        for (String bad : new String[] {"", "{", "{\"a\":1,}", "[1,]", "{\"a\":1,\"a\":2}", "01", "1.", "tru",
                "\"a", "\"\\x\"", "{} x", "{a:1}", "\"tab\there\""}) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
