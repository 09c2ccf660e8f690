package cn.idnode.protocol;

/** ASCII-only case folding, the only folding the Handle system uses (no Unicode folding, no normalisation). */
public final class Ascii {
    private Ascii() {}

    public static byte upper(byte b) {
        return b >= 'a' && b <= 'z' ? (byte) (b - 32) : b;
    }

    public static String upper(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, (char) (c - 32));
            }
        }
        return sb == null ? s : sb.toString();
    }

    public static boolean equalsIgnoreCase(String a, String b) {
        return upper(a).equals(upper(b));
    }
}
