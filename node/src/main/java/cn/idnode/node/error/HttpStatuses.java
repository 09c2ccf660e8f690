package cn.idnode.node.error;

import cn.idnode.protocol.ResponseCode;

/** Handle response codes to HTTP statuses, in one place (handle-protocol.md §20.6). */
public final class HttpStatuses {
    private HttpStatuses() {}

    /** The status of an error or referral. VALUES_NOT_FOUND is 400 here; resolution answers it with 200 itself. */
    public static int forError(ResponseCode rc) {
        return switch (rc.code()) {
            case 1 -> 200;
            case 302, 303 -> 300;
            case 100 -> 404;
            case 101, 201 -> 409;
            case 4, 102, 202, 301, 200 -> 400;
            case 5 -> 501;
            case 3, 7 -> 503;
            case 402 -> 401;
            case 400, 401, 403, 404 -> 403;
            case 603 -> 429;
            case 604, 605 -> 403;
            default -> 500;
        };
    }
}
