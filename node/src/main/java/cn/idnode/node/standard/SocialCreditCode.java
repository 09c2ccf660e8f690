package cn.idnode.node.standard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Validation of the unified social credit code (统一社会信用代码) of GB 32100-2015, as national-system.md §4.3 lays it
 * out.
 *
 * <p>Design note. Input is normalised first: surrounding white space is stripped and ASCII letters are upper-cased
 * ({@code 91500000ma5u7g8n47} is accepted as {@code 91500000MA5U7G8N47}); full-width characters are not converted and
 * fail the character-set check. Then, in this order:
 * <ol>
 *   <li>length 18, else error (stop);
 *   <li>every character in the 31-character set (digits and upper-case letters without I, O, S, V, Z), else error
 *       (stop);
 *   <li>positions 3–8, the division code of the registration authority: an error if its province (first two digits)
 *       is unknown; a <em>warning</em> if the province exists but the six digits are not in {@link Regions} — the table
 *       is one edition ({@link Regions#version()}) and licences issued before a division was abolished or renumbered
 *       keep the old code. {@code 100000} (national-level registration authorities) is accepted;
 *   <li>positions 9–17 as a GB 11714 organisation code (weights 3 7 9 10 5 8 4 2, mod 11, {@code X} for 10): a mismatch
 *       is a <em>warning</em> for the reviewer, since not every registration authority is known to issue such codes;
 *   <li>position 18, the check character (weights 3^(i−1) mod 31, 31 − S mod 31): an error if wrong.
 * </ol>
 * Positions 1–2 (registration authority and organisation category) are not checked beyond the character set: the
 * full list of their values is not in the spec. Uniqueness within idnode is the caller's business.
 */
public final class SocialCreditCode {
    static final int LENGTH = 18;
    static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};
    /** Division code used by national-level registration authorities [unverified: not in the spec]. */
    static final String NATIONAL = "100000";

    private final Regions regions;

    public SocialCreditCode(Regions regions) {
        this.regions = Objects.requireNonNull(regions, "regions");
    }

    /**
     * The outcome of {@link #validate}.
     *
     * @param normalized the input stripped and upper-cased (what to store when valid)
     */
    public record Result(String normalized, List<Finding> errors, List<Finding> warnings) {
        public Result {
            Objects.requireNonNull(normalized, "normalized");
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }

        public boolean valid() {
            return errors.isEmpty();
        }

        public Validation validation() {
            return new Validation(errors, warnings);
        }
    }

    public Result validate(String input) {
        String code = input == null ? "" : input.strip().toUpperCase(Locale.ROOT);
        List<Finding> errors = new ArrayList<>();
        List<Finding> warnings = new ArrayList<>();
        if (code.isEmpty()) {
            errors.add(new Finding(FindingCode.USCC_EMPTY, "统一社会信用代码不能为空"));
            return new Result(code, errors, warnings);
        }
        int length = code.codePointCount(0, code.length());
        if (length != LENGTH) {
            errors.add(new Finding(FindingCode.USCC_LENGTH, "统一社会信用代码应为18位，实际为" + length + "位"));
            return new Result(code, errors, warnings);
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = code.charAt(i);
            if (CHARSET.indexOf(c) < 0) {
                errors.add(new Finding(FindingCode.USCC_CHARSET, "统一社会信用代码第" + (i + 1) + "位字符“" + c
                        + "”不合法，只允许数字和除I、O、S、V、Z以外的大写英文字母"));
                return new Result(code, errors, warnings);
            }
        }
        checkRegion(code.substring(2, 8), errors, warnings);
        char org = organisationCheckCharacter(code.substring(8, 16));
        if (code.charAt(16) != org) {
            warnings.add(new Finding(FindingCode.USCC_ORG_CODE_CHECK,
                    "统一社会信用代码第9-17位的组织机构代码校验位不符（按GB 11714应为" + org + "），请人工核对"));
        }
        if (code.charAt(17) != checkCharacter(code.substring(0, 17))) {
            errors.add(new Finding(FindingCode.USCC_CHECK_CHARACTER, "统一社会信用代码校验位错误"));
        }
        return new Result(code, errors, warnings);
    }

    private void checkRegion(String division, List<Finding> errors, List<Finding> warnings) {
        if (division.equals(NATIONAL)) {
            return;
        }
        Optional<Region> region = regions.lookup(division);
        if (region.isPresent()) {
            return;
        }
        if (regions.lookup(division.substring(0, 2) + "0000").isEmpty()) {
            errors.add(new Finding(FindingCode.USCC_REGION_UNKNOWN,
                    "统一社会信用代码第3-8位的登记管理机关行政区划码" + division + "不存在"));
        } else {
            warnings.add(new Finding(FindingCode.USCC_REGION_NOT_IN_TABLE, "统一社会信用代码第3-8位的登记管理机关行政区划码"
                    + division + "不在当前行政区划代码表（" + regions.version() + "）中，可能是已撤销或调整的区划，请人工核对"));
        }
    }

    /**
     * The GB 32100 check character of 17 characters of the code set.
     *
     * @throws IllegalArgumentException if the argument is not 17 characters of the set
     */
    public static char checkCharacter(String first17) {
        if (first17.length() != LENGTH - 1) {
            throw new IllegalArgumentException("17 characters expected");
        }
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            int value = CHARSET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("not a USCC character: " + first17.charAt(i));
            }
            sum += value * WEIGHTS[i];
        }
        int r = 31 - sum % 31;
        return CHARSET.charAt(r == 31 ? 0 : r);
    }

    /**
     * The GB 11714 check character of an 8-character organisation-code body (digits, A = 10 … Z = 35).
     *
     * @throws IllegalArgumentException if the argument is not 8 digits or upper-case letters
     */
    public static char organisationCheckCharacter(String body8) {
        if (body8.length() != ORG_WEIGHTS.length) {
            throw new IllegalArgumentException("8 characters expected");
        }
        int sum = 0;
        for (int i = 0; i < ORG_WEIGHTS.length; i++) {
            char ch = body8.charAt(i);
            int value;
            if (ch >= '0' && ch <= '9') {
                value = ch - '0';
            } else if (ch >= 'A' && ch <= 'Z') {
                value = ch - 'A' + 10;
            } else {
                throw new IllegalArgumentException("not an organisation-code character: " + ch);
            }
            sum += value * ORG_WEIGHTS[i];
        }
        int c = 11 - sum % 11;
        return c == 10 ? 'X' : c == 11 ? '0' : (char) ('0' + c);
    }
}
