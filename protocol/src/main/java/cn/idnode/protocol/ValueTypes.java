package cn.idnode.protocol;

/**
 * Well-known value type names (handle-protocol.md §9) and the type-matching rule of resolution requests (§7.1):
 * ASCII case-insensitive; a requested type ending in '.' matches that type and all its sub-types
 * ({@code URL.} matches {@code URL} and {@code URL.us}); otherwise the match is exact ({@code HS_SITE} does not match
 * {@code HS_SITE.6}).
 */
public final class ValueTypes {
    private ValueTypes() {}

    public static final ByteString HS_ADMIN = ByteString.utf8("HS_ADMIN");
    public static final ByteString HS_VLIST = ByteString.utf8("HS_VLIST");
    public static final ByteString HS_PUBKEY = ByteString.utf8("HS_PUBKEY");
    public static final ByteString HS_SECKEY = ByteString.utf8("HS_SECKEY");
    public static final ByteString HS_SITE = ByteString.utf8("HS_SITE");
    public static final ByteString HS_SITE_6 = ByteString.utf8("HS_SITE.6");
    public static final ByteString HS_SITE_PREFIX = ByteString.utf8("HS_SITE.PREFIX");
    public static final ByteString HS_SERV = ByteString.utf8("HS_SERV");
    public static final ByteString HS_SERV_PREFIX = ByteString.utf8("HS_SERV.PREFIX");
    public static final ByteString HS_NA_DELEGATE = ByteString.utf8("HS_NA_DELEGATE");
    public static final ByteString HS_ALIAS = ByteString.utf8("HS_ALIAS");
    public static final ByteString HS_NAMESPACE = ByteString.utf8("HS_NAMESPACE");
    public static final ByteString HS_CERT = ByteString.utf8("HS_CERT");
    public static final ByteString HS_SIGNATURE = ByteString.utf8("HS_SIGNATURE");
    public static final ByteString URL = ByteString.utf8("URL");
    public static final ByteString EMAIL = ByteString.utf8("EMAIL");

    /** Does a stored type match a requested type? */
    public static boolean matches(ByteString requested, ByteString actual) {
        return matches(requested.array(), 0, requested.length(), actual.array(), 0, actual.length());
    }

    /** Same, over raw ranges (used on stored encodings without decoding them). */
    public static boolean matches(byte[] req, int reqOff, int reqLen, byte[] act, int actOff, int actLen) {
        if (reqLen > 0 && req[reqOff + reqLen - 1] == '.') {
            int baseLen = reqLen - 1;
            if (actLen == baseLen) {
                return equalsIgnoreCase(req, reqOff, act, actOff, baseLen);
            }
            return actLen > baseLen && equalsIgnoreCase(req, reqOff, act, actOff, reqLen);
        }
        return actLen == reqLen && equalsIgnoreCase(req, reqOff, act, actOff, reqLen);
    }

    /** True if {@code type} equals {@code name} ignoring ASCII case. */
    public static boolean is(ByteString type, ByteString name) {
        return type.equalsIgnoreAsciiCase(name);
    }

    private static boolean equalsIgnoreCase(byte[] a, int aOff, byte[] b, int bOff, int len) {
        for (int i = 0; i < len; i++) {
            if (Ascii.upper(a[aOff + i]) != Ascii.upper(b[bOff + i])) {
                return false;
            }
        }
        return true;
    }
}
