package cn.idnode.protocol;

/**
 * HS_ADMIN permission bits (handle-protocol.md §9.1) and their two 12-character text forms: the REST/JSON form
 * (mask in binary, list-handles first) and the batch-file form (the same bits least significant first).
 */
public final class AdminPermissions {
    private AdminPermissions() {}

    public static final int ADD_HANDLE = 0x0001;
    public static final int DELETE_HANDLE = 0x0002;
    public static final int ADD_DERIVED_PREFIX = 0x0004;
    public static final int DELETE_DERIVED_PREFIX = 0x0008;
    public static final int MODIFY_VALUE = 0x0010;
    public static final int REMOVE_VALUE = 0x0020;
    public static final int ADD_VALUE = 0x0040;
    public static final int MODIFY_ADMIN = 0x0080;
    public static final int REMOVE_ADMIN = 0x0100;
    public static final int ADD_ADMIN = 0x0200;
    public static final int READ_VALUE = 0x0400;
    public static final int LIST_HANDLES = 0x0800;
    public static final int ALL = 0x0FFF;

    /** REST form: "011111111111" = 0x07FF. */
    public static String toRestText(int mask) {
        StringBuilder sb = new StringBuilder(12);
        for (int bit = 11; bit >= 0; bit--) {
            sb.append((mask & (1 << bit)) != 0 ? '1' : '0');
        }
        return sb.toString();
    }

    /** Parses the REST form from the right; shorter strings allowed. */
    public static int parseRestText(String text) {
        if (text.isEmpty() || text.length() > 12) {
            throw new IllegalArgumentException("admin permissions must be 1 to 12 binary digits: " + text);
        }
        int mask = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(text.length() - 1 - i);
            if (c == '1') {
                mask |= 1 << i;
            } else if (c != '0') {
                throw new IllegalArgumentException("admin permissions must be binary digits: " + text);
            }
        }
        return mask;
    }

    /** Batch-file form: bit 0x0001 first. */
    public static String toBatchText(int mask) {
        StringBuilder sb = new StringBuilder(12);
        for (int bit = 0; bit < 12; bit++) {
            sb.append((mask & (1 << bit)) != 0 ? '1' : '0');
        }
        return sb.toString();
    }
}
