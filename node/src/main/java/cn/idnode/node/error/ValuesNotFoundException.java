package cn.idnode.node.error;

import cn.idnode.protocol.ResponseCode;

/** RC 200: the record exists but no value matches (or none is public when only public values were asked for). */
public final class ValuesNotFoundException extends HandleException {
    private static final long serialVersionUID = 1L;

    public ValuesNotFoundException(String message) {
        super(ResponseCode.VALUES_NOT_FOUND, message);
    }
}
