package cn.idnode.node.standard;

/**
 * Stable machine codes of the findings of the reference-data checks. The names are part of the API (clients and
 * audit records may store them); add new constants, do not rename. The Chinese messages that go with them are
 * built where the finding is made and are for display only.
 */
public enum FindingCode {
    // GB 32100-2015 unified social credit code (national-system.md §4.3)
    USCC_EMPTY,
    USCC_LENGTH,
    USCC_CHARSET,
    USCC_REGION_UNKNOWN,
    /** Warning: the province exists but the six digits are not in the current division table (abolished division?). */
    USCC_REGION_NOT_IN_TABLE,
    /** Warning: positions 9–17 are not a GB 11714 organisation code with a correct check character. */
    USCC_ORG_CODE_CHECK,
    USCC_CHECK_CHARACTER,

    // GB/T 2260 administrative divisions (national-system.md §4.4)
    REGION_MISSING,
    REGION_FORMAT,
    REGION_UNKNOWN,
    REGION_WRONG_LEVEL,
    REGION_NOT_IN_PARENT,

    // GB/T 4754-2017 industry classification (national-system.md §4.5)
    INDUSTRY_MISSING,
    INDUSTRY_FORMAT,
    INDUSTRY_UNKNOWN,
    INDUSTRY_NOT_IN_PARENT,
    INDUSTRY_LEVEL_GAP
}
