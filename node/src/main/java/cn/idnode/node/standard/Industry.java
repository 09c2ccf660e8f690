package cn.idnode.node.standard;

import java.util.Objects;
import java.util.Optional;

/**
 * One code of GB/T 4754-2017.
 *
 * @param code section letter ({@code C}), division ({@code 38}), group ({@code 384}) or class ({@code 3841})
 * @param section the section letter the code belongs to (the code itself for a section)
 * @param parentCode the code one level up; empty for sections
 * @param nameEn English name for sections and divisions (idnode's translation, used by IIIDAP); empty below
 */
public record Industry(String code, Level level, String section, Optional<String> parentCode, String nameZh,
        Optional<String> nameEn) {
    public enum Level {
        SECTION("门类"),
        DIVISION("大类"),
        GROUP("中类"),
        CLASS("小类");

        private final String chinese;

        Level(String chinese) {
            this.chinese = chinese;
        }

        /** 门类 / 大类 / 中类 / 小类, as used in messages. */
        public String chinese() {
            return chinese;
        }
    }

    public Industry {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(parentCode, "parentCode");
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(nameEn, "nameEn");
    }
}
