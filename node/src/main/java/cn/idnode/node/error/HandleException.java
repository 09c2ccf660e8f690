package cn.idnode.node.error;

import cn.idnode.protocol.ResponseCode;

/**
 * Every failure an operation reports to a client: a Handle response code and a message, mapped once to each
 * surface's form (Handle error body, REST status and JSON). Subclasses name the common cases; the HTTP status of
 * each code is declared in {@link HttpStatuses}.
 *
 * <p>Messages go to clients: they say what was wrong with the request, never how the server is built.
 */
public class HandleException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ResponseCode responseCode;

    public HandleException(ResponseCode responseCode, String message) {
        super(message, null, false, false);
        if (!responseCode.isKnownToIdisClients()) {
            throw new IllegalArgumentException("not a sendable response code: " + responseCode);
        }
        this.responseCode = responseCode;
    }

    public ResponseCode responseCode() {
        return responseCode;
    }

    /** The HTTP status for this error on REST surfaces (handle-protocol.md §20.6). */
    public int httpStatus() {
        return HttpStatuses.forError(responseCode);
    }

    public static HandleException protocolError(String message) {
        return new HandleException(ResponseCode.PROTOCOL_ERROR, message);
    }

    public static HandleException invalidHandle(String message) {
        return new HandleException(ResponseCode.INVALID_HANDLE, message);
    }

    public static HandleException notSupported(String message) {
        return new HandleException(ResponseCode.OPERATION_NOT_SUPPORTED, message);
    }

    public static HandleException busy(String message) {
        return new HandleException(ResponseCode.SERVER_TOO_BUSY, message);
    }

    public static HandleException internal(String message) {
        return new HandleException(ResponseCode.ERROR, message);
    }
}
