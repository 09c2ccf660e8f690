package cn.idnode.protocol;

import java.util.Map;

/**
 * An operation code (handle-protocol.md §2). Known codes have constants; unknown numbers are carried through a
 * decode/encode round trip unchanged and answered with {@link ResponseCode#OPERATION_NOT_SUPPORTED}.
 */
public record OpCode(int code) {
    public static final OpCode RESERVED = new OpCode(0);
    public static final OpCode RESOLUTION = new OpCode(1);
    public static final OpCode GET_SITE_INFO = new OpCode(2);
    public static final OpCode CREATE_HANDLE = new OpCode(100);
    public static final OpCode DELETE_HANDLE = new OpCode(101);
    public static final OpCode ADD_VALUE = new OpCode(102);
    public static final OpCode REMOVE_VALUE = new OpCode(103);
    public static final OpCode MODIFY_VALUE = new OpCode(104);
    public static final OpCode LIST_HANDLES = new OpCode(105);
    public static final OpCode LIST_NA = new OpCode(106);
    public static final OpCode CHALLENGE_RESPONSE = new OpCode(200);
    public static final OpCode VERIFY_CHALLENGE = new OpCode(201);
    public static final OpCode HOME_NA = new OpCode(300);
    public static final OpCode UNHOME_NA = new OpCode(301);
    public static final OpCode LIST_HOMED_NAS = new OpCode(302);
    public static final OpCode SESSION_SETUP = new OpCode(400);
    public static final OpCode SESSION_TERMINATE = new OpCode(401);
    public static final OpCode SESSION_EXCHANGEKEY = new OpCode(402);
    public static final OpCode GET_NEXT_TXN_ID = new OpCode(1000);
    public static final OpCode RETRIEVE_TXN_LOG = new OpCode(1001);
    public static final OpCode DUMP_HANDLES = new OpCode(1002);
    public static final OpCode BACKUP_SERVER = new OpCode(1003);
    /** IDIS extension: connection login (idis-extensions.md §5). */
    public static final OpCode LOGIN_ID_SYSTEM = new OpCode(2001);

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "RESERVED"), Map.entry(1, "RESOLUTION"), Map.entry(2, "GET_SITE_INFO"),
            Map.entry(100, "CREATE_HANDLE"), Map.entry(101, "DELETE_HANDLE"), Map.entry(102, "ADD_VALUE"),
            Map.entry(103, "REMOVE_VALUE"), Map.entry(104, "MODIFY_VALUE"), Map.entry(105, "LIST_HANDLES"),
            Map.entry(106, "LIST_NA"), Map.entry(200, "CHALLENGE_RESPONSE"), Map.entry(201, "VERIFY_CHALLENGE"),
            Map.entry(300, "HOME_NA"), Map.entry(301, "UNHOME_NA"), Map.entry(302, "LIST_HOMED_NAS"),
            Map.entry(400, "SESSION_SETUP"), Map.entry(401, "SESSION_TERMINATE"),
            Map.entry(402, "SESSION_EXCHANGEKEY"), Map.entry(1000, "GET_NEXT_TXN_ID"),
            Map.entry(1001, "RETRIEVE_TXN_LOG"), Map.entry(1002, "DUMP_HANDLES"), Map.entry(1003, "BACKUP_SERVER"),
            Map.entry(2001, "LOGIN_ID_SYSTEM"));

    public static OpCode of(int code) {
        return switch (code) {
            case 1 -> RESOLUTION;
            case 2 -> GET_SITE_INFO;
            default -> new OpCode(code);
        };
    }

    public boolean isKnown() {
        return NAMES.containsKey(code);
    }

    /** The CNRI name without the OC_ prefix, or "OC_&lt;n&gt;" for unknown codes. */
    public String name() {
        String n = NAMES.get(code);
        return n != null ? n : "OC_" + code;
    }

    /** Administrative opcodes: refused on query-only interfaces (handle-protocol.md §2). */
    public boolean isAdministrative() {
        return switch (code) {
            case 100, 101, 102, 103, 104, 105, 300, 301, 302, 1000, 1001, 1002, 1003 -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return name() + "(" + code + ")";
    }
}
