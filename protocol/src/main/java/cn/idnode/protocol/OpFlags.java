package cn.idnode.protocol;

/** OpFlag bits of the message header (handle-protocol.md §4). The flags travel as a plain int. */
public final class OpFlags {
    private OpFlags() {}

    public static final int AUTHORITATIVE = 0x80000000;
    public static final int CERTIFY = 0x40000000;
    public static final int ENCRYPT = 0x20000000;
    public static final int RECURSIVE = 0x10000000;
    public static final int CACHE_CERTIFY = 0x08000000;
    public static final int CONTINUOUS = 0x04000000;
    public static final int KEEP_ALIVE = 0x02000000;
    public static final int PUBLIC_ONLY = 0x01000000;
    public static final int RETURN_REQUEST_DIGEST = 0x00800000;
    public static final int OVERWRITE = 0x00400000;
    public static final int MINT_NEW_SUFFIX = 0x00200000;
    public static final int DO_NOT_REFER = 0x00100000;
    /** IDIS: the resolution body carries an identity token (idis-extensions.md §8). */
    public static final int IDIS_IDENTITY_TOKEN = 0x00000004;

    /** Request flags copied into the response (§4.1). */
    public static final int COPIED_TO_RESPONSE = CERTIFY | ENCRYPT | CACHE_CERTIFY | PUBLIC_ONLY | DO_NOT_REFER
            | RETURN_REQUEST_DIGEST;

    public static boolean has(int flags, int bit) {
        return (flags & bit) != 0;
    }

    public static String describe(int flags) {
        StringBuilder sb = new StringBuilder();
        append(sb, flags, AUTHORITATIVE, "AT");
        append(sb, flags, CERTIFY, "CT");
        append(sb, flags, ENCRYPT, "ENC");
        append(sb, flags, RECURSIVE, "REC");
        append(sb, flags, CACHE_CERTIFY, "CA");
        append(sb, flags, CONTINUOUS, "CN");
        append(sb, flags, KEEP_ALIVE, "KA");
        append(sb, flags, PUBLIC_ONLY, "PO");
        append(sb, flags, RETURN_REQUEST_DIGEST, "RD");
        append(sb, flags, OVERWRITE, "OVRW");
        append(sb, flags, MINT_NEW_SUFFIX, "MINT");
        append(sb, flags, DO_NOT_REFER, "DNRF");
        append(sb, flags, IDIS_IDENTITY_TOKEN, "TOKEN");
        return sb.length() == 0 ? "-" : sb.toString();
    }

    private static void append(StringBuilder sb, int flags, int bit, String name) {
        if ((flags & bit) != 0) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(name);
        }
    }
}
