package cn.idnode.node.error;

import cn.idnode.protocol.ResponseCode;

/** RC 100: no record under this handle. */
public final class HandleNotFoundException extends HandleException {
    private static final long serialVersionUID = 1L;

    public HandleNotFoundException(String handle) {
        super(ResponseCode.HANDLE_NOT_FOUND, "handle not found: " + handle);
    }
}
