package cn.idnode.server.http;

/** A JSON request body or import file is not acceptable; the message says which member and why. */
public final class JsonInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JsonInputException(String message) {
        super(message);
    }
}
