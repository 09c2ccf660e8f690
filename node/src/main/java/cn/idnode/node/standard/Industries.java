package cn.idnode.node.standard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * GB/T 4754-2017 industry classification (national-system.md §4.5): section (门类, A–T), division (大类, 2 digits),
 * group (中类, 3 digits), class (小类, 4 digits); each lower code starts with the digits of its parent.
 *
 * <p>The table is the hand-made resource {@code gbt4754-2017.tsv}: all 20 sections and 97 divisions, and the groups
 * and classes of the divisions the Chongqing industry directions use ({@link IndustryDirections}). For those
 * divisions ({@link #hasGroups}) a group or class must be in the table; for the other divisions it is checked only
 * structurally (digits, length, prefix of the parent), because the table does not know their groups.
 */
public final class Industries {
    static final String RESOURCE = "gbt4754-2017.tsv";

    private final Map<String, Industry> byCode;
    private final Set<String> detailedDivisions;

    private Industries(Map<String, Industry> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
        Set<String> detailed = new HashSet<>();
        for (Industry i : byCode.values()) {
            if (i.level() == Industry.Level.GROUP) {
                detailed.add(i.parentCode().orElseThrow());
            }
        }
        this.detailedDivisions = Set.copyOf(detailed);
    }

    /** The table shipped with idnode, loaded once. */
    public static Industries bundled() {
        return Bundled.INSTANCE;
    }

    private static final class Bundled {
        static final Industries INSTANCE = load(Industries.class.getResourceAsStream(RESOURCE));
    }

    /**
     * Reads a table in the format of {@code gbt4754-2017.tsv}. Fails on a malformed line, an unknown parent, a code
     * that does not start with its parent's digits, or a group without classes (a group with a single class lists it
     * as group digits + {@code 0}).
     */
    public static Industries load(InputStream in) {
        if (in == null) {
            throw new IllegalStateException("industry table resource missing: " + RESOURCE);
        }
        Map<String, Industry> byCode = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Industry industry = parse(line.split("\t", -1), byCode);
                if (industry == null || byCode.putIfAbsent(industry.code(), industry) != null) {
                    throw new IllegalArgumentException("industry table line " + n + " malformed: " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Industry i : byCode.values()) {
            if (i.level() == Industry.Level.GROUP && byCode.values().stream()
                    .noneMatch(c -> c.parentCode().equals(Optional.of(i.code())))) {
                throw new IllegalArgumentException("industry table: group " + i.code() + " has no classes");
            }
        }
        return new Industries(byCode);
    }

    private static Industry parse(String[] c, Map<String, Industry> known) {
        if (c.length != 4 || c[2].isEmpty()) {
            return null;
        }
        String code = c[0];
        Industry.Level level = levelOf(code);
        if (level == null) {
            return null;
        }
        Optional<String> en = c[3].isEmpty() ? Optional.empty() : Optional.of(c[3]);
        if (level == Industry.Level.SECTION) {
            return c[1].isEmpty() ? new Industry(code, level, code, Optional.empty(), c[2], en) : null;
        }
        Industry parent = known.get(c[1]);
        if (parent == null || parent.level().ordinal() != level.ordinal() - 1
                || (level != Industry.Level.DIVISION && !code.startsWith(parent.code()))) {
            return null;
        }
        return new Industry(code, level, parent.section(), Optional.of(parent.code()), c[2], en);
    }

    /** The level a code has by its shape (letter A–Z, 2, 3 or 4 digits), or null. */
    static Industry.Level levelOf(String code) {
        if (code == null) {
            return null;
        }
        if (code.length() == 1 && code.charAt(0) >= 'A' && code.charAt(0) <= 'Z') {
            return Industry.Level.SECTION;
        }
        for (int i = 0; i < code.length(); i++) {
            if (code.charAt(i) < '0' || code.charAt(i) > '9') {
                return null;
            }
        }
        return switch (code.length()) {
            case 2 -> Industry.Level.DIVISION;
            case 3 -> Industry.Level.GROUP;
            case 4 -> Industry.Level.CLASS;
            default -> null;
        };
    }

    public Optional<Industry> section(String letter) {
        return at(letter, Industry.Level.SECTION);
    }

    public Optional<Industry> division(String code) {
        return at(code, Industry.Level.DIVISION);
    }

    public Optional<Industry> group(String code) {
        return at(code, Industry.Level.GROUP);
    }

    public Optional<Industry> industryClass(String code) {
        return at(code, Industry.Level.CLASS);
    }

    private Optional<Industry> at(String code, Industry.Level level) {
        Industry i = code == null ? null : byCode.get(code);
        return i != null && i.level() == level ? Optional.of(i) : Optional.empty();
    }

    public List<Industry> sections() {
        return ofLevel(Industry.Level.SECTION);
    }

    public List<Industry> divisions() {
        return ofLevel(Industry.Level.DIVISION);
    }

    /** The codes directly under {@code code}, in code order; empty when the table has none. */
    public List<Industry> children(String code) {
        Optional<String> parent = Optional.ofNullable(code);
        return byCode.values().stream().filter(i -> i.parentCode().equals(parent)).toList();
    }

    private List<Industry> ofLevel(Industry.Level level) {
        return byCode.values().stream().filter(i -> i.level() == level).toList();
    }

    /** Whether the table lists the groups and classes of this division (otherwise they are checked structurally). */
    public boolean hasGroups(String division) {
        return detailedDivisions.contains(division);
    }

    /** The enterprise fields {@code industryCategory} and {@code industrySpecific} (snms-api.md §6.2). */
    public Validation check(String category, String specific) {
        return check(category, specific, null, null);
    }

    /**
     * Checks the four template fields {@code industryCategory}, {@code industrySpecific}, {@code industryTrade},
     * {@code industrySubclass} (snms-api.md §4.1). The section is required; lower levels are optional (null or empty)
     * but cannot skip a level. Codes are taken as they are (no trimming or case folding). Stops at the first error.
     */
    public Validation check(String category, String specific, String trade, String subclass) {
        if (isEmpty(category)) {
            return Validation.error(FindingCode.INDUSTRY_MISSING, "行业门类不能为空");
        }
        String[] codes = {category, specific, trade, subclass};
        Industry.Level[] levels = Industry.Level.values();
        for (int i = 0; i < codes.length; i++) {
            if (isEmpty(codes[i])) {
                for (int j = i + 1; j < codes.length; j++) {
                    if (!isEmpty(codes[j])) {
                        return Validation.error(FindingCode.INDUSTRY_LEVEL_GAP, "填写行业" + levels[j].chinese()
                                + "时必须同时填写行业" + levels[i].chinese());
                    }
                }
                return Validation.OK;
            }
            Validation v = checkLevel(codes[i], levels[i], i == 0 ? null : codes[i - 1]);
            if (!v.valid()) {
                return v;
            }
        }
        return Validation.OK;
    }

    /** One level, its parent (already checked) given by code; groups and classes of undetailed divisions structurally. */
    private Validation checkLevel(String code, Industry.Level level, String parent) {
        String label = "行业" + level.chinese();
        if (levelOf(code) != level) {
            String shape = switch (level) {
                case SECTION -> "A到T的大写字母";
                case DIVISION -> "2位数字";
                case GROUP -> "3位数字";
                case CLASS -> "4位数字";
            };
            return Validation.error(FindingCode.INDUSTRY_FORMAT, label + "代码“" + code + "”格式错误，应为" + shape);
        }
        boolean digitsUnderParent = level == Industry.Level.SECTION || level == Industry.Level.DIVISION
                || code.startsWith(parent);
        if (!digitsUnderParent) {
            return notInParent(code, label, parent);
        }
        Industry found = byCode.get(code);
        if (found == null) {
            boolean mustBeKnown = level == Industry.Level.SECTION || level == Industry.Level.DIVISION
                    || hasGroups(code.substring(0, 2));
            return mustBeKnown
                    ? Validation.error(FindingCode.INDUSTRY_UNKNOWN, "国民经济行业分类（GB/T 4754-2017）中不存在" + label
                            + "代码" + code)
                    : Validation.OK;
        }
        if (parent != null && !found.parentCode().orElse("").equals(parent)) {
            return notInParent(code, label, parent);
        }
        return Validation.OK;
    }

    private Validation notInParent(String code, String label, String parent) {
        Industry p = byCode.get(parent);
        String name = p == null ? "" : "（" + p.nameZh() + "）";
        String parentLabel = levelOf(parent).chinese();
        return Validation.error(FindingCode.INDUSTRY_NOT_IN_PARENT, label + code + "不属于行业" + parentLabel + parent + name);
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
