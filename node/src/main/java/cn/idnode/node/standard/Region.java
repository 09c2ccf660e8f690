package cn.idnode.node.standard;

import java.util.Objects;
import java.util.Optional;

/**
 * One administrative division of GB/T 2260 (province, prefecture or county level).
 *
 * @param code six digits, padded with zeros ({@code 110000}, {@code 110100}, {@code 110108})
 * @param name Chinese name as in the table ({@code 北京市}, {@code 市辖区}, {@code 海淀区})
 * @param parentCode the enclosing division; empty for provinces
 * @param statisticalOnly a National Bureau of Statistics area (development zone and the like) that has a county-level
 *     statistical code but is not a GB/T 2260 division
 */
public record Region(String code, String name, Level level, Optional<String> parentCode, boolean statisticalOnly) {
    public enum Level {
        PROVINCE("省级"),
        CITY("市级"),
        COUNTY("县级");

        private final String chinese;

        Level(String chinese) {
            this.chinese = chinese;
        }

        /** 省级 / 市级 / 县级, as used in messages. */
        public String chinese() {
            return chinese;
        }
    }

    public Region {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(parentCode, "parentCode");
    }
}
