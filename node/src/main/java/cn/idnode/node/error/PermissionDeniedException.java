package cn.idnode.node.error;

import cn.idnode.protocol.ResponseCode;

/** RC 400 (not an admin for this operation) or RC 401 (value not readable / not writable). */
public final class PermissionDeniedException extends HandleException {
    private static final long serialVersionUID = 1L;

    private PermissionDeniedException(ResponseCode code, String message) {
        super(code, message);
    }

    public static PermissionDeniedException notAdmin(String message) {
        return new PermissionDeniedException(ResponseCode.INVALID_ADMIN, message);
    }

    public static PermissionDeniedException insufficient(String message) {
        return new PermissionDeniedException(ResponseCode.INSUFFICIENT_PERMISSIONS, message);
    }
}
