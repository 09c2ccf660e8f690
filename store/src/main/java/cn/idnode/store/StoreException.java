package cn.idnode.store;

/** The engine failed (I/O error, corruption, closed store). Callers answer "server error" and log it. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
