package cn.idnode.protocol;

/** The per-value permission byte (handle-protocol.md §8). */
public final class ValuePermissions {
    private ValuePermissions() {}

    public static final int ADMIN_READ = 0x08;
    public static final int ADMIN_WRITE = 0x04;
    public static final int PUBLIC_READ = 0x02;
    public static final int PUBLIC_WRITE = 0x01;
    /** "1110": the default for new values. */
    public static final int DEFAULT = ADMIN_READ | ADMIN_WRITE | PUBLIC_READ;
    /** "1100": the default for HS_SECKEY values. */
    public static final int SECRET = ADMIN_READ | ADMIN_WRITE;

    public static boolean publicRead(int p) {
        return (p & PUBLIC_READ) != 0;
    }

    public static boolean adminRead(int p) {
        return (p & ADMIN_READ) != 0;
    }

    public static boolean adminWrite(int p) {
        return (p & ADMIN_WRITE) != 0;
    }

    public static boolean publicWrite(int p) {
        return (p & PUBLIC_WRITE) != 0;
    }

    /** The 4-character REST form "adminRead adminWrite publicRead publicWrite", e.g. "1110". */
    public static String toText(int p) {
        return (adminRead(p) ? "1" : "0") + (adminWrite(p) ? "1" : "0") + (publicRead(p) ? "1" : "0")
                + (publicWrite(p) ? "1" : "0");
    }

    /** Parses the REST form from the right ("10" = public read only); "*" = all four. */
    public static int parse(String text) {
        if (text.equals("*")) {
            return ADMIN_READ | ADMIN_WRITE | PUBLIC_READ | PUBLIC_WRITE;
        }
        if (text.isEmpty() || text.length() > 4) {
            throw new IllegalArgumentException("permissions must be 1 to 4 binary digits or \"*\": " + text);
        }
        int p = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(text.length() - 1 - i);
            if (c == '1') {
                p |= 1 << i;
            } else if (c != '0') {
                throw new IllegalArgumentException("permissions must be binary digits: " + text);
            }
        }
        return p;
    }
}
