package cn.idnode.protocol;

import java.util.Map;

/**
 * A response code (handle-protocol.md §3; 601–605 from idis-extensions.md §9). Only codes in the known set may be
 * sent: both reference client decoders reject anything else.
 */
public record ResponseCode(int code) {
    /** Requests carry 0. */
    public static final ResponseCode RESERVED = new ResponseCode(0);
    public static final ResponseCode SUCCESS = new ResponseCode(1);
    public static final ResponseCode ERROR = new ResponseCode(2);
    public static final ResponseCode SERVER_TOO_BUSY = new ResponseCode(3);
    public static final ResponseCode PROTOCOL_ERROR = new ResponseCode(4);
    public static final ResponseCode OPERATION_NOT_SUPPORTED = new ResponseCode(5);
    public static final ResponseCode RECURSION_COUNT_TOO_HIGH = new ResponseCode(6);
    public static final ResponseCode SERVER_BACKUP = new ResponseCode(7);
    public static final ResponseCode HANDLE_NOT_FOUND = new ResponseCode(100);
    public static final ResponseCode HANDLE_ALREADY_EXISTS = new ResponseCode(101);
    public static final ResponseCode INVALID_HANDLE = new ResponseCode(102);
    public static final ResponseCode VALUES_NOT_FOUND = new ResponseCode(200);
    public static final ResponseCode VALUE_ALREADY_EXISTS = new ResponseCode(201);
    public static final ResponseCode INVALID_VALUE = new ResponseCode(202);
    public static final ResponseCode OUT_OF_DATE_SITE_INFO = new ResponseCode(300);
    public static final ResponseCode SERVER_NOT_RESP = new ResponseCode(301);
    public static final ResponseCode SERVICE_REFERRAL = new ResponseCode(302);
    public static final ResponseCode PREFIX_REFERRAL = new ResponseCode(303);
    public static final ResponseCode INVALID_ADMIN = new ResponseCode(400);
    public static final ResponseCode INSUFFICIENT_PERMISSIONS = new ResponseCode(401);
    public static final ResponseCode AUTHENTICATION_NEEDED = new ResponseCode(402);
    public static final ResponseCode AUTHENTICATION_FAILED = new ResponseCode(403);
    public static final ResponseCode INVALID_CREDENTIAL = new ResponseCode(404);
    public static final ResponseCode AUTHEN_TIMEOUT = new ResponseCode(405);
    public static final ResponseCode AUTHEN_ERROR = new ResponseCode(406);
    public static final ResponseCode SESSION_TIMEOUT = new ResponseCode(500);
    public static final ResponseCode SESSION_FAILED = new ResponseCode(501);
    public static final ResponseCode INVALID_SESSION_KEY = new ResponseCode(502);
    public static final ResponseCode NEED_RSAKEY_FOR_SESSIONEXCHANGE = new ResponseCode(503);
    public static final ResponseCode INVALID_SESSIONSETUP_REQUEST = new ResponseCode(504);
    public static final ResponseCode SESSION_MESSAGE_REJECTED = new ResponseCode(505);
    /** IDIS only (idis-extensions.md §9): never send 601–605 to CNRI clients. */
    public static final ResponseCode IDIS_CHANNEL_ERROR = new ResponseCode(601);
    public static final ResponseCode IDIS_TIME_OUT = new ResponseCode(602);
    public static final ResponseCode IDIS_REQUEST_LIMIT_DAILY = new ResponseCode(603);
    public static final ResponseCode IDIS_REGISTER_COUNT_LIMIT = new ResponseCode(604);
    public static final ResponseCode IDIS_PREFIX_LIMIT = new ResponseCode(605);

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "RESERVED"), Map.entry(1, "SUCCESS"), Map.entry(2, "ERROR"),
            Map.entry(3, "SERVER_TOO_BUSY"), Map.entry(4, "PROTOCOL_ERROR"),
            Map.entry(5, "OPERATION_NOT_SUPPORTED"), Map.entry(6, "RECURSION_COUNT_TOO_HIGH"),
            Map.entry(7, "SERVER_BACKUP"), Map.entry(100, "HANDLE_NOT_FOUND"),
            Map.entry(101, "HANDLE_ALREADY_EXISTS"), Map.entry(102, "INVALID_HANDLE"),
            Map.entry(200, "VALUES_NOT_FOUND"), Map.entry(201, "VALUE_ALREADY_EXISTS"),
            Map.entry(202, "INVALID_VALUE"), Map.entry(300, "OUT_OF_DATE_SITE_INFO"),
            Map.entry(301, "SERVER_NOT_RESP"), Map.entry(302, "SERVICE_REFERRAL"),
            Map.entry(303, "PREFIX_REFERRAL"), Map.entry(400, "INVALID_ADMIN"),
            Map.entry(401, "INSUFFICIENT_PERMISSIONS"), Map.entry(402, "AUTHENTICATION_NEEDED"),
            Map.entry(403, "AUTHENTICATION_FAILED"), Map.entry(404, "INVALID_CREDENTIAL"),
            Map.entry(405, "AUTHEN_TIMEOUT"), Map.entry(406, "AUTHEN_ERROR"), Map.entry(500, "SESSION_TIMEOUT"),
            Map.entry(501, "SESSION_FAILED"), Map.entry(502, "INVALID_SESSION_KEY"),
            Map.entry(503, "NEED_RSAKEY_FOR_SESSIONEXCHANGE"), Map.entry(504, "INVALID_SESSIONSETUP_REQUEST"),
            Map.entry(505, "SESSION_MESSAGE_REJECTED"), Map.entry(601, "IDIS_CHANNEL_ERROR"),
            Map.entry(602, "IDIS_TIME_OUT"), Map.entry(603, "IDIS_REQUEST_LIMIT_DAILY"),
            Map.entry(604, "IDIS_REGISTER_COUNT_LIMIT"), Map.entry(605, "IDIS_PREFIX_LIMIT"));

    public static ResponseCode of(int code) {
        return switch (code) {
            case 0 -> RESERVED;
            case 1 -> SUCCESS;
            default -> new ResponseCode(code);
        };
    }

    /** In the set a CNRI client decodes (1–7, 100–102, 200–202, 300–303, 400–406, 500–505). */
    public boolean isKnownToCnriClients() {
        return code != 0 && code < 600 && NAMES.containsKey(code);
    }

    /** In the set an IDIS client decodes: the CNRI set plus 601–605. */
    public boolean isKnownToIdisClients() {
        return code != 0 && NAMES.containsKey(code);
    }

    public boolean isIdisOnly() {
        return code >= 601 && code <= 605;
    }

    public boolean isError() {
        return code != 1 && code != 302 && code != 303 && code != 402 && code != 0;
    }

    public String name() {
        String n = NAMES.get(code);
        return n != null ? n : "RC_" + code;
    }

    /**
     * The code as written for a peer speaking {@code version}: below 2.5, 7 is written as 303 and 202 as 201
     * (handle-protocol.md §3).
     */
    public ResponseCode forVersion(ProtocolVersion version) {
        if (version.below(ProtocolVersion.V2_5)) {
            if (code == 7) {
                return PREFIX_REFERRAL;
            }
            if (code == 202) {
                return VALUE_ALREADY_EXISTS;
            }
        }
        return this;
    }

    /** Reverses {@link #forVersion} when reading a response from a peer below 2.5 (303 then meant 7). */
    public ResponseCode fromVersion(ProtocolVersion version) {
        return version.below(ProtocolVersion.V2_5) && code == 303 ? SERVER_BACKUP : this;
    }

    @Override
    public String toString() {
        return name() + "(" + code + ")";
    }
}
