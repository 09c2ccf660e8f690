package cn.idnode.node.record;

/**
 * A read in non-blocking mode needed I/O. The caller repeats the whole operation on the business executor. Thrown
 * often on a cold cache, so it has no stack trace and a single shared instance.
 */
public final class WouldBlockException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public static final WouldBlockException INSTANCE = new WouldBlockException();

    private WouldBlockException() {
        super("read would block", null, false, false);
    }
}
