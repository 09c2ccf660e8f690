package cn.idnode.node.error;

import cn.idnode.protocol.ResponseCode;

/** RC 301: this server is not responsible for the handle (its prefix is not homed here). */
public final class NotResponsibleException extends HandleException {
    private static final long serialVersionUID = 1L;

    public NotResponsibleException(String message) {
        super(ResponseCode.SERVER_NOT_RESP, message);
    }
}
