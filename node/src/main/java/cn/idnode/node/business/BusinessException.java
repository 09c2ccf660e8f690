package cn.idnode.node.business;

import cn.idnode.node.error.HandleException;
import cn.idnode.protocol.ResponseCode;

/**
 * A business action refused: bad input, an object missing or already there, no permission, not logged in. Each kind
 * carries its Handle response code (for the Handle surfaces) and its SNMS status (snms-api.md §1.1) in one place.
 * Messages go to end users as they are: the SNMS API shows them, so they are stable Chinese text.
 */
public final class BusinessException extends HandleException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, with its Handle response code and SNMS status. */
    public enum Kind {
        INVALID(ResponseCode.INVALID_VALUE, -2),
        NOT_FOUND(ResponseCode.HANDLE_NOT_FOUND, -2),
        CONFLICT(ResponseCode.HANDLE_ALREADY_EXISTS, -2),
        FORBIDDEN(ResponseCode.INSUFFICIENT_PERMISSIONS, -3),
        UNAUTHENTICATED(ResponseCode.AUTHENTICATION_NEEDED, -1);

        private final ResponseCode responseCode;
        private final int snmsStatus;

        Kind(ResponseCode responseCode, int snmsStatus) {
            this.responseCode = responseCode;
            this.snmsStatus = snmsStatus;
        }

        public int snmsStatus() {
            return snmsStatus;
        }
    }

    private final Kind kind;

    public BusinessException(Kind kind, String message) {
        super(kind.responseCode, message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static BusinessException invalid(String message) {
        return new BusinessException(Kind.INVALID, message);
    }

    public static BusinessException notFound(String message) {
        return new BusinessException(Kind.NOT_FOUND, message);
    }

    public static BusinessException conflict(String message) {
        return new BusinessException(Kind.CONFLICT, message);
    }

    public static BusinessException forbidden(String message) {
        return new BusinessException(Kind.FORBIDDEN, message);
    }

    public static BusinessException unauthenticated(String message) {
        return new BusinessException(Kind.UNAUTHENTICATED, message);
    }
}
