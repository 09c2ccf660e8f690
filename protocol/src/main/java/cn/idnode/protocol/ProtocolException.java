package cn.idnode.protocol;

/**
 * A message could not be decoded (or must not be encoded). Carries the response code to answer with: almost always
 * {@link ResponseCode#PROTOCOL_ERROR}, {@link ResponseCode#OPERATION_NOT_SUPPORTED} for unknown opcodes.
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ResponseCode responseCode;

    public ProtocolException(ResponseCode responseCode, String message) {
        super(message, null, false, false);
        this.responseCode = responseCode;
    }

    public static ProtocolException malformed(String message) {
        return new ProtocolException(ResponseCode.PROTOCOL_ERROR, message);
    }

    public ResponseCode responseCode() {
        return responseCode;
    }
}
